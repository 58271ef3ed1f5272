#pragma once
// Constructors for the concrete adapters. Callers normally use
// make_provider (factory.hpp), which adds retries, rate limits and the cache.

#include <memory>
#include <string>

#include "evalbench/core/model.hpp"
#include "evalbench/providers/provider.hpp"

namespace evalbench {

class HttpClient;

// The key's value is only ever placed in a request header; `env_name` is the
// variable it came from, used in error hints (never the value).
struct Credentials {
    std::string api_key;
    std::string env_name;
};

std::unique_ptr<Provider> make_openai_provider(const ModelSpec& model, Credentials credentials,
                                               std::shared_ptr<HttpClient> http);
std::unique_ptr<Provider> make_anthropic_provider(const ModelSpec& model, Credentials credentials,
                                                  std::shared_ptr<HttpClient> http);
std::unique_ptr<Provider> make_gemini_provider(const ModelSpec& model, Credentials credentials,
                                               std::shared_ptr<HttpClient> http);
std::unique_ptr<Provider> make_exec_provider(const ModelSpec& model);
std::unique_ptr<Provider> make_mock_provider(const ModelSpec& model);

}  // namespace evalbench

#pragma once
// Helpers for tests of the HTTP provider adapters against the fake LLM
// server (fake_server.hpp): one table entry per provider API, and builders
// for model entries and requests.

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "evalbench/providers/adapters.hpp"
#include "evalbench/providers/http.hpp"
#include "support/fake_server.hpp"

namespace evalbench::test {

using AdapterFactory = std::function<std::unique_ptr<Provider>(const ModelSpec&, Credentials,
                                                               std::shared_ptr<HttpClient>)>;

struct HttpApi {
    std::string name;         // provider name
    std::string base_suffix;  // appended to the fake server's URL for base_url
    std::string key_header;   // the header the key travels in (lower case)
    std::string env_name;
    AdapterFactory make;
};

inline std::vector<HttpApi> http_apis() {
    return {
        {"openai", "/v1", "authorization", "OPENAI_API_KEY", &make_openai_provider},
        {"anthropic", "", "x-api-key", "ANTHROPIC_API_KEY", &make_anthropic_provider},
        {"gemini", "", "x-goog-api-key", "GEMINI_API_KEY", &make_gemini_provider},
    };
}

inline ModelSpec model_on(const FakeServer& server, const HttpApi& api, const std::string& model = "m1") {
    ModelSpec spec;
    spec.id = api.name + "-model";
    spec.provider = api.name;
    spec.model = model;
    spec.base_url = server.base_url(api.base_suffix);
    return spec;
}

inline Credentials key_for(const HttpApi& api, const std::string& key = "sk-test-secret-123") {
    return Credentials{key, api.env_name};
}

inline Request ask(const std::string& text, bool stream = false) {
    Request request;
    request.messages = {{"system", "Be brief."}, {"user", text}};
    request.stream = stream;
    request.timeout_s = 20.0;
    return request;
}

// A provider for `api` pointed at `server`, with a fresh curl client.
inline std::unique_ptr<Provider> provider_on(const FakeServer& server, const HttpApi& api,
                                             Credentials credentials) {
    return api.make(model_on(server, api), std::move(credentials), make_curl_http_client());
}

}  // namespace evalbench::test

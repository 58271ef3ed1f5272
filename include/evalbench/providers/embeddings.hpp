#pragma once
// A client for OpenAI-compatible embeddings endpoints
// (POST {base_url}/embeddings {model, input}), used by the `similar` check.

#include <expected>
#include <string>
#include <vector>

#include "evalbench/providers/adapters.hpp"
#include "evalbench/providers/http.hpp"

namespace evalbench {

struct EmbeddingsOptions {
    std::string base_url;  // empty: https://api.openai.com/v1
    std::string model;
    Credentials credentials;  // sent as `Authorization: Bearer` when the key is not empty
    double timeout_s = 60.0;
};

// One vector per input, in input order. The error says what failed and,
// where known, what to fix (never the key).
std::expected<std::vector<std::vector<double>>, std::string> fetch_embeddings(
    HttpClient& http, const EmbeddingsOptions& options, const std::vector<std::string>& inputs);

std::expected<std::vector<double>, std::string> fetch_embedding(HttpClient& http, const EmbeddingsOptions& options,
                                                                const std::string& input);

}  // namespace evalbench

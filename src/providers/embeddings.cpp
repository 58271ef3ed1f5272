// OpenAI-format embeddings: one request for a batch of inputs; the answer's
// `data` entries carry an `index`, which puts them back in input order
// (servers are allowed to return them in any order).

#include "evalbench/providers/embeddings.hpp"

#include <fmt/format.h>

#include "http_adapter.hpp"

namespace evalbench {

namespace {

constexpr const char* k_default_base = "https://api.openai.com/v1";

}  // namespace

std::expected<std::vector<std::vector<double>>, std::string> fetch_embeddings(
    HttpClient& http, const EmbeddingsOptions& options, const std::vector<std::string>& inputs) {
    Endpoint endpoint;
    endpoint.provider = "embeddings";
    endpoint.model = options.model;
    endpoint.base_url = join_url(options.base_url.empty() ? k_default_base : options.base_url, "");
    endpoint.credentials = options.credentials;
    if (inputs.empty()) {
        return std::vector<std::vector<double>>{};
    }

    const Json body{{"model", options.model}, {"input", inputs}};
    HttpRequest request = json_post(join_url(endpoint.base_url, "embeddings"), body, options.timeout_s);
    if (!options.credentials.api_key.empty()) {
        request.headers.push_back({"Authorization", "Bearer " + options.credentials.api_key});
    }
    const HttpResult response = http.send(request);
    if (!response) {
        return std::unexpected(error_from_transport(response.error(), endpoint).message);
    }
    if (response->status < 200 || response->status >= 300) {
        return std::unexpected(error_from_status(*response, endpoint).message);
    }
    const Json answer = Json::parse(response->body, nullptr, false);
    const auto fail = [&](const std::string& why) {
        return std::unexpected(protocol_error(endpoint, why).message);
    };
    if (!answer.is_object() || !answer.contains("data") || !answer["data"].is_array()) {
        return fail("no `data` array in the embeddings answer");
    }
    std::vector<std::vector<double>> vectors(inputs.size());
    std::size_t position = 0;
    for (const Json& item : answer["data"]) {
        const std::size_t index = item.contains("index") ? static_cast<std::size_t>(json_int(item, "index")) : position;
        ++position;
        if (index >= vectors.size() || !item.contains("embedding") || !item["embedding"].is_array()) {
            return fail(fmt::format("embedding entry {} is malformed or out of range", index));
        }
        for (const Json& value : item["embedding"]) {
            if (!value.is_number()) {
                return fail(fmt::format("embedding {} holds a non-number", index));
            }
            vectors[index].push_back(value.get<double>());
        }
    }
    for (std::size_t i = 0; i < vectors.size(); ++i) {
        if (vectors[i].empty()) {
            return fail(fmt::format("no embedding came back for input {}", i));
        }
    }
    return vectors;
}

std::expected<std::vector<double>, std::string> fetch_embedding(HttpClient& http, const EmbeddingsOptions& options,
                                                                const std::string& input) {
    auto vectors = fetch_embeddings(http, options, {input});
    if (!vectors) {
        return std::unexpected(std::move(vectors.error()));
    }
    return std::move(vectors->front());
}

}  // namespace evalbench

// The embeddings client against the fake server's /v1/embeddings.

#include <catch2/catch.hpp>

#include <cmath>

#include "evalbench/providers/embeddings.hpp"
#include "support/fake_http_client.hpp"
#include "support/fake_server.hpp"

using evalbench::Json;
using evalbench::test::FakeServer;

namespace {

double cosine(const std::vector<double>& a, const std::vector<double>& b) {
    double dot = 0.0;
    double na = 0.0;
    double nb = 0.0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        dot += a[i] * b[i];
        na += a[i] * a[i];
        nb += b[i] * b[i];
    }
    return dot / std::sqrt(na * nb);
}

}  // namespace

TEST_CASE("embeddings are fetched in one request and come back in input order", "[providers]") {
    FakeServer server;
    auto http = evalbench::make_curl_http_client();
    evalbench::EmbeddingsOptions options;
    options.base_url = server.base_url("/v1/");
    options.model = "embed-small";
    options.credentials = {"sk-embed", "OPENAI_API_KEY"};

    const auto vectors = evalbench::fetch_embeddings(*http, options, {"the cat sat", "a dog ran", "the cat sat"});
    REQUIRE(vectors.has_value());
    REQUIRE(vectors->size() == 3);
    CHECK((*vectors)[0].size() == 32);
    CHECK(cosine((*vectors)[0], (*vectors)[2]) == Approx(1.0));
    CHECK(cosine((*vectors)[0], (*vectors)[1]) < 0.99);

    const Json sent = server.last_request();
    CHECK(sent["path"] == "/v1/embeddings");
    CHECK(sent["headers"]["authorization"] == "Bearer sk-embed");
    CHECK(sent["body"] == Json{{"model", "embed-small"}, {"input", {"the cat sat", "a dog ran", "the cat sat"}}});

    const auto single = evalbench::fetch_embedding(*http, options, "the cat sat");
    REQUIRE(single.has_value());
    CHECK(*single == (*vectors)[0]);
}

TEST_CASE("embedding failures are messages that name the endpoint and never the key", "[providers]") {
    auto http = std::make_shared<evalbench::test::FakeHttpClient>();
    evalbench::EmbeddingsOptions options;
    options.base_url = "http://emb.local/v1";
    options.model = "e";
    options.credentials = {"sk-embed", "EMBED_KEY"};
    using evalbench::test::FakeHttpClient;

    SECTION("an HTTP error") {
        http->answers.push_back(FakeHttpClient::response(401, R"({"error":{"message":"bad key sk-embed"}})",
                                                         "application/json"));
        const auto result = evalbench::fetch_embedding(*http, options, "x");
        REQUIRE_FALSE(result.has_value());
        CHECK(result.error().find("EMBED_KEY") != std::string::npos);
        CHECK(result.error().find("sk-embed") == std::string::npos);
    }
    SECTION("an answer without data") {
        http->answers.push_back(FakeHttpClient::response(200, R"({"object":"list"})", "application/json"));
        const auto result = evalbench::fetch_embedding(*http, options, "x");
        REQUIRE_FALSE(result.has_value());
        CHECK(result.error().find("no `data` array") != std::string::npos);
    }
    SECTION("a missing vector") {
        http->answers.push_back(FakeHttpClient::response(
            200, R"({"data":[{"index":1,"embedding":[1.0]}]})", "application/json"));
        const auto result = evalbench::fetch_embeddings(*http, options, {"a", "b"});
        REQUIRE_FALSE(result.has_value());
        CHECK(result.error().find("no embedding came back for input 0") != std::string::npos);
    }
    SECTION("entries out of order are put back in order") {
        http->answers.push_back(FakeHttpClient::response(
            200, R"({"data":[{"index":1,"embedding":[2.0]},{"index":0,"embedding":[1.0]}]})", "application/json"));
        const auto result = evalbench::fetch_embeddings(*http, options, {"a", "b"});
        REQUIRE(result.has_value());
        CHECK((*result)[0] == std::vector<double>{1.0});
        CHECK((*result)[1] == std::vector<double>{2.0});
        CHECK(http->sent.at(0).url == "http://emb.local/v1/embeddings");
    }
    SECTION("a transport failure") {
        http->answers.push_back(std::unexpected(evalbench::HttpError{evalbench::HttpErrorKind::connect,
                                                                     "Connection refused", 0, 1.0}));
        const auto result = evalbench::fetch_embedding(*http, options, "x");
        REQUIRE_FALSE(result.has_value());
        CHECK(result.error().find("Connection refused") != std::string::npos);
        CHECK(result.error().find("http://emb.local/v1") != std::string::npos);
    }
}

// The OpenAI adapter's exact requests and its reading of plain and streamed
// answers, against the fake server.

#include <catch2/catch.hpp>

#include "support/fake_http_client.hpp"
#include "support/http_providers.hpp"

using evalbench::Completion;
using evalbench::FinishReason;
using evalbench::Json;
using evalbench::ProviderResult;
using evalbench::Request;
using evalbench::test::FakeServer;

namespace {

const evalbench::test::HttpApi& openai() {
    static const evalbench::test::HttpApi api = evalbench::test::http_apis().at(0);
    return api;
}

Json weather_tool() {
    return Json{{"name", "get_weather"},
                {"description", "Weather for a city"},
                {"parameters", {{"type", "object"}, {"properties", {{"city", {{"type", "string"}}}}}}}};
}

}  // namespace

TEST_CASE("openai: the plain request has the documented path, headers and body", "[providers]") {
    FakeServer server;
    auto provider = evalbench::test::provider_on(server, openai(), evalbench::test::key_for(openai()));
    Request request = evalbench::test::ask("What is 2+2?");
    request.params = Json{{"temperature", 0.2}, {"max_completion_tokens", 300}, {"reasoning_effort", "low"},
                          {"seed", 7}, {"response_format", {{"type", "json_object"}}}};
    REQUIRE(provider->complete(request).has_value());

    const Json sent = server.last_request();
    CHECK(sent["path"] == "/v1/chat/completions");
    CHECK(sent["headers"]["authorization"] == "Bearer sk-test-secret-123");
    CHECK(sent["headers"]["content-type"] == "application/json");
    CHECK_FALSE(sent["headers"].contains("x-api-key"));
    const Json& body = sent["body"];
    CHECK(body["model"] == "m1");
    CHECK(body["messages"] == Json::parse(R"([{"role":"system","content":"Be brief."},
                                              {"role":"user","content":"What is 2+2?"}])"));
    CHECK(body["temperature"] == 0.2);
    CHECK(body["max_completion_tokens"] == 300);
    CHECK(body["reasoning_effort"] == "low");
    CHECK(body["seed"] == 7);
    CHECK(body["response_format"]["type"] == "json_object");
    CHECK_FALSE(body.contains("stream"));
    CHECK_FALSE(body.contains("stream_options"));
    CHECK_FALSE(body.contains("tools"));
}

TEST_CASE("openai: a plain answer fills the whole completion", "[providers]") {
    FakeServer server;
    auto provider = evalbench::test::provider_on(server, openai(), evalbench::test::key_for(openai()));
    server.script({{"content", "Four."}, {"reasoning_tokens", 12}, {"input_tokens", 9}});
    const ProviderResult result = provider->complete(evalbench::test::ask("What is 2+2?"));
    REQUIRE(result.has_value());
    CHECK(result->content == "Four.");
    CHECK_FALSE(result->refusal.has_value());
    CHECK(result->finish == FinishReason::stop);
    CHECK(result->finish_raw == "stop");
    CHECK(result->usage.reported);
    CHECK(result->usage.input_tokens == 9);
    CHECK(result->usage.output_tokens == 13);  // 1 visible + 12 reasoning, as completion_tokens
    CHECK(result->usage.reasoning_tokens == 12);
    CHECK(result->served_model == "m1-0001");
    CHECK(result->fingerprint == "fp_fake");
    CHECK(result->latency_ms > 0.0);
    CHECK_FALSE(result->ttft_ms.has_value());
    CHECK(result->tool_calls.empty());
}

TEST_CASE("openai: a trailing slash in base_url does not double the slash", "[providers]") {
    FakeServer server;
    evalbench::ModelSpec model = evalbench::test::model_on(server, openai());
    model.base_url += "/";
    auto provider = evalbench::make_openai_provider(model, {}, evalbench::make_curl_http_client());
    REQUIRE(provider->complete(evalbench::test::ask("hi")).has_value());
    CHECK(server.last_request()["path"] == "/v1/chat/completions");
    // A compatible server without a key gets no Authorization header at all.
    CHECK_FALSE(server.last_request()["headers"].contains("authorization"));
}

TEST_CASE("openai: streaming asks for usage and assembles the deltas", "[providers]") {
    FakeServer server;
    auto provider = evalbench::test::provider_on(server, openai(), evalbench::test::key_for(openai()));
    server.script({{"content", "The answer is four."}, {"reasoning_tokens", 5}});
    const ProviderResult result = provider->complete(evalbench::test::ask("What is 2+2?", true));
    REQUIRE(result.has_value());
    const Json body = server.last_request()["body"];
    CHECK(body["stream"] == true);
    CHECK(body["stream_options"] == Json{{"include_usage", true}});
    CHECK(server.last_request()["headers"]["accept"] == "text/event-stream");

    CHECK(result->content == "The answer is four.");
    CHECK(result->finish == FinishReason::stop);
    CHECK(result->usage.reported);
    CHECK(result->usage.output_tokens == 9);
    CHECK(result->usage.reasoning_tokens == 5);
    CHECK(result->served_model == "m1-0001");
    CHECK(result->fingerprint == "fp_fake");
    REQUIRE(result->ttft_ms.has_value());
    CHECK(*result->ttft_ms <= result->latency_ms);
}

TEST_CASE("openai: tools are sent as functions and tool calls come back, plain and streamed", "[providers]") {
    FakeServer server;
    auto provider = evalbench::test::provider_on(server, openai(), evalbench::test::key_for(openai()));
    for (const bool stream : {false, true}) {
        INFO((stream ? "streamed" : "plain"));
        Request request = evalbench::test::ask("Weather in Oslo?", stream);
        request.tools = Json::array({weather_tool()});
        request.tool_choice = Json{{"name", "get_weather"}};
        server.script({{"tool_calls", {{{"name", "get_weather"}, {"arguments", {{"city", "Oslo"}}}}}}});
        const ProviderResult result = provider->complete(request);
        REQUIRE(result.has_value());
        const Json body = server.last_request()["body"];
        CHECK(body["tools"] == Json::array({Json{{"type", "function"}, {"function", weather_tool()}}}));
        CHECK(body["tool_choice"] == Json{{"type", "function"}, {"function", {{"name", "get_weather"}}}});
        CHECK(result->finish == FinishReason::tool_calls);
        REQUIRE(result->tool_calls.size() == 1);
        CHECK(result->tool_calls[0].id == "call_0");
        CHECK(result->tool_calls[0].name == "get_weather");
        CHECK(Json::parse(result->tool_calls[0].arguments) == Json{{"city", "Oslo"}});
    }
    Request request = evalbench::test::ask("hi");
    request.tools = Json::array({weather_tool()});
    request.tool_choice = "required";
    REQUIRE(provider->complete(request).has_value());
    CHECK(server.last_request()["body"]["tool_choice"] == "required");
}

TEST_CASE("openai: refusals and silent refusals are recognised, plain and streamed", "[providers]") {
    FakeServer server;
    auto provider = evalbench::test::provider_on(server, openai(), evalbench::test::key_for(openai()));
    for (const bool stream : {false, true}) {
        INFO((stream ? "streamed" : "plain"));
        server.script({{"refusal", "I can't help with that."}});
        ProviderResult result = provider->complete(evalbench::test::ask("something bad", stream));
        REQUIRE(result.has_value());
        CHECK(result->finish == FinishReason::refusal);
        CHECK(result->finish_raw == "stop");
        CHECK(result->refusal == "I can't help with that.");
        CHECK(result->content.empty());

        server.script({{"silent_refusal", true}, {"reasoning_tokens", 300}});
        result = provider->complete(evalbench::test::ask("hard puzzle", stream));
        REQUIRE(result.has_value());
        CHECK(result->content.empty());
        CHECK(result->finish == FinishReason::length);
        CHECK(result->usage.reasoning_tokens == 300);
        CHECK(evalbench::is_silent_refusal(*result));
        CHECK_FALSE(result->ttft_ms.has_value());  // no text ever came
    }
}

TEST_CASE("openai: finish reasons are normalised", "[providers]") {
    FakeServer server;
    auto provider = evalbench::test::provider_on(server, openai(), evalbench::test::key_for(openai()));
    const std::vector<std::pair<std::string, FinishReason>> table = {
        {"stop", FinishReason::stop},
        {"length", FinishReason::length},
        {"content_filter", FinishReason::content_filter},
        {"tool_calls", FinishReason::tool_calls},
        {"function_call", FinishReason::tool_calls},
        {"something_new", FinishReason::error},
    };
    for (const bool stream : {false, true}) {
        for (const auto& [raw, expected] : table) {
            INFO(raw << (stream ? " streamed" : " plain"));
            server.script({{"finish_raw", raw}});
            const ProviderResult result = provider->complete(evalbench::test::ask("hi", stream));
            REQUIRE(result.has_value());
            CHECK(result->finish == expected);
            CHECK(result->finish_raw == raw);
        }
    }
}

TEST_CASE("openai: a compatible server that answers a stream request with plain JSON is still read",
          "[providers]") {
    auto http = std::make_shared<evalbench::test::FakeHttpClient>();
    http->piece_size = 7;
    http->answers.push_back(evalbench::test::FakeHttpClient::response(
        200,
        R"({"model":"llama3","choices":[{"message":{"role":"assistant","content":"hi"},"finish_reason":"stop"}]})",
        "application/json"));
    evalbench::ModelSpec model;
    model.model = "llama3";
    model.base_url = "http://localhost:11434/v1/";
    auto provider = evalbench::make_openai_provider(model, {}, http);
    const ProviderResult result = provider->complete(evalbench::test::ask("hi", true));
    REQUIRE(result.has_value());
    CHECK(http->sent.at(0).url == "http://localhost:11434/v1/chat/completions");
    CHECK(result->content == "hi");
    CHECK(result->served_model == "llama3");
    CHECK_FALSE(result->usage.reported);
}

TEST_CASE("openai: a stream closed by [DONE] without any chunk is accepted, one without either is cut off",
          "[providers]") {
    auto http = std::make_shared<evalbench::test::FakeHttpClient>();
    using evalbench::test::FakeHttpClient;
    http->answers.push_back(FakeHttpClient::response(
        200, "data: {\"choices\":[{\"delta\":{\"content\":\"a\"}}]}\n\ndata: [DONE]\n\n", "text/event-stream"));
    http->answers.push_back(FakeHttpClient::response(
        200, "data: {\"choices\":[{\"delta\":{\"content\":\"a\"}}]}\n\n", "text/event-stream"));
    evalbench::ModelSpec model;
    model.model = "m";
    auto provider = evalbench::make_openai_provider(model, {}, http);
    const ProviderResult done = provider->complete(evalbench::test::ask("hi", true));
    REQUIRE(done.has_value());
    CHECK(done->content == "a");
    CHECK(done->finish == FinishReason::stop);
    const ProviderResult cut = provider->complete(evalbench::test::ask("hi", true));
    REQUIRE_FALSE(cut.has_value());
    CHECK(cut.error().kind == evalbench::ErrorKind::protocol);
    CHECK(cut.error().message.find("before a finish_reason") != std::string::npos);
}

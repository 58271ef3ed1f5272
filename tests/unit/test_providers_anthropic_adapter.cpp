// The Anthropic adapter's exact requests and its reading of plain and
// streamed answers.

#include <catch2/catch.hpp>

#include "support/fake_http_client.hpp"
#include "support/http_providers.hpp"

using evalbench::FinishReason;
using evalbench::Json;
using evalbench::ProviderResult;
using evalbench::Request;
using evalbench::test::FakeServer;

namespace {

const evalbench::test::HttpApi& anthropic() {
    static const evalbench::test::HttpApi api = evalbench::test::http_apis().at(1);
    return api;
}

}  // namespace

TEST_CASE("anthropic: the request has x-api-key, the version header, top-level system and max_tokens",
          "[providers]") {
    FakeServer server;
    auto provider = evalbench::test::provider_on(server, anthropic(), evalbench::test::key_for(anthropic()));
    Request request = evalbench::test::ask("Hello?");
    request.messages.push_back({"assistant", "Hi."});
    request.messages.push_back({"user", "Again?"});
    request.params = Json{{"temperature", 0.5}, {"stop", "END"}, {"top_k", 5}};
    REQUIRE(provider->complete(request).has_value());

    const Json sent = server.last_request();
    CHECK(sent["path"] == "/v1/messages");
    CHECK(sent["headers"]["x-api-key"] == "sk-test-secret-123");
    CHECK(sent["headers"]["anthropic-version"] == "2023-06-01");
    CHECK_FALSE(sent["headers"].contains("authorization"));
    const Json& body = sent["body"];
    CHECK(body["model"] == "m1");
    CHECK(body["max_tokens"] == 4096);
    CHECK(body["system"] == "Be brief.");
    CHECK(body["messages"] == Json::parse(R"([{"role":"user","content":"Hello?"},
        {"role":"assistant","content":"Hi."},{"role":"user","content":"Again?"}])"));
    CHECK(body["temperature"] == 0.5);
    CHECK(body["top_k"] == 5);
    CHECK(body["stop_sequences"] == Json::array({"END"}));
    CHECK_FALSE(body.contains("stop"));
    CHECK_FALSE(body.contains("stream"));

    SECTION("max_tokens comes from the params, under either name") {
        request.params = Json{{"max_tokens", 100}};
        REQUIRE(provider->complete(request).has_value());
        CHECK(server.last_request()["body"]["max_tokens"] == 100);
        request.params = Json{{"max_completion_tokens", 200}};
        REQUIRE(provider->complete(request).has_value());
        CHECK(server.last_request()["body"]["max_tokens"] == 200);
        CHECK_FALSE(server.last_request()["body"].contains("max_completion_tokens"));
    }
    SECTION("no system message means no system field") {
        request.messages.erase(request.messages.begin());
        REQUIRE(provider->complete(request).has_value());
        CHECK_FALSE(server.last_request()["body"].contains("system"));
    }
}

TEST_CASE("anthropic: plain and streamed answers fill the completion and skip thinking", "[providers]") {
    FakeServer server;
    auto provider = evalbench::test::provider_on(server, anthropic(), evalbench::test::key_for(anthropic()));
    for (const bool stream : {false, true}) {
        INFO((stream ? "streamed" : "plain"));
        server.script({{"content", "Paris is the capital."}, {"thinking", "secret chain"}, {"input_tokens", 11}});
        const ProviderResult result = provider->complete(evalbench::test::ask("Capital of France?", stream));
        REQUIRE(result.has_value());
        CHECK(server.last_request()["body"].value("stream", false) == stream);
        CHECK(result->content == "Paris is the capital.");
        CHECK(result->finish == FinishReason::stop);
        CHECK(result->finish_raw == "end_turn");
        CHECK(result->usage.reported);
        CHECK(result->usage.input_tokens == 11);
        CHECK(result->usage.output_tokens == 4);
        CHECK(result->served_model == "m1-0001");
        CHECK(result->ttft_ms.has_value() == stream);
    }
}

TEST_CASE("anthropic: tools use input_schema and tool_use blocks become tool calls", "[providers]") {
    FakeServer server;
    auto provider = evalbench::test::provider_on(server, anthropic(), evalbench::test::key_for(anthropic()));
    const Json tool = Json{{"name", "lookup"}, {"description", "Find a user"},
                           {"parameters", {{"type", "object"}, {"properties", {{"id", {{"type", "integer"}}}}}}}};
    for (const bool stream : {false, true}) {
        INFO((stream ? "streamed" : "plain"));
        Request request = evalbench::test::ask("Who is 42?", stream);
        request.tools = Json::array({tool});
        request.tool_choice = Json{{"name", "lookup"}};
        server.script({{"content", "Let me look."}, {"tool_calls", {{{"name", "lookup"}, {"arguments", {{"id", 42}}}}}}});
        const ProviderResult result = provider->complete(request);
        REQUIRE(result.has_value());
        const Json body = server.last_request()["body"];
        CHECK(body["tools"] == Json::array({Json{{"name", "lookup"}, {"description", "Find a user"},
                                                 {"input_schema", tool["parameters"]}}}));
        CHECK(body["tool_choice"] == Json{{"type", "tool"}, {"name", "lookup"}});
        CHECK(result->content == "Let me look.");
        CHECK(result->finish == FinishReason::tool_calls);
        CHECK(result->finish_raw == "tool_use");
        REQUIRE(result->tool_calls.size() == 1);
        CHECK(result->tool_calls[0].id == "toolu_0");
        CHECK(result->tool_calls[0].name == "lookup");
        CHECK(Json::parse(result->tool_calls[0].arguments) == Json{{"id", 42}});
    }
    Request request = evalbench::test::ask("hi");
    request.tools = Json::array({tool});
    for (const auto& [choice, sent] : std::vector<std::pair<std::string, std::string>>{
             {"required", "any"}, {"auto", "auto"}, {"none", "none"}}) {
        request.tool_choice = choice;
        REQUIRE(provider->complete(request).has_value());
        CHECK(server.last_request()["body"]["tool_choice"] == Json{{"type", sent}});
    }
}

TEST_CASE("anthropic: stop reasons are normalised, plain and streamed", "[providers]") {
    FakeServer server;
    auto provider = evalbench::test::provider_on(server, anthropic(), evalbench::test::key_for(anthropic()));
    const std::vector<std::pair<std::string, FinishReason>> table = {
        {"end_turn", FinishReason::stop},        {"stop_sequence", FinishReason::stop},
        {"max_tokens", FinishReason::length},    {"refusal", FinishReason::refusal},
        {"tool_use", FinishReason::tool_calls},  {"pause_turn", FinishReason::stop},
        {"unheard_of", FinishReason::error},
    };
    for (const bool stream : {false, true}) {
        for (const auto& [raw, expected] : table) {
            INFO(raw << (stream ? " streamed" : " plain"));
            server.script({{"finish_raw", raw}});
            const ProviderResult result = provider->complete(evalbench::test::ask("hi there", stream));
            REQUIRE(result.has_value());
            CHECK(result->finish == expected);
            CHECK(result->finish_raw == raw);
        }
    }
    server.script({{"silent_refusal", true}});
    const ProviderResult result = provider->complete(evalbench::test::ask("think hard", true));
    REQUIRE(result.has_value());
    CHECK(evalbench::is_silent_refusal(*result));
}

TEST_CASE("anthropic: a stream cut into single bytes with CRLF decodes the same, TTFT at the first text",
          "[providers]") {
    auto http = std::make_shared<evalbench::test::FakeHttpClient>();
    const std::string stream =
        "event: message_start\r\ndata: {\"type\":\"message_start\",\"message\":{\"model\":\"claude-x\","
        "\"usage\":{\"input_tokens\":3,\"cache_read_input_tokens\":100,\"output_tokens\":1}}}\r\n\r\n"
        "event: content_block_start\r\ndata: {\"type\":\"content_block_start\",\"index\":0,"
        "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\r\n\r\n"
        ": a comment\r\n\r\n"
        "event: content_block_delta\r\ndata: {\"type\":\"content_block_delta\",\"index\":0,"
        "\"delta\":{\"type\":\"text_delta\",\"text\":\"\"}}\r\n\r\n"
        "event: content_block_delta\r\ndata: {\"type\":\"content_block_delta\",\"index\":0,"
        "\"delta\":{\"type\":\"text_delta\",\"text\":\"Hi\"}}\r\n\r\n"
        "event: content_block_start\r\ndata: {\"type\":\"content_block_start\",\"index\":1,"
        "\"content_block\":{\"type\":\"tool_use\",\"id\":\"t1\",\"name\":\"noop\",\"input\":{}}}\r\n\r\n"
        "event: message_delta\r\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"tool_use\"},"
        "\"usage\":{\"output_tokens\":7}}\r\n\r\n"
        "event: message_stop\r\ndata: {\"type\":\"message_stop\"}\r\n\r\n";
    http->answers.push_back(evalbench::test::FakeHttpClient::response(200, stream, "text/event-stream"));
    evalbench::ModelSpec model;
    model.model = "claude-x";
    auto provider = evalbench::make_anthropic_provider(model, {"k", "ANTHROPIC_API_KEY"}, http);
    const ProviderResult result = provider->complete(evalbench::test::ask("hi", true));
    REQUIRE(result.has_value());
    CHECK(http->sent.at(0).url == "https://api.anthropic.com/v1/messages");
    CHECK(result->content == "Hi");
    CHECK(result->usage.input_tokens == 103);
    CHECK(result->usage.output_tokens == 7);
    REQUIRE(result->tool_calls.size() == 1);
    CHECK(result->tool_calls[0].arguments == "{}");
    CHECK(result->finish == FinishReason::tool_calls);
    // One byte per millisecond: TTFT is when the "Hi" event completed (at the
    // second '\r' of its blank line), not the empty delta before it.
    const std::size_t second_cr = stream.find("\"Hi\"}}\r\n\r\n") + std::string("\"Hi\"}}\r\n").size();
    REQUIRE(result->ttft_ms.has_value());
    CHECK(*result->ttft_ms == Approx(static_cast<double>(second_cr + 1)));
}

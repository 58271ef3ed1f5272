// A conversation that already used a tool (an assistant turn with tool
// calls, then the tool's result) reaches each API in that API's own shape.

#include <catch2/catch.hpp>

#include "support/http_providers.hpp"

using evalbench::Json;
using evalbench::Message;
using evalbench::Request;
using evalbench::ToolCall;
using evalbench::test::FakeServer;

namespace {

Request conversation_with_tool_result() {
    Request request = evalbench::test::ask("ignored");
    Message call("assistant", "");
    call.tool_calls.push_back(ToolCall{"call_1", "get_weather", R"({"city":"Oslo"})"});
    Message result("tool", "{\"celsius\": -3}");
    result.tool_call_id = "call_1";
    result.name = "get_weather";
    request.messages = {Message("system", "Be brief."), Message("user", "Weather in Oslo?"), call, result};
    return request;
}

Json sent_body(const std::string& api_name) {
    FakeServer server;
    for (const evalbench::test::HttpApi& api : evalbench::test::http_apis()) {
        if (api.name == api_name) {
            auto provider = evalbench::test::provider_on(server, api, evalbench::test::key_for(api));
            REQUIRE(provider->complete(conversation_with_tool_result()).has_value());
            return server.last_request()["body"];
        }
    }
    FAIL("no such api " << api_name);
    return nullptr;
}

}  // namespace

TEST_CASE("openai: tool turns carry tool_calls and tool_call_id", "[providers]") {
    const Json messages = sent_body("openai")["messages"];
    REQUIRE(messages.size() == 4);
    CHECK(messages[2]["role"] == "assistant");
    CHECK(messages[2]["content"].is_null());
    CHECK(messages[2]["tool_calls"][0] == Json{{"id", "call_1"},
                                               {"type", "function"},
                                               {"function", {{"name", "get_weather"}, {"arguments", R"({"city":"Oslo"})"}}}});
    CHECK(messages[3] == Json{{"role", "tool"}, {"content", "{\"celsius\": -3}"}, {"tool_call_id", "call_1"}});
}

TEST_CASE("anthropic: tool turns become tool_use and tool_result blocks", "[providers]") {
    const Json messages = sent_body("anthropic")["messages"];
    REQUIRE(messages.size() == 3);
    CHECK(messages[1]["role"] == "assistant");
    CHECK(messages[1]["content"] == Json::array({Json{{"type", "tool_use"},
                                                      {"id", "call_1"},
                                                      {"name", "get_weather"},
                                                      {"input", {{"city", "Oslo"}}}}}));
    CHECK(messages[2]["role"] == "user");
    CHECK(messages[2]["content"] == Json::array({Json{{"type", "tool_result"},
                                                      {"tool_use_id", "call_1"},
                                                      {"content", "{\"celsius\": -3}"}}}));
}

TEST_CASE("gemini: tool turns become functionCall and functionResponse parts", "[providers]") {
    const Json contents = sent_body("gemini")["contents"];
    REQUIRE(contents.size() == 3);
    CHECK(contents[1]["role"] == "model");
    CHECK(contents[1]["parts"] ==
          Json::array({Json{{"functionCall", {{"name", "get_weather"}, {"args", {{"city", "Oslo"}}}}}}}));
    CHECK(contents[2]["role"] == "user");
    CHECK(contents[2]["parts"] == Json::array({Json{
                                      {"functionResponse",
                                       {{"name", "get_weather"}, {"response", {{"content", "{\"celsius\": -3}"}}}}}}}));
}

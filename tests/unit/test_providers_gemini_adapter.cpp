// The Gemini adapter's exact requests and its reading of plain and streamed
// answers.

#include <catch2/catch.hpp>

#include "support/fake_http_client.hpp"
#include "support/http_providers.hpp"

using evalbench::FinishReason;
using evalbench::Json;
using evalbench::ProviderResult;
using evalbench::Request;
using evalbench::test::FakeServer;

namespace {

const evalbench::test::HttpApi& gemini() {
    static const evalbench::test::HttpApi api = evalbench::test::http_apis().at(2);
    return api;
}

}  // namespace

TEST_CASE("gemini: the request has the documented URL, key header, contents and generationConfig",
          "[providers]") {
    FakeServer server;
    auto provider = evalbench::test::provider_on(server, gemini(), evalbench::test::key_for(gemini()));
    Request request = evalbench::test::ask("Hello?");
    request.messages.push_back({"assistant", "Hi."});
    request.messages.push_back({"user", "Again?"});
    request.params = Json{{"temperature", 0.1},     {"max_tokens", 256},     {"top_p", 0.9},
                          {"top_k", 40},            {"stop", "END"},         {"seed", 3},
                          {"reasoning_effort", "low"}, {"response_format", {{"type", "json_object"}}},
                          {"safetySettings", Json::array({{{"category", "HARM_CATEGORY_HATE_SPEECH"},
                                                           {"threshold", "BLOCK_NONE"}}})},
                          {"responseLogprobs", true}};
    REQUIRE(provider->complete(request).has_value());

    const Json sent = server.last_request();
    CHECK(sent["path"] == "/v1beta/models/m1:generateContent");
    CHECK(sent["headers"]["x-goog-api-key"] == "sk-test-secret-123");
    CHECK_FALSE(sent["headers"].contains("authorization"));
    const Json& body = sent["body"];
    CHECK(body["contents"] == Json::parse(R"([{"role":"user","parts":[{"text":"Hello?"}]},
        {"role":"model","parts":[{"text":"Hi."}]},{"role":"user","parts":[{"text":"Again?"}]}])"));
    CHECK(body["systemInstruction"] == Json::parse(R"({"parts":[{"text":"Be brief."}]})"));
    CHECK(body["generationConfig"] == Json::parse(R"({"temperature":0.1,"maxOutputTokens":256,"topP":0.9,
        "topK":40,"stopSequences":["END"],"seed":3,"thinkingConfig":{"thinkingBudget":1024},
        "responseMimeType":"application/json","responseLogprobs":true})"));
    CHECK(body["safetySettings"].size() == 1);
    CHECK_FALSE(body.contains("model"));
}

TEST_CASE("gemini: URLs work with a trailing slash, a versioned base and a models/ prefix", "[providers]") {
    CHECK(evalbench::join_url("http://h/", "v1beta/models/x:generateContent") ==
          "http://h/v1beta/models/x:generateContent");
    auto http = std::make_shared<evalbench::test::FakeHttpClient>();
    const auto url_for = [&](const std::string& base, const std::string& name, bool stream) {
        evalbench::ModelSpec model;
        model.model = name;
        model.base_url = base;
        http->answers.push_back(std::unexpected(evalbench::HttpError{}));
        std::ignore = evalbench::make_gemini_provider(model, {}, http)->complete(evalbench::test::ask("x", stream));
        return http->sent.back().url;
    };
    CHECK(url_for("", "gemini-2.5-flash", false) ==
          "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:generateContent");
    CHECK(url_for("http://h:1/", "g", true) == "http://h:1/v1beta/models/g:streamGenerateContent?alt=sse");
    CHECK(url_for("http://h:1/v1beta/", "models/g", false) == "http://h:1/v1beta/models/g:generateContent");
}

TEST_CASE("gemini: plain and streamed answers fill the completion, thoughts billed as output", "[providers]") {
    FakeServer server;
    auto provider = evalbench::test::provider_on(server, gemini(), evalbench::test::key_for(gemini()));
    for (const bool stream : {false, true}) {
        INFO((stream ? "streamed" : "plain"));
        server.script({{"content", "Blue, mostly."}, {"thinking", "Rayleigh..."}, {"reasoning_tokens", 40},
                       {"input_tokens", 6}});
        const ProviderResult result = provider->complete(evalbench::test::ask("Sky colour?", stream));
        REQUIRE(result.has_value());
        CHECK(server.last_request()["path"] ==
              (stream ? "/v1beta/models/m1:streamGenerateContent?alt=sse" : "/v1beta/models/m1:generateContent"));
        CHECK(result->content == "Blue, mostly.");
        CHECK(result->finish == FinishReason::stop);
        CHECK(result->finish_raw == "STOP");
        CHECK(result->usage.input_tokens == 6);
        CHECK(result->usage.output_tokens == 2 + 40);
        CHECK(result->usage.reasoning_tokens == 40);
        CHECK(result->served_model == "m1-0001");
        CHECK(result->ttft_ms.has_value() == stream);
    }
}

TEST_CASE("gemini: tools become functionDeclarations and functionCall parts tool calls", "[providers]") {
    FakeServer server;
    auto provider = evalbench::test::provider_on(server, gemini(), evalbench::test::key_for(gemini()));
    const Json tool = Json{{"name", "add"}, {"description", "Adds"},
                           {"parameters", {{"type", "object"}, {"properties", {{"a", {{"type", "number"}}}}}}}};
    for (const bool stream : {false, true}) {
        INFO((stream ? "streamed" : "plain"));
        Request request = evalbench::test::ask("1+2?", stream);
        request.tools = Json::array({tool});
        request.tool_choice = Json{{"name", "add"}};
        server.script({{"content", ""}, {"tool_calls", {{{"name", "add"}, {"arguments", {{"a", 1}, {"b", 2}}}}}}});
        const ProviderResult result = provider->complete(request);
        REQUIRE(result.has_value());
        const Json body = server.last_request()["body"];
        CHECK(body["tools"] == Json::array({Json{{"functionDeclarations", Json::array({tool})}}}));
        CHECK(body["toolConfig"] ==
              Json::parse(R"({"functionCallingConfig":{"mode":"ANY","allowedFunctionNames":["add"]}})"));
        CHECK(result->finish == FinishReason::tool_calls);
        CHECK(result->finish_raw == "STOP");
        REQUIRE(result->tool_calls.size() == 1);
        CHECK(result->tool_calls[0].name == "add");
        CHECK(Json::parse(result->tool_calls[0].arguments) == Json{{"a", 1}, {"b", 2}});
    }
    Request request = evalbench::test::ask("hi");
    request.tools = Json::array({tool});
    request.tool_choice = "none";
    REQUIRE(provider->complete(request).has_value());
    CHECK(server.last_request()["body"]["toolConfig"]["functionCallingConfig"]["mode"] == "NONE");
}

TEST_CASE("gemini: finish reasons and blocked prompts are normalised", "[providers]") {
    FakeServer server;
    auto provider = evalbench::test::provider_on(server, gemini(), evalbench::test::key_for(gemini()));
    const std::vector<std::pair<std::string, FinishReason>> table = {
        {"STOP", FinishReason::stop},
        {"MAX_TOKENS", FinishReason::length},
        {"SAFETY", FinishReason::content_filter},
        {"RECITATION", FinishReason::content_filter},
        {"BLOCKLIST", FinishReason::content_filter},
        {"PROHIBITED_CONTENT", FinishReason::content_filter},
        {"SPII", FinishReason::content_filter},
        {"MALFORMED_FUNCTION_CALL", FinishReason::error},
        {"OTHER", FinishReason::error},
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
        INFO("blocked prompt" << (stream ? " streamed" : " plain"));
        server.script({{"block_reason", "SAFETY"}, {"input_tokens", 8}});
        const ProviderResult blocked = provider->complete(evalbench::test::ask("something bad", stream));
        REQUIRE(blocked.has_value());
        CHECK(blocked->finish == FinishReason::content_filter);
        CHECK(blocked->finish_raw == "SAFETY");
        CHECK(blocked->content.empty());
        CHECK(blocked->usage.input_tokens == 8);
        CHECK(blocked->usage.output_tokens == 0);

        server.script({{"silent_refusal", true}, {"reasoning_tokens", 500}});
        const ProviderResult silent = provider->complete(evalbench::test::ask("hard", stream));
        REQUIRE(silent.has_value());
        CHECK(evalbench::is_silent_refusal(*silent));
        CHECK(silent->usage.output_tokens == 500);
    }
}

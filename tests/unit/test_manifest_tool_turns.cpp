#include <catch2/catch.hpp>

#include "evalbench/manifest/loader.hpp"
#include "support/temp_dir.hpp"

using namespace evalbench;

namespace {

LoadResult load_with_messages(const test::TempDir& dir, const std::string& messages) {
    dir.write("m.yaml", "name: t\nversion: 1\nsuites: [s.yaml]\nmodels: [{id: m, provider: mock, model: scripted}]\n");
    dir.write("s.yaml", "cases:\n  - id: c\n    checks: [{contains: x}]\n    messages:\n" + messages);
    return load_manifest(dir.path() / "m.yaml");
}

std::string all_messages(const LoadResult& result) {
    std::string text;
    for (const Diagnostic& diagnostic : result.diagnostics) {
        text += diagnostic.message + "\n";
    }
    return text;
}

}  // namespace

TEST_CASE("a conversation may contain tool calls and their results", "[manifest]") {
    test::TempDir dir;
    const LoadResult result = load_with_messages(dir, R"(      - {role: user, content: "Weather in Oslo?"}
      - role: assistant
        tool_calls: [{id: call_1, name: get_weather, arguments: {city: Oslo}}]
      - {role: tool, tool_call_id: call_1, content: '{"celsius": -3}'}
      - {role: user, content: "And tomorrow?"}
)");
    REQUIRE(result.manifest);
    const std::vector<Message>& messages = result.manifest->cases.at(0).messages;
    REQUIRE(messages.size() == 4);
    REQUIRE(messages[1].tool_calls.size() == 1);
    CHECK(messages[1].content.empty());
    CHECK(messages[1].tool_calls[0].name == "get_weather");
    CHECK(Json::parse(messages[1].tool_calls[0].arguments) == Json{{"city", "Oslo"}});
    CHECK(messages[2].tool_call_id == "call_1");
    CHECK(messages[2].name == "get_weather");  // taken from the call it answers
}

TEST_CASE("tool turns that do not fit together are located errors", "[manifest]") {
    test::TempDir dir;
    SECTION("a result for a call nobody made") {
        const LoadResult result = load_with_messages(dir, R"(      - {role: user, content: hi}
      - {role: tool, tool_call_id: nope, content: x}
)");
        CHECK_FALSE(result.manifest);
        CHECK(all_messages(result).find("tool_call_id 'nope' answers no earlier assistant tool call") !=
              std::string::npos);
    }
    SECTION("tool calls on a user turn, and a tool turn without its id") {
        const LoadResult result = load_with_messages(dir, R"(      - {role: user, content: hi, tool_calls: []}
      - {role: tool, content: x}
)");
        const std::string text = all_messages(result);
        CHECK(text.find("only an assistant message has 'tool_calls'") != std::string::npos);
        CHECK(text.find("tool_call_id") != std::string::npos);
    }
}

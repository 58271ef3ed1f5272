#include <catch2/catch.hpp>

#include "evalbench/scoring/check_json.hpp"

using namespace evalbench;

TEST_CASE("a check given as JSON reads its common keys as a suite would", "[scoring]") {
    Diagnostics diagnostics;
    const CheckSpec spec = check_spec_from_json(
        Json{{"type", "not-contains"}, {"value", "x"}, {"weight", 2}, {"threshold", 0.5}, {"gate", false},
             {"dimension", "output_structure"}},
        {"in.jsonl", 3, 1}, diagnostics);
    CHECK(diagnostics.empty());
    CHECK(spec.type == "contains");
    CHECK(spec.negate);
    CHECK(spec.weight == 2.0);
    CHECK(spec.threshold == 0.5);
    CHECK_FALSE(spec.gate);
    CHECK(spec.dimension == "output_structure");
    CHECK(spec.params["value"] == "x");
}

TEST_CASE("common keys of the wrong type are located diagnostics", "[scoring]") {
    Diagnostics diagnostics;
    std::ignore = check_spec_from_json(
        Json{{"type", "contains"}, {"weight", "heavy"}, {"threshold", true}, {"gate", "no"}, {"dimension", 3}},
        {"in.jsonl", 7, 1}, diagnostics);
    REQUIRE(diagnostics.size() == 4);
    CHECK(diagnostics[0].format() == "in.jsonl:7:1: check \"weight\" must be a number");
    CHECK(diagnostics[1].format() == "in.jsonl:7:1: check \"threshold\" must be a number");
    CHECK(diagnostics[2].format() == "in.jsonl:7:1: check \"gate\" must be true or false");
    CHECK(diagnostics[3].format() == "in.jsonl:7:1: check \"dimension\" must be a string");
}

TEST_CASE("tool calls read from JSON keep text arguments and serialise objects", "[scoring]") {
    const ToolCall text = tool_call_from_json(Json{{"id", "c1"}, {"name", "f"}, {"arguments", R"({"a":1})"}});
    CHECK(text.arguments == R"({"a":1})");
    const ToolCall object = tool_call_from_json(Json{{"name", "f"}, {"arguments", {{"a", 1}}}}, "call_0");
    CHECK(object.id == "call_0");
    CHECK(object.arguments == R"({"a":1})");
    CHECK(tool_call_from_json(Json{{"name", "f"}}).arguments == "{}");
    CHECK(to_json(object) == Json{{"id", "call_0"}, {"name", "f"}, {"arguments", R"({"a":1})"}});
}

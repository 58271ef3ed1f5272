// is-json and contains-json, and the JSON finder behind them.

#include <catch2/catch.hpp>

#include "../../src/scoring/json_extract.hpp"
#include "test_scoring_text_support.hpp"

namespace evalbench {

using test::diagnose;
using test::passes;
using test::score;

TEST_CASE("is-json accepts a whole answer that is JSON, trimmed", "[scoring]") {
    const Json check = {{"type", "is-json"}};
    CHECK(passes(check, "{\"a\": 1}"));
    CHECK(passes(check, "\n  [1, 2, 3]  \n"));
    CHECK(passes(check, "42"));
    CHECK_FALSE(passes(check, "Here: {\"a\": 1}"));
    CHECK_FALSE(passes(check, "{\"a\": 1} trailing"));
    CHECK_FALSE(passes(check, ""));
    CHECK_FALSE(passes(check, "{'a': 1}"));
    CHECK(score(check, "{\"a\": 1}").reason == "answer is JSON, an object: \"{\\\"a\\\": 1}\"");
}

TEST_CASE("is-json reads one fenced block that is the whole answer", "[scoring]") {
    const Json check = {{"type", "is-json"}};
    CHECK(passes(check, "```json\n{\"a\": [1, 2]}\n```"));
    CHECK(passes(check, "  ```\n[true]\n```\n"));
    CHECK_THAT(score(check, "```json\n{}\n```").reason, Catch::Contains("(in a fenced block)"));
    CHECK_FALSE(passes(check, "```json\n{}\n```\nDone."));
    CHECK_FALSE(passes(check, "```json\n{}\n```\n```json\n{}\n```"));
}

TEST_CASE("is-json says where the JSON broke", "[scoring]") {
    const CheckResult result = score({{"type", "is-json"}}, "{\"a\": 1,}");
    CHECK_FALSE(result.pass);
    CHECK_THAT(result.reason, Catch::StartsWith("answer is not JSON: parse error at line 1, column 9"));
    CHECK_THAT(result.reason, Catch::EndsWith("; answer \"{\\\"a\\\": 1,}\""));
}

TEST_CASE("reasons stay valid UTF-8 whatever the answer's bytes", "[scoring]") {
    // The journal is JSON: a reason with a broken byte would make it throw.
    for (const std::string answer : {"{\"a\xc3\": 1", "{\xff}", "[\"\xe2\x80\"]", "x\xc3'"}) {
        for (const char* type : {"is-json", "contains-json", "not-is-json"}) {
            const CheckResult result = score({{"type", type}}, answer);
            CHECK_NOTHROW(Json(result.reason).dump());
        }
    }
}

TEST_CASE("is-json with a kind wants an object or an array", "[scoring]") {
    const Json object = {{"type", "is-json"}, {"kind", "object"}};
    CHECK(passes(object, "{}"));
    CHECK_FALSE(passes(object, "[]"));
    CHECK(score(object, "[1]").reason == "answer is JSON but an array, expected a JSON object: \"[1]\"");
    CHECK(passes({{"type", "is-json"}, {"kind", "array"}}, "```json\n[]\n```"));
    CHECK_FALSE(passes({{"type", "is-json"}, {"kind", "array"}}, "\"text\""));
}

TEST_CASE("not-is-json passes on prose", "[scoring]") {
    const CheckResult result = score({{"type", "not-is-json"}}, "Just words.");
    CHECK(result.pass);
    CHECK_THAT(result.reason, Catch::StartsWith("as required, not: answer is not JSON"));
    CHECK_FALSE(passes({{"type", "not-is-json"}}, "{}"));
}

TEST_CASE("a bad kind is a located error with a suggestion", "[scoring]") {
    const Diagnostics diagnostics = diagnose({{"type", "contains-json"}, {"kind", "objet"}});
    REQUIRE(diagnostics.size() == 1);
    CHECK(diagnostics[0].where.line == 11);
    CHECK_THAT(diagnostics[0].message, Catch::Contains("'objet' is not a valid value for 'kind' (did you mean 'object'?)"));
    CHECK(diagnose({{"type", "is-json"}, {"kind", 1}}).size() == 1);
}

TEST_CASE("contains-json finds the first JSON object or array in prose", "[scoring]") {
    const Json check = {{"type", "contains-json"}};
    CHECK(passes(check, "Sure! Here it is: {\"name\": \"Ada\", \"tags\": [\"x\"]} Hope that helps."));
    CHECK(score(check, "Result: {\"a\": 1} ok").reason == "found an object at char 8: \"{\\\"a\\\": 1}\"");
    CHECK_FALSE(passes(check, "No JSON here, just {braces} and [brackets."));
    CHECK(score(check, "nothing").reason == "no JSON object or array found in \"nothing\"");
    SECTION("a bracket inside a string does not end the object") {
        CHECK(score(check, "x {\"s\": \"}{]\"} y").reason == "found an object at char 2: \"{\\\"s\\\": \\\"}{]\\\"}\"");
    }
    SECTION("an invalid outer span still lets an inner object be found") {
        CHECK(score(check, "{like {\"a\": 1}}").reason == "found an object at char 6: \"{\\\"a\\\": 1}\"");
    }
    SECTION("kind restricts what counts") {
        const Json object = {{"type", "contains-json"}, {"kind", "object"}};
        CHECK(score(object, "See [1]. Then {\"a\": [2]}").reason == "found an object at char 14: \"{\\\"a\\\": [2]}\"");
        CHECK_FALSE(passes(object, "only [1, 2]"));
        CHECK(passes({{"type", "contains-json"}, {"kind", "array"}}, "only [1, 2]"));
    }
}

TEST_CASE("contains-json prefers a fenced json block", "[scoring]") {
    const Json check = {{"type", "contains-json"}};
    const std::string answer = "Example {\"x\": 0}.\n\n```json\n{\"real\": true}\n```\n";
    const CheckResult result = score(check, answer);
    CHECK(result.pass);
    CHECK(result.reason == "found an object at char 27 (in a ```json block): \"{\\\"real\\\": true}\"");
    // A broken json block falls back to the prose.
    CHECK_THAT(score(check, "```json\n{oops}\n```\nbut [1]").reason, Catch::StartsWith("found an array"));
}

TEST_CASE("the JSON finder gives up after a bounded number of candidates", "[scoring]") {
    std::string answer;
    for (std::size_t index = 0; index < k_max_candidates + 10; ++index) {
        answer += "{x} ";
    }
    answer += "{\"late\": 1}";
    CHECK_FALSE(find_json(answer, JsonKind::any).has_value());
    CHECK(find_json(answer.substr(answer.size() - 40), JsonKind::any).has_value());
}

TEST_CASE("whole_json reports the error position", "[scoring]") {
    JsonSyntaxError error;
    CHECK_FALSE(whole_json("[1, 2", &error));
    CHECK(error.byte == 5);
    CHECK_THAT(error.message, Catch::Contains("unexpected end of input"));
    CHECK_FALSE(whole_json("[1, x]", &error));
    CHECK(error.byte == 4);
    const std::optional<JsonText> found = whole_json("  {\"a\":1}", &error);
    REQUIRE(found);
    CHECK(found->offset == 2);
    CHECK(found->top == JsonTop::object);
}

}  // namespace evalbench

// json-path: both path spellings, the three predicates, bad definitions.

#include <catch2/catch.hpp>

#include "../../src/scoring/json_path.hpp"
#include "test_scoring_text_support.hpp"

namespace evalbench {

using test::diagnose;
using test::passes;
using test::score;

namespace {

const std::string k_answer =
    "Here you go:\n```json\n{\"user\": {\"name\": \"Ada\", \"age\": 36, \"tags\": [\"math\", \"code\"],"
    " \"a.b\": 1, \"a/b\": 2, \"m~n\": 3, \"nil\": null}}\n```";

Json path_check(const std::string& path, const std::string& predicate, Json value) {
    return {{"type", "json-path"}, {"path", path}, {predicate, std::move(value)}};
}

}  // namespace

TEST_CASE("json-path walks dotted, bracketed and pointer paths", "[scoring]") {
    CHECK(passes(path_check("$.user.name", "equals", "Ada"), k_answer));
    CHECK(passes(path_check("$.user.tags[1]", "equals", "code"), k_answer));
    CHECK(passes(path_check("$.user.tags.0", "equals", "math"), k_answer));
    CHECK(passes(path_check("$['user'][\"a.b\"]", "equals", 1), k_answer));
    CHECK(passes(path_check("/user/tags/1", "equals", "code"), k_answer));
    CHECK(passes(path_check("/user/a~1b", "equals", 2), k_answer));
    CHECK(passes(path_check("/user/m~0n", "equals", 3), k_answer));
    CHECK(passes(path_check("$", "exists", true), k_answer));
}

TEST_CASE("json-path equals compares JSON values", "[scoring]") {
    CHECK(passes(path_check("$.user.age", "equals", 36.0), k_answer));
    CHECK_FALSE(passes(path_check("$.user.age", "equals", "36"), k_answer));
    CHECK(passes(path_check("$.user.tags", "equals", Json::array({"math", "code"})), k_answer));
    CHECK(passes(path_check("$.user.nil", "equals", nullptr), k_answer));
    const CheckResult wrong = score(path_check("$.user.name", "equals", "Bob"), k_answer);
    CHECK_FALSE(wrong.pass);
    CHECK(wrong.reason == "$.user.name is \"Ada\", expected \"Bob\"");
}

TEST_CASE("json-path matches strings as they are and numbers as written", "[scoring]") {
    CHECK(passes(path_check("$.user.name", "matches", "^A"), k_answer));
    CHECK_FALSE(passes(path_check("$.user.name", "matches", "^a"), k_answer));
    CHECK(passes(path_check("$.user.name", "matches", "(?i)^a"), k_answer));
    CHECK(passes(path_check("$.user.age", "matches", "^3\\d$"), k_answer));
    const CheckResult object = score(path_check("$.user", "matches", "."), k_answer);
    CHECK_FALSE(object.pass);
    CHECK_THAT(object.reason, Catch::Contains("$.user is object"));
}

TEST_CASE("json-path exists and its negation", "[scoring]") {
    CHECK(passes(path_check("$.user.age", "exists", true), k_answer));
    CHECK_FALSE(passes(path_check("$.user.email", "exists", true), k_answer));
    CHECK(passes(path_check("$.user.email", "exists", false), k_answer));
    CHECK(passes({{"type", "not-json-path"}, {"path", "$.user.email"}, {"exists", true}}, k_answer));
    CHECK(score(path_check("$.user.email", "exists", true), k_answer).reason ==
          "$.user.email does not exist: no key \"email\" in the object at $.user");
    CHECK(score(path_check("$.user.tags[5]", "exists", true), k_answer).reason ==
          "$.user.tags[5] does not exist: index 5 is past the end of the array at $.user.tags (2 items)");
    CHECK(score(path_check("$.user.name.first", "exists", true), k_answer).reason ==
          "$.user.name.first does not exist: expected an object at $.user.name, found string");
}

TEST_CASE("json-path fails plainly when the answer has no JSON", "[scoring]") {
    const CheckResult result = score(path_check("$.a", "exists", true), "no json");
    CHECK_FALSE(result.pass);
    CHECK(result.reason == "no JSON object or array found in \"no json\"");
    CHECK(passes(path_check("$.a", "equals", 1), "The result is {\"a\": 1}."));
}

TEST_CASE("json-path rejects bad paths and predicates where they are written", "[scoring]") {
    SECTION("unsupported JSONPath features") {
        for (const std::string path : {"$..name", "$.a[*]", "$.a[?(@.x)]", "$.a[0:2]", "$.a[-1]", "$.*"}) {
            const Diagnostics diagnostics = diagnose(path_check(path, "exists", true));
            INFO(path);
            REQUIRE(diagnostics.size() == 1);
            CHECK(diagnostics[0].where.line == 11);
            CHECK_THAT(diagnostics[0].message, Catch::Contains("not supported"));
        }
    }
    SECTION("syntax errors") {
        CHECK_THAT(diagnose(path_check("a.b", "exists", true))[0].message, Catch::Contains("a path starts with '$'"));
        CHECK_THAT(diagnose(path_check("$.a[0", "exists", true))[0].message, Catch::Contains("missing ']' at char 4"));
        CHECK_THAT(diagnose(path_check("$.a['b]", "exists", true))[0].message, Catch::Contains("unclosed quoted name"));
        CHECK_THAT(diagnose(path_check("$.", "exists", true))[0].message, Catch::Contains("expected a name after '.'"));
        CHECK_THAT(diagnose(path_check("/a~2", "exists", true))[0].message, Catch::Contains("'~' at char 3"));
    }
    SECTION("predicates: exactly one, of the right type") {
        const Diagnostics none = diagnose({{"type", "json-path"}, {"path", "$.a"}});
        REQUIRE(none.size() == 1);
        CHECK(none[0].message == "check 'json-path': needs exactly one of 'equals', 'matches', 'exists'");
        const Diagnostics two = diagnose({{"type", "json-path"}, {"path", "$.a"}, {"equals", 1}, {"exists", true}});
        REQUIRE(two.size() == 1);
        CHECK(two[0].where.line == 13);
        const Diagnostics regex = diagnose(path_check("$.a", "matches", "(x"));
        REQUIRE(regex.size() == 1);
        CHECK(regex[0].where.line == 12);
        CHECK_THAT(regex[0].message, Catch::Contains("invalid regular expression"));
        CHECK(diagnose(path_check("$.a", "exists", "yes")).size() == 1);
        CHECK(diagnose({{"type", "json-path"}, {"exists", true}})[0].message ==
              "check 'json-path': missing required parameter 'path'");
    }
}

TEST_CASE("JsonPath parses both spellings into the same steps", "[scoring]") {
    const auto dotted = JsonPath::parse("$.a[\"b c\"][2].d");
    const auto pointer = JsonPath::parse("/a/b c/2/d");
    REQUIRE(dotted);
    REQUIRE(pointer);
    REQUIRE(dotted->steps().size() == 4);
    REQUIRE(pointer->steps().size() == 4);
    const Json document = Json::parse(R"({"a": {"b c": [0, 1, {"d": "found"}]}})");
    CHECK(*dotted->find(document, nullptr) == "found");
    CHECK(*pointer->find(document, nullptr) == "found");
    // A pointer token "" is the empty key (RFC 6901), not the root.
    const auto empty_key = JsonPath::parse("/");
    REQUIRE(empty_key);
    CHECK(*empty_key->find(Json::parse(R"({"": 7})"), nullptr) == 7);
}

}  // namespace evalbench

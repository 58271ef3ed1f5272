// Check items as the loader reads them: full and shorthand forms, the `not-`
// prefix, common keys, parameter locations and YAML scalar type inference.

#include <catch2/catch.hpp>

#include "test_manifest_support.hpp"

namespace evalbench {

using Messages = std::vector<std::string>;

namespace {
std::vector<CheckSpec> load_checks(const test::Project& project, const std::string& checks) {
    const LoadResult result = project.load_with_suite("cases:\n  - id: c1\n    prompt: hi\n    checks:\n" + checks);
    INFO(test::joined(project.messages(result)));
    REQUIRE(result.manifest);
    return result.manifest->cases.at(0).checks;
}
}  // namespace

TEST_CASE("the shorthand {contains: x} means {type: contains, value: x}", "[manifest]") {
    test::Project project;
    const std::vector<CheckSpec> checks = load_checks(project,
                                                      "      - contains: Paris\n"
                                                      "      - {contains-any: [a, b], weight: 2}\n");
    REQUIRE(checks.size() == 2);
    CHECK(checks[0].type == "contains");
    CHECK_FALSE(checks[0].negate);
    CHECK(checks[0].params == Json::parse(R"({"type": "contains", "value": "Paris"})"));
    CHECK(checks[0].where.line == 5);
    CHECK(checks[0].where.column == 9);
    CHECK(checks[0].location_of("type").str().ends_with("suite.yaml:5:9"));
    CHECK(checks[0].location_of("value").str().ends_with("suite.yaml:5:19"));
    CHECK(checks[1].type == "contains-any");
    CHECK(checks[1].weight == 2.0);
    CHECK(checks[1].params == Json::parse(R"({"type": "contains-any", "value": ["a", "b"], "weight": 2})"));
}

TEST_CASE("a not- prefix negates and is stripped from the type", "[manifest]") {
    test::Project project;
    const std::vector<CheckSpec> checks = load_checks(project,
                                                      "      - not-contains: sorry\n"
                                                      "      - {type: not-regex, pattern: 'x+'}\n"
                                                      "      - is-json\n"
                                                      "      - not-is-json\n");
    REQUIRE(checks.size() == 4);
    CHECK(checks[0].type == "contains");
    CHECK(checks[0].negate);
    CHECK(checks[0].display_name() == "not-contains");
    CHECK(checks[1].type == "regex");
    CHECK(checks[1].negate);
    // params keep the type as written.
    CHECK(checks[1].params.at("type") == "not-regex");
    CHECK(checks[2].type == "is-json");
    CHECK_FALSE(checks[2].negate);
    CHECK(checks[3].type == "is-json");
    CHECK(checks[3].negate);
}

TEST_CASE("common keys fill the CheckSpec fields and stay in params with their locations", "[manifest]") {
    test::Project project;
    const std::vector<CheckSpec> checks = load_checks(project,
                                                      "      - type: similar\n"
                                                      "        value: hello\n"
                                                      "        weight: 0.25\n"
                                                      "        threshold: 0.8\n"
                                                      "        gate: false\n"
                                                      "        dimension: output_structure\n");
    REQUIRE(checks.size() == 1);
    const CheckSpec& c = checks[0];
    CHECK(c.weight == 0.25);
    CHECK(c.threshold == 0.8);
    CHECK_FALSE(c.gate);
    CHECK(c.dimension == "output_structure");
    CHECK(c.params.size() == 6);
    CHECK(c.location_of("threshold").line == 8);
    CHECK(c.location_of("threshold").column == 20);
    CHECK(c.location_of("no-such-key").line == c.where.line);
    CHECK(checks[0].where.line == 5);
}

TEST_CASE("plain scalars are typed by YAML's core schema, quoted ones stay strings", "[manifest]") {
    test::Project project;
    const std::vector<CheckSpec> checks = load_checks(project,
                                                      "      - type: t\n"
                                                      "        int: 1\n"
                                                      "        str: \"1\"\n"
                                                      "        single: '2'\n"
                                                      "        negative: -7\n"
                                                      "        float: 1.5\n"
                                                      "        exp: 1e3\n"
                                                      "        yes: true\n"
                                                      "        no_str: 'false'\n"
                                                      "        nothing: ~\n"
                                                      "        null_word: null\n"
                                                      "        empty:\n"
                                                      "        word: yes\n"
                                                      "        version: 1.2.3\n"
                                                      "        block: |\n"
                                                      "          42\n"
                                                      "        list: [1, '1', x]\n"
                                                      "        map: {a: 0.5}\n");
    const Json& p = checks.at(0).params;
    CHECK(p.at("int") == 1);
    CHECK(p.at("int").is_number_integer());
    CHECK(p.at("str") == "1");
    CHECK(p.at("single") == "2");
    CHECK(p.at("negative") == -7);
    CHECK(p.at("float") == 1.5);
    CHECK(p.at("exp") == 1000.0);
    CHECK(p.at("exp").is_number_float());
    CHECK(p.at("yes") == true);
    CHECK(p.at("no_str") == "false");
    CHECK(p.at("nothing").is_null());
    CHECK(p.at("null_word").is_null());
    CHECK(p.at("empty").is_null());
    CHECK(p.at("word") == "yes");
    CHECK(p.at("version") == "1.2.3");
    CHECK(p.at("block") == "42\n");
    CHECK(p.at("list") == Json::parse(R"([1, "1", "x"])"));
    CHECK(p.at("map") == Json::parse(R"({"a": 0.5})"));
}

TEST_CASE("malformed check items are located errors", "[manifest]") {
    test::Project project;
    const LoadResult result = project.load_with_suite(
        "cases:\n"
        "  - id: c1\n"
        "    prompt: hi\n"
        "    checks:\n"
        "      - {contains: a, regex: b}\n"   // 5
        "      - {weight: 2}\n"               // 6
        "      - 42\n"                        // 7
        "      - {type: not-}\n"              // 8
        "      - {type: [x]}\n"               // 9
        "      - {type: contains, weight: -1, gate: maybe, threshold: high}\n");  // 10
    CHECK(project.messages(result) ==
          Messages{
              "suite.yaml:5:9: a check needs 'type' (or a single '<type>: <value>' entry); found contains, regex",
              "suite.yaml:6:9: a check needs 'type' (or a single '<type>: <value>' entry); found weight",
              "suite.yaml:7:9: a check: expected a mapping with 'type' (or a check type name), got an integer",
              "suite.yaml:8:16: 'not-' is not a check type",
              "suite.yaml:9:16: 'type': expected a string, got a list",
              "suite.yaml:10:34: 'weight': expected a number >= 0, got -1",
              "suite.yaml:10:44: 'gate': expected true or false, got the string 'maybe'",
              "suite.yaml:10:62: 'threshold': expected a number, got the string 'high'",
          });
}

}  // namespace evalbench

#include <catch2/catch.hpp>

#include "test_scoring_behaviour_support.hpp"

using namespace evalbench;  // NOLINT: test file brevity
using evalbench::test::run_check;
using evalbench::test::single_diagnostic;

namespace {

TestCase weather_case() {
    TestCase test_case;
    test_case.tools = Json::parse(R"([
        {"name": "get_time", "parameters": {"type": "object", "properties": {}}},
        {"name": "get_weather", "description": "Weather for a city",
         "parameters": {"type": "object",
                        "properties": {"city": {"type": "string"},
                                       "unit": {"enum": ["c", "f"]},
                                       "days": {"type": "integer"},
                                       "options": {"type": "object"}},
                        "required": ["city"]}}
    ])");
    return test_case;
}

Completion calls(std::vector<std::pair<std::string, std::string>> made) {
    Completion completion;
    completion.finish = FinishReason::tool_calls;
    int id = 0;
    for (auto& [name, arguments] : made) {
        completion.tool_calls.push_back({"call_" + std::to_string(id++), name, arguments});
    }
    return completion;
}

const Json k_expect_paris = {{"type", "tool-call"}, {"name", "get_weather"}, {"arguments", {{"city", "Paris"}}}};

}  // namespace

TEST_CASE("tool-call passes when the function is called with matching, valid arguments", "[scoring]") {
    const CheckResult result =
        run_check(k_expect_paris, weather_case(), calls({{"get_weather", R"({"city": "Paris", "unit": "c"})"}}));
    CHECK(result.pass);
    CHECK(result.score == 1.0);
    CHECK(result.reason == R"(called get_weather({"city": "Paris", "unit": "c"}))");
}

TEST_CASE("tool-call matches expected arguments as a subset", "[scoring]") {
    const TestCase test_case = weather_case();
    const Json check = {{"type", "tool-call"},
                        {"name", "get_weather"},
                        {"arguments", {{"days", 3}, {"options", {{"hourly", true}}}}}};
    CHECK(run_check(check, test_case,
                    calls({{"get_weather", R"({"city": "X", "days": 3.0, "options": {"hourly": true, "lang": "fr"}})"}}))
              .pass);
    const CheckResult nested = run_check(
        check, test_case, calls({{"get_weather", R"({"city": "X", "days": 3, "options": {"hourly": false}})"}}));
    CHECK_FALSE(nested.pass);
    CHECK_THAT(nested.reason, Catch::Contains("argument /options/hourly is false, expected true"));
}

TEST_CASE("tool-call reports a wrong value, a missing argument and a schema violation", "[scoring]") {
    const TestCase test_case = weather_case();
    const CheckResult wrong = run_check(k_expect_paris, test_case, calls({{"get_weather", R"({"city": "London"})"}}));
    CHECK_FALSE(wrong.pass);
    CHECK(wrong.score == 0.0);
    CHECK_THAT(wrong.reason, Catch::Contains(R"(argument /city is "London", expected "Paris")"));

    const CheckResult invalid =
        run_check({{"type", "tool-call"}, {"name", "get_weather"}}, test_case, calls({{"get_weather", R"({"unit": "k"})"}}));
    CHECK_FALSE(invalid.pass);
    CHECK_THAT(invalid.reason, Catch::Contains("do not fit the schema"));
    CHECK_THAT(invalid.reason, Catch::Contains("'/unit'"));

    const CheckResult missing = run_check(k_expect_paris, test_case, calls({{"get_weather", R"({"unit": "c"})"}}));
    CHECK_THAT(missing.reason, Catch::Contains(R"(argument /city is missing (expected "Paris"))"));
}

TEST_CASE("tool-call can skip schema validation", "[scoring]") {
    const Json check = {{"type", "tool-call"}, {"name", "get_weather"}, {"validate_schema", false}};
    CHECK(run_check(check, weather_case(), calls({{"get_weather", R"({"unit": "k"})"}})).pass);
    // without validation the tool need not be declared
    CHECK(run_check(check, TestCase{}, calls({{"get_weather", "{}"}})).pass);
}

TEST_CASE("tool-call fails when another function or none was called", "[scoring]") {
    const TestCase test_case = weather_case();
    const CheckResult other = run_check(k_expect_paris, test_case, calls({{"get_time", "{}"}}));
    CHECK_FALSE(other.pass);
    CHECK(other.reason == "expected a call to 'get_weather', but called get_time({})");

    Completion text;
    text.content = "It is sunny in Paris.";
    const CheckResult none = run_check(k_expect_paris, test_case, text);
    CHECK_FALSE(none.pass);
    CHECK(none.reason == "no tool call (expected 'get_weather'); the answer: \"It is sunny in Paris.\"");
}

TEST_CASE("one matching call among several is enough", "[scoring]") {
    const CheckResult result = run_check(
        k_expect_paris, weather_case(),
        calls({{"get_time", "{}"}, {"get_weather", R"({"city": "Rome"})"}, {"get_weather", R"({"city": "Paris"})"}}));
    CHECK(result.pass);
}

TEST_CASE("tool-call arguments that are not JSON fail; blank ones are an empty object", "[scoring]") {
    const TestCase test_case = weather_case();
    const CheckResult broken = run_check(k_expect_paris, test_case, calls({{"get_weather", R"({"city": "Par)"}}));
    CHECK_FALSE(broken.pass);
    CHECK_THAT(broken.reason, Catch::Contains("not valid JSON"));
    CHECK(run_check({{"type", "tool-call"}, {"name", "get_time"}}, test_case, calls({{"get_time", ""}})).pass);
}

TEST_CASE("tool-call reads declarations in the OpenAI wire form", "[scoring]") {
    TestCase test_case;
    test_case.tools = Json::parse(R"([{"type": "function", "function": {"name": "lookup",
        "parameters": {"type": "object", "properties": {"id": {"type": "integer"}}, "required": ["id"]}}}])");
    const Json check = {{"type", "tool-call"}, {"name", "lookup"}};
    CHECK(run_check(check, test_case, calls({{"lookup", R"({"id": 7})"}})).pass);
    CHECK_FALSE(run_check(check, test_case, calls({{"lookup", R"({"id": "7"})"}})).pass);
}

TEST_CASE("tool-call against an undeclared tool is an error of the definition", "[scoring]") {
    const CheckResult result =
        run_check({{"type", "tool-call"}, {"name", "send_email"}}, weather_case(), calls({{"send_email", "{}"}}));
    CHECK(result.errored);
    CHECK_THAT(result.reason, Catch::Contains("declares no tool 'send_email'"));
}

TEST_CASE("bad tool-call definitions are located", "[scoring]") {
    CHECK(single_diagnostic({{"type", "tool-call"}}) ==
          "behaviour.yaml:19:5: check 'tool-call': missing required parameter 'name'");
    CHECK_THAT(single_diagnostic({{"type", "tool-call"}, {"name", "f"}, {"arguments", {"a", "b"}}}),
               Catch::StartsWith("behaviour.yaml:22:9: ") && Catch::Contains("must be a mapping"));
    CHECK_THAT(single_diagnostic({{"type", "tool-call"}, {"name", "f"}, {"validate_schema", "yes"}}),
               Catch::Contains("'validate_schema'"));
}

#include <catch2/catch.hpp>

#include "evalbench/scoring/registry.hpp"

using namespace evalbench;

namespace {

CheckSpec spec_of(const std::string& type, Json params) {
    CheckSpec spec;
    spec.type = type;
    params["type"] = type;
    spec.params = std::move(params);
    spec.where = {"suite.yaml", 7, 9};
    spec.param_locations["name"] = {"suite.yaml", 8, 15};
    if (spec.params.contains("threshold")) {
        spec.threshold = spec.params["threshold"].get<double>();
    }
    return spec;
}

std::string validate_one(const TestCase& test_case) {
    const Diagnostics diagnostics = validate_checks({test_case});
    std::string text;
    for (const Diagnostic& diagnostic : diagnostics) {
        text += diagnostic.format() + "\n";
    }
    return text;
}

}  // namespace

TEST_CASE("validate reports what a check needs from its case", "[scoring]") {
    TestCase test_case;
    test_case.id = "c";

    SECTION("a metric without any reference") {
        test_case.checks = {spec_of("bleu", {{"threshold", 0.5}})};
        CHECK(validate_one(test_case) == "suite.yaml:7:9: check 'bleu' compares with a reference, but case 'c' has "
                                         "no `reference` (add one to the case or to the check)\n");
        test_case.reference = "the reference";
        CHECK(validate_one(test_case).empty());
    }
    SECTION("a metric with its own reference needs none from the case") {
        test_case.checks = {spec_of("rouge-l", {{"threshold", 0.5}, {"reference", "r"}})};
        CHECK(validate_one(test_case).empty());
    }
    SECTION("a scope check without original code") {
        test_case.checks = {spec_of("max-diff-lines", {{"max", 2}})};
        CHECK(validate_one(test_case).find("has no `original`") != std::string::npos);
        test_case.original = "x = 1\n";
        CHECK(validate_one(test_case).empty());
    }
    SECTION("a tool-call naming a tool the case does not declare") {
        test_case.checks = {spec_of("tool-call", {{"name", "get_wether"}})};
        CHECK(validate_one(test_case).find("the case declares no `tools`") != std::string::npos);
        test_case.tools = Json::array({{{"name", "get_weather"}, {"parameters", {{"type", "object"}}}}});
        CHECK(validate_one(test_case) ==
              "suite.yaml:8:15: check 'tool-call' expects a call to 'get_wether', which case 'c' does not declare "
              "(did you mean 'get_weather'?); declared: get_weather\n");
        test_case.checks = {spec_of("tool-call", {{"name", "get_weather"}})};
        CHECK(validate_one(test_case).empty());
    }
}

#pragma once
// Test helpers for code-exec and command: a spec compiled through the real
// registry, evaluated on an answer with chosen scoring options.

#include <catch2/catch.hpp>
#include <string>

#include "evalbench/scoring/registry.hpp"

namespace evalbench::test {

inline CheckSpec exec_spec(const Json& mapping, const std::string& suite_file = "suite.yaml") {
    CheckSpec spec;
    spec.type = mapping.at("type").get<std::string>();
    spec.params = mapping;
    spec.where = {suite_file, 3, 5};
    int line = 4;
    for (const auto& item : mapping.items()) {
        spec.param_locations[item.key()] = {suite_file, line++, 7};
    }
    return spec;
}

inline Diagnostics exec_diagnostics(const Json& mapping, const std::string& suite_file = "suite.yaml") {
    const CheckSpec spec = exec_spec(mapping, suite_file);
    Diagnostics diagnostics;
    std::ignore = compile_check(spec, diagnostics);  // only the diagnostics matter here
    return diagnostics;
}

inline CheckResult run_check(const Json& mapping, const TestCase& test_case, const Completion& completion,
                             const ScoringOptions& options = {}, const std::string& suite_file = "suite.yaml") {
    const CheckSpec spec = exec_spec(mapping, suite_file);
    Diagnostics diagnostics;
    const std::unique_ptr<BoundCheck> check = compile_check(spec, diagnostics);
    INFO((diagnostics.empty() ? std::string() : diagnostics.front().format()));
    REQUIRE(check);
    const ScoringInput input{test_case, completion, nullptr, std::nullopt, &options};
    return check->evaluate(input);
}

inline CheckResult run_check(const Json& mapping, const std::string& answer, const ScoringOptions& options = {}) {
    TestCase test_case;
    test_case.id = "case-1";
    Completion completion;
    completion.content = answer;
    return run_check(mapping, test_case, completion, options);
}

}  // namespace evalbench::test

#pragma once
// Test helpers for the behaviour checks: a spec built the way the manifest
// builds one (a `not-` prefix negates; each key has a location), compiled
// through the real registry, evaluated on a case and a completion.

#include <memory>
#include <string>

#include <catch2/catch.hpp>

#include "evalbench/scoring/registry.hpp"

namespace evalbench::test {

// Key number i (0-based) of the mapping sits at behaviour.yaml:(20 + i):9,
// the check itself at behaviour.yaml:19:5.
inline CheckSpec behaviour_spec(const Json& mapping) {
    CheckSpec spec;
    std::string type = mapping.at("type").get<std::string>();
    if (type.starts_with("not-")) {
        spec.negate = true;
        type = type.substr(4);
    }
    spec.type = type;
    spec.params = mapping;
    spec.where = {"behaviour.yaml", 19, 5};
    int line = 20;
    for (const auto& item : mapping.items()) {
        spec.param_locations[item.key()] = {"behaviour.yaml", line++, 9};
    }
    return spec;
}

inline Diagnostics behaviour_diagnostics(const Json& mapping) {
    const CheckSpec spec = behaviour_spec(mapping);
    Diagnostics diagnostics;
    std::ignore = compile_check(spec, diagnostics);  // only the diagnostics matter here
    return diagnostics;
}

// The text of the only diagnostic, with its location.
inline std::string single_diagnostic(const Json& mapping) {
    const Diagnostics diagnostics = behaviour_diagnostics(mapping);
    REQUIRE(diagnostics.size() == 1);
    return diagnostics.front().format();
}

inline CheckResult run_check(const Json& mapping, const TestCase& test_case, const Completion& completion,
                             const ScoringOptions* options = nullptr) {
    const CheckSpec spec = behaviour_spec(mapping);
    Diagnostics diagnostics;
    const std::unique_ptr<BoundCheck> check = compile_check(spec, diagnostics);
    INFO((diagnostics.empty() ? std::string() : diagnostics.front().format()));
    REQUIRE(check);
    REQUIRE(diagnostics.empty());
    const ScoringInput input{test_case, completion, nullptr, std::nullopt, options};
    return check->evaluate(input);
}

inline Completion answer(const std::string& content) {
    Completion completion;
    completion.content = content;
    return completion;
}

}  // namespace evalbench::test

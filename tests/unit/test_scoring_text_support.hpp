#pragma once
// Test helpers for the text and structure checks: a spec built the way the
// manifest builds one (a `not-` prefix negates; each key has a location),
// compiled through the real registry path, evaluated on an answer.

#include <optional>
#include <string>

#include <catch2/catch.hpp>

#include "evalbench/scoring/registry.hpp"

namespace evalbench::test {

// Each key of the mapping sits on its own line: key number i (0-based) at
// suite.yaml:(10 + i):7, the check itself at suite.yaml:9:5.
inline CheckSpec make_spec(const Json& mapping) {
    CheckSpec spec;
    std::string type = mapping.at("type").get<std::string>();
    if (type.rfind("not-", 0) == 0) {
        spec.negate = true;
        type = type.substr(4);
    }
    spec.type = type;
    spec.params = mapping;
    spec.where = {"suite.yaml", 9, 5};
    int line = 10;
    for (const auto& item : mapping.items()) {
        spec.param_locations[item.key()] = {"suite.yaml", line++, 7};
    }
    return spec;
}

inline SourceLocation location_of_key(int index) {
    return {"suite.yaml", 10 + index, 7};
}

// The diagnostics of compiling `mapping` (empty when it is valid).
inline Diagnostics diagnose(const Json& mapping) {
    const CheckSpec spec = make_spec(mapping);
    Diagnostics diagnostics;
    std::ignore = compile_check(spec, diagnostics);  // only the diagnostics matter here
    return diagnostics;
}

struct Trial {
    TestCase test_case;
    Completion completion;
    std::optional<double> cost_usd;
};

inline CheckResult score(const Json& mapping, const Trial& trial) {
    const CheckSpec spec = make_spec(mapping);
    Diagnostics diagnostics;
    const std::unique_ptr<BoundCheck> check = compile_check(spec, diagnostics);
    INFO((diagnostics.empty() ? std::string() : diagnostics.front().format()));
    REQUIRE(check);
    REQUIRE(diagnostics.empty());
    const ScoringInput input{trial.test_case, trial.completion, nullptr, trial.cost_usd, nullptr};
    return check->evaluate(input);
}

inline CheckResult score(const Json& mapping, const std::string& answer) {
    Trial trial;
    trial.completion.content = answer;
    return score(mapping, trial);
}

inline bool passes(const Json& mapping, const std::string& answer) {
    return score(mapping, answer).pass;
}

}  // namespace evalbench::test

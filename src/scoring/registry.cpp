// The check registry: name -> how to compile a spec. Negation, weights and
// naming are applied here once, so check implementations stay small.

#include "evalbench/scoring/registry.hpp"

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "builtin_checks.hpp"

namespace evalbench {

const std::vector<std::string>& common_check_keys() {
    static const std::vector<std::string> keys = {"type", "weight", "gate", "dimension"};
    return keys;
}

const CheckRegistry& CheckRegistry::builtin() {
    static const CheckRegistry registry = [] {
        CheckRegistry built;
        register_text_checks(built);
        register_structure_checks(built);
        register_schema_checks(built);
        register_metric_checks(built);
        register_execution_checks(built);
        register_behaviour_checks(built);
        return built;
    }();
    return registry;
}

void CheckRegistry::add(CheckType type) {
    m_types.push_back(std::move(type));
}

const CheckType* CheckRegistry::find(const std::string& name) const {
    const auto found =
        std::find_if(m_types.begin(), m_types.end(), [&](const CheckType& type) { return type.name == name; });
    return found == m_types.end() ? nullptr : &*found;
}

std::vector<std::string> CheckRegistry::names() const {
    std::vector<std::string> names;
    for (const CheckType& type : m_types) {
        names.push_back(type.name);
    }
    std::sort(names.begin(), names.end());
    return names;
}

BoundCheck::BoundCheck(const CheckSpec& spec, std::unique_ptr<CompiledCheck> compiled)
    : m_spec(&spec), m_compiled(std::move(compiled)) {}

CheckResult BoundCheck::evaluate(const ScoringInput& input) const {
    CheckOutcome outcome = m_compiled->evaluate(input);
    CheckResult result;
    result.name = m_spec->display_name();
    result.weight = m_spec->weight;
    result.gate = m_spec->gate;
    result.dimension = m_spec->dimension;
    result.errored = outcome.errored;
    result.score = std::clamp(outcome.score, 0.0, 1.0);
    result.pass = outcome.pass;
    result.reason = std::move(outcome.reason);
    if (m_spec->negate && !outcome.errored) {
        // A negated check passes exactly when the plain one fails.
        result.pass = !outcome.pass;
        result.score = 1.0 - result.score;
        result.reason = (result.pass ? "as required, not: " : "should not hold, but: ") + result.reason;
    }
    if (outcome.errored) {
        result.pass = false;
        result.score = 0.0;
    }
    return result;
}

std::unique_ptr<BoundCheck> compile_check(const CheckSpec& spec, Diagnostics& diagnostics,
                                          const CheckRegistry& registry) {
    const CheckType* type = registry.find(spec.type);
    if (type == nullptr) {
        diagnostics.push_back({spec.location_of("type"),
                               fmt::format("unknown check type '{}'{}", spec.display_name(),
                                           did_you_mean(spec.type, registry.names()))});
        return nullptr;
    }
    if (spec.negate && !type->negatable) {
        diagnostics.push_back({spec.location_of("type"),
                               fmt::format("check type '{}' cannot be negated with 'not-'", spec.type)});
        return nullptr;
    }
    std::vector<std::string> allowed = common_check_keys();
    allowed.insert(allowed.end(), type->parameters.begin(), type->parameters.end());
    const std::size_t before = diagnostics.size();
    if (spec.params.is_object()) {
        for (const auto& [key, value] : spec.params.items()) {
            std::ignore = value;  // only the keys are checked here
            if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
                std::vector<std::string> expected(type->parameters.begin(), type->parameters.end());
                const std::string known =
                    expected.empty() ? "it takes no parameters" : "expected one of: " + fmt::format("{}", fmt::join(expected, ", "));
                diagnostics.push_back({spec.location_of(key),
                                       fmt::format("unknown parameter '{}' for check '{}'{}; {}", key, spec.type,
                                                   did_you_mean(key, allowed), known)});
            }
        }
    }
    if (spec.weight < 0.0) {
        diagnostics.push_back({spec.location_of("weight"), "check weight must be >= 0"});
    }
    std::unique_ptr<CompiledCheck> compiled = type->compile(spec, diagnostics);
    if (!compiled || diagnostics.size() != before) {
        return nullptr;
    }
    return std::make_unique<BoundCheck>(spec, std::move(compiled));
}

Diagnostics validate_checks(const std::vector<TestCase>& cases, const CheckRegistry& registry) {
    Diagnostics diagnostics;
    for (const TestCase& test_case : cases) {
        for (const CheckSpec& spec : test_case.checks) {
            if (compile_check(spec, diagnostics, registry) == nullptr) {
                continue;
            }
            const CheckType* type = registry.find(spec.type);
            if (type->validate_case) {
                type->validate_case(spec, test_case, diagnostics);
            }
        }
    }
    return diagnostics;
}

}  // namespace evalbench

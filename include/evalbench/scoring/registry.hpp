#pragma once
// The table of check types, and scoring a trial with them.

#include <memory>
#include <string>
#include <vector>

#include "evalbench/scoring/check.hpp"

namespace evalbench {

// Keys every check accepts, whatever its type.
const std::vector<std::string>& common_check_keys();

class CheckRegistry {
public:
    // The registry with every built-in check type.
    static const CheckRegistry& builtin();

    void add(CheckType type);
    const CheckType* find(const std::string& name) const;
    std::vector<std::string> names() const;

private:
    std::vector<CheckType> m_types;
};

// A spec compiled and ready: negation, weight and name applied on evaluate.
class BoundCheck {
public:
    BoundCheck(const CheckSpec& spec, std::unique_ptr<CompiledCheck> compiled);
    CheckResult evaluate(const ScoringInput& input) const;

private:
    const CheckSpec* m_spec;
    std::unique_ptr<CompiledCheck> m_compiled;
};

// Compiles one spec (unknown type, unknown parameter and bad values become
// located diagnostics). Returns null when it cannot be used.
std::unique_ptr<BoundCheck> compile_check(const CheckSpec& spec, Diagnostics& diagnostics,
                                          const CheckRegistry& registry = CheckRegistry::builtin());

// Validates every check of every case; used by `validate` and before a run.
Diagnostics validate_checks(const std::vector<TestCase>& cases,
                            const CheckRegistry& registry = CheckRegistry::builtin());

}  // namespace evalbench

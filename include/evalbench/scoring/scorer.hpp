#pragma once
// Scoring a finished trial: every check of its case, then the trial's pass,
// score and dimension scores as DESIGN.md's scoring model defines them.

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "evalbench/core/model.hpp"
#include "evalbench/core/trial.hpp"
#include "evalbench/scoring/check.hpp"

namespace evalbench {

class BoundCheck;

// What the dispatcher knows about a trial when its request has finished.
struct TrialOutcome {
    TrialKey key;
    const TestCase* test_case = nullptr;
    const ModelSpec* model = nullptr;
    std::string prompt_hash;
    std::string started_at;
    std::optional<Completion> completion;  // set on success
    std::optional<TrialError> error;       // set on failure
};

// USD for the tokens used, or nullopt when the model has no pricing.
std::optional<double> trial_cost(const Usage& usage, const std::optional<Pricing>& pricing);

class Scorer {
public:
    // Compiles every check of every case once. Throws EvalError(bad_input)
    // with every bad definition located. `cases` must outlive the scorer.
    Scorer(const std::vector<TestCase>& cases, ScoringOptions options);
    ~Scorer();
    Scorer(const Scorer&) = delete;
    Scorer& operator=(const Scorer&) = delete;

    // Thread-safe: compiled checks are immutable.
    TrialResult score(TrialOutcome outcome) const;

private:
    std::map<std::string, std::vector<std::unique_ptr<BoundCheck>>> m_checks;  // by case id
    ScoringOptions m_options;
};

}  // namespace evalbench

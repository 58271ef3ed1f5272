#include "evalbench/scoring/scorer.hpp"

#include <fmt/format.h>

#include "evalbench/scoring/refusal.hpp"
#include "evalbench/scoring/registry.hpp"

namespace evalbench {

std::optional<double> trial_cost(const Usage& usage, const std::optional<Pricing>& pricing) {
    if (!pricing) {
        return std::nullopt;
    }
    return (static_cast<double>(usage.input_tokens) * pricing->input_per_mtok +
            static_cast<double>(usage.output_tokens) * pricing->output_per_mtok) /
           1e6;
}

Scorer::Scorer(const std::vector<TestCase>& cases, ScoringOptions options) : m_options(std::move(options)) {
    Diagnostics diagnostics;
    for (const TestCase& test_case : cases) {
        std::vector<std::unique_ptr<BoundCheck>>& bound = m_checks[test_case.id];
        for (const CheckSpec& spec : test_case.checks) {
            if (std::unique_ptr<BoundCheck> check = compile_check(spec, diagnostics)) {
                bound.push_back(std::move(check));
            }
        }
    }
    if (has_errors(diagnostics)) {
        throw EvalError(Failure::bad_input, diagnostics);
    }
}

Scorer::~Scorer() = default;

namespace {

// Weighted mean; with all weights zero the plain mean, so a dimension made of
// zero-weight checks still reports something rather than dividing by zero.
double weighted_mean(const std::vector<const CheckResult*>& results) {
    double weighted = 0.0;
    double weights = 0.0;
    double plain = 0.0;
    for (const CheckResult* result : results) {
        weighted += result->score * result->weight;
        weights += result->weight;
        plain += result->score;
    }
    if (results.empty()) {
        return 0.0;
    }
    return weights > 0.0 ? weighted / weights : plain / static_cast<double>(results.size());
}

}  // namespace

TrialResult Scorer::score(TrialOutcome outcome) const {
    TrialResult trial;
    trial.key = outcome.key;
    trial.case_version = outcome.test_case->version;
    trial.category = outcome.test_case->category;
    trial.prompt_hash = outcome.prompt_hash;
    trial.started_at = outcome.started_at;
    trial.error = std::move(outcome.error);
    trial.completion = std::move(outcome.completion);
    if (!trial.completion) {
        // A failed request scores nothing: it fails the trial, and the
        // dimensions stay unmeasured (n/a) rather than zero.
        trial.pass = false;
        return trial;
    }
    const Completion& completion = *trial.completion;
    if (outcome.model != nullptr) {
        trial.cost_usd = trial_cost(completion.usage, outcome.model->pricing);
    }
    trial.silent_refusal = is_silent_refusal(completion);
    trial.refusal = to_string(classify_refusal(completion));

    const ScoringInput input{*outcome.test_case, completion, outcome.model, trial.cost_usd, &m_options};
    const auto found = m_checks.find(outcome.test_case->id);
    bool pass = true;
    if (found != m_checks.end()) {
        for (const std::unique_ptr<BoundCheck>& check : found->second) {
            CheckResult result = check->evaluate(input);
            if (result.gate && !result.pass) {
                pass = false;
            }
            trial.checks.push_back(std::move(result));
        }
    }
    std::map<std::string, std::vector<const CheckResult*>> by_dimension;
    std::vector<const CheckResult*> all;
    for (const CheckResult& result : trial.checks) {
        by_dimension[result.dimension].push_back(&result);
        all.push_back(&result);
    }
    for (const auto& [dimension, results] : by_dimension) {
        trial.dimensions[dimension] = weighted_mean(results);
    }
    trial.pass = pass && !trial.checks.empty();
    trial.score = weighted_mean(all);
    return trial;
}

}  // namespace evalbench

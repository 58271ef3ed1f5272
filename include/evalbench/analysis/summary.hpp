#pragma once
// Aggregation of scored trials into per-configuration summaries, and the
// manifest gates that need no baseline. Pure: no I/O, no formatting.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "evalbench/analysis/refusals.hpp"
#include "evalbench/analysis/statistics.hpp"
#include "evalbench/core/trial.hpp"
#include "evalbench/manifest/manifest.hpp"

namespace evalbench {

struct CategorySummary {
    long trials = 0;  // scored (non-error) trials
    long passed = 0;
    double pass_rate = 0.0;
    std::optional<double> mean_score;
};

// Repeats of one case under one configuration.
struct CaseRepeats {
    std::string case_id;
    int n = 0;  // answered trials
    int c = 0;  // passed
    std::map<int, double> pass_at_k;           // k -> estimate, for k <= n
    std::optional<double> consistency;         // mean pairwise similarity (n >= 2)
    std::optional<double> exact_agreement;
};

struct ConfigurationSummary {
    std::string label;  // model, or model/variant
    std::string model_id;
    std::string variant_id;
    long trials = 0;  // every finished trial, errors included
    long errors = 0;
    long passed = 0;
    long cached = 0;
    long mock_trials = 0;
    long silent_refusals = 0;
    double pass_rate = 0.0;  // passed / trials (an error counts as a fail)
    Interval pass_rate_ci;
    std::optional<MeanEstimate> score;  // over scored trials
    std::map<std::string, double> dimensions;  // measured dimensions only (n/a = absent)
    std::optional<double> composite;
    std::optional<Percentiles> latency_ms;  // non-cached, non-error trials
    std::optional<Percentiles> ttft_ms;
    // Output tokens per second of each answer (the provider's output token
    // count over request-to-last-byte latency); answers without reported usage
    // are left out.
    std::optional<Percentiles> output_tokens_per_s;
    long input_tokens = 0;
    long output_tokens = 0;
    std::optional<double> cost_usd;  // absent without pricing
    std::map<std::string, CategorySummary> categories;
    RefusalCounts refusals;                 // over- and under-refusals against `expect`
    std::map<int, double> pass_at_k;        // k -> mean over cases with >= k answers
    std::optional<double> exact_agreement;  // mean over cases with repeats
    std::vector<CaseRepeats> cases;         // only when some case has >= 2 repeats
};

struct GateResult {
    std::string gate;           // e.g. "min_pass_rate"
    std::string scope;          // configuration label, plus " / category" for category gates
    double threshold = 0.0;
    std::optional<double> actual;  // nullopt: could not be measured (counts as failed)
    bool passed = false;
};

struct RunSummary {
    std::vector<ConfigurationSummary> configurations;  // manifest order
    std::vector<GateResult> gates;
    long trials = 0;
    long errors = 0;
    double error_rate = 0.0;
    bool any_mock = false;

    bool gates_passed() const;
};

// `manifest` supplies configuration order, dimension weights and gates.
RunSummary summarise(const std::vector<TrialResult>& trials, const Manifest& manifest);

}  // namespace evalbench

// Aggregation follows DESIGN.md's scoring model: a configuration's composite
// is the weighted mean of the dimensions that were measured, weights
// renormalised over what is present; an unmeasured dimension is n/a (absent),
// never a perfect score. Errors count as failures in the pass rate but are
// not scored, so they cannot drag a mean score that describes answers.
// Repeats of a case give pass@k (Chen et al.) and the `consistency`
// dimension (mean pairwise similarity of the answers); consistency enters
// the composite only when `dimensions:` gives it a weight, because it
// measures stability, not quality. Any other dimension without a weight
// weighs 1.

#include "evalbench/analysis/summary.hpp"

#include <algorithm>

#include "evalbench/analysis/repeats.hpp"

namespace evalbench {

bool RunSummary::gates_passed() const {
    return std::all_of(gates.begin(), gates.end(), [](const GateResult& gate) { return gate.passed; });
}

namespace {

struct Accumulator {
    ConfigurationSummary summary;
    std::vector<double> scores;
    std::vector<double> latencies;
    std::vector<double> ttfts;
    std::vector<double> tokens_per_s;
    std::map<std::string, std::vector<double>> dimension_scores;
    std::map<std::string, std::vector<double>> category_scores;
    std::map<std::string, std::vector<const TrialResult*>> by_case;  // answered trials, in order
    std::vector<RefusalObservation> refusals;
    double cost = 0.0;
    bool priced = false;
};

void add_trial(Accumulator& acc, const TrialResult& trial) {
    ConfigurationSummary& s = acc.summary;
    ++s.trials;
    if (trial.error || !trial.completion) {
        ++s.errors;
        return;
    }
    const Completion& completion = *trial.completion;
    s.passed += trial.pass ? 1 : 0;
    s.cached += completion.cached ? 1 : 0;
    s.mock_trials += completion.mock ? 1 : 0;
    s.silent_refusals += trial.silent_refusal ? 1 : 0;
    acc.scores.push_back(trial.score);
    acc.by_case[trial.key.case_id].push_back(&trial);
    if (!completion.cached) {
        acc.latencies.push_back(completion.latency_ms);
        if (completion.ttft_ms) {
            acc.ttfts.push_back(*completion.ttft_ms);
        }
        if (completion.usage.reported && completion.usage.output_tokens > 0 && completion.latency_ms > 0.0) {
            acc.tokens_per_s.push_back(static_cast<double>(completion.usage.output_tokens) /
                                       (completion.latency_ms / 1000.0));
        }
    }
    for (const auto& [dimension, value] : trial.dimensions) {
        acc.dimension_scores[dimension].push_back(value);
    }
    s.input_tokens += completion.usage.input_tokens;
    s.output_tokens += completion.usage.output_tokens;
    if (trial.cost_usd) {
        acc.cost += *trial.cost_usd;
        acc.priced = true;
    }
    CategorySummary& category = s.categories[trial.category];
    ++category.trials;
    category.passed += trial.pass ? 1 : 0;
    acc.category_scores[trial.category].push_back(trial.score);
}

double mean(const std::vector<double>& values) {
    double total = 0.0;
    for (double value : values) {
        total += value;
    }
    return values.empty() ? 0.0 : total / static_cast<double>(values.size());
}

RefusalVerdict verdict_of(const std::string& text) {
    if (text == "explicit") {
        return RefusalVerdict::explicit_phrase;
    }
    if (text == "provider") {
        return RefusalVerdict::provider;
    }
    return text == "silent" ? RefusalVerdict::silent : RefusalVerdict::none;
}

void add_repeat_statistics(Accumulator& acc) {
    ConfigurationSummary& s = acc.summary;
    std::vector<RepeatCounts> counts;
    std::vector<double> similarities;
    std::vector<double> agreements;
    int max_n = 0;
    for (const auto& [case_id, trials] : acc.by_case) {
        CaseRepeats repeats;
        repeats.case_id = case_id;
        repeats.n = static_cast<int>(trials.size());
        std::vector<std::string> answers;
        for (const TrialResult* trial : trials) {
            repeats.c += trial->pass ? 1 : 0;
            answers.push_back(trial->completion->content);
        }
        // pass@1 and pass@n: the two ends a reader compares.
        for (int k : {1, repeats.n}) {
            repeats.pass_at_k[k] = *pass_at_k(repeats.n, repeats.c, k);
        }
        const Consistency consistent = consistency(answers);
        repeats.consistency = consistent.mean_similarity;
        repeats.exact_agreement = consistent.exact_agreement;
        if (consistent.mean_similarity) {
            similarities.push_back(*consistent.mean_similarity);
            agreements.push_back(*consistent.exact_agreement);
        }
        counts.push_back({repeats.n, repeats.c});
        max_n = std::max(max_n, repeats.n);
        s.cases.push_back(std::move(repeats));
    }
    for (int k : {1, max_n}) {
        if (const std::optional<double> value = mean_pass_at_k(counts, k)) {
            s.pass_at_k[k] = *value;
        }
    }
    if (!similarities.empty()) {
        s.dimensions["consistency"] = mean(similarities);
        s.exact_agreement = mean(agreements);
    } else {
        s.cases.clear();  // one answer per case: nothing to say per case
    }
}

void finish(Accumulator& acc, const Manifest& manifest) {
    ConfigurationSummary& s = acc.summary;
    s.refusals = count_refusals(acc.refusals);
    s.pass_rate = s.trials > 0 ? static_cast<double>(s.passed) / static_cast<double>(s.trials) : 0.0;
    s.pass_rate_ci = wilson_interval(s.passed, s.trials);
    s.score = mean_estimate(acc.scores);
    s.latency_ms = percentiles(acc.latencies);
    s.ttft_ms = percentiles(acc.ttfts);
    s.output_tokens_per_s = percentiles(acc.tokens_per_s);
    if (acc.priced) {
        s.cost_usd = acc.cost;
    }
    for (const auto& [dimension, values] : acc.dimension_scores) {
        s.dimensions[dimension] = mean(values);
    }
    add_repeat_statistics(acc);
    double weighted = 0.0;
    double weights = 0.0;
    for (const auto& [dimension, value] : s.dimensions) {
        const auto found = manifest.dimension_weights.find(dimension);
        const double unlisted = dimension == "consistency" ? 0.0 : 1.0;
        const double weight = found == manifest.dimension_weights.end() ? unlisted : found->second;
        weighted += weight * value;
        weights += weight;
    }
    if (weights > 0.0) {
        s.composite = weighted / weights;
    }
    for (auto& [name, category] : s.categories) {
        category.pass_rate =
            category.trials > 0 ? static_cast<double>(category.passed) / static_cast<double>(category.trials) : 0.0;
        category.mean_score = mean(acc.category_scores[name]);
    }
}

void add_gate(std::vector<GateResult>& gates, const std::string& name, const std::string& scope,
              std::optional<double> threshold, std::optional<double> actual) {
    if (!threshold) {
        return;
    }
    // Compare with a small tolerance so that 0.8 written in YAML equals 4/5.
    const bool passed = actual && *actual + 1e-9 >= *threshold;
    gates.push_back({name, scope, *threshold, actual, passed});
}

std::vector<GateResult> evaluate_gates(const std::vector<ConfigurationSummary>& configurations, const Gates& gates) {
    std::vector<GateResult> results;
    for (const ConfigurationSummary& s : configurations) {
        add_gate(results, "min_pass_rate", s.label, gates.overall.min_pass_rate, s.pass_rate);
        add_gate(results, "min_score", s.label, gates.overall.min_score, s.composite);
        for (const auto& [category, thresholds] : gates.per_category) {
            const auto found = s.categories.find(category);
            const std::string scope = s.label + " / " + category;
            if (found == s.categories.end()) {
                // Every trial of the category errored or it was filtered out:
                // not measured, so the gate cannot be said to hold.
                add_gate(results, "min_pass_rate", scope, thresholds.min_pass_rate, std::nullopt);
                add_gate(results, "min_score", scope, thresholds.min_score, std::nullopt);
                continue;
            }
            add_gate(results, "min_pass_rate", scope, thresholds.min_pass_rate, found->second.pass_rate);
            add_gate(results, "min_score", scope, thresholds.min_score, found->second.mean_score);
        }
    }
    return results;
}

}  // namespace

RunSummary summarise(const std::vector<TrialResult>& trials, const Manifest& manifest) {
    std::vector<Accumulator> accumulators;
    std::map<std::pair<std::string, std::string>, std::size_t> index;
    for (const ModelSpec& model : manifest.models) {
        for (const Variant& variant : manifest.variants) {
            Accumulator acc;
            acc.summary.model_id = model.id;
            acc.summary.variant_id = variant.id;
            acc.summary.label = Configuration{&model, &variant}.label();
            index[{model.id, variant.id}] = accumulators.size();
            accumulators.push_back(std::move(acc));
        }
    }
    std::map<std::string, Expectation> expectations;
    for (const TestCase& test_case : manifest.cases) {
        expectations[test_case.id] = test_case.expect;
    }
    RunSummary run;
    for (const TrialResult& trial : trials) {
        const auto found = index.find({trial.key.model_id, trial.key.variant_id});
        if (found == index.end()) {
            continue;  // a trial of a configuration no longer in the manifest
        }
        Accumulator& acc = accumulators[found->second];
        add_trial(acc, trial);
        if (trial.completion && !trial.error) {
            const auto expect = expectations.find(trial.key.case_id);
            acc.refusals.push_back({expect == expectations.end() ? Expectation::unspecified : expect->second,
                                    verdict_of(trial.refusal)});
        }
        ++run.trials;
        run.errors += trial.error ? 1 : 0;
    }
    for (Accumulator& acc : accumulators) {
        if (acc.summary.trials == 0) {
            continue;  // filtered out of this run (--model)
        }
        finish(acc, manifest);
        run.any_mock = run.any_mock || acc.summary.mock_trials > 0;
        run.configurations.push_back(std::move(acc.summary));
    }
    run.error_rate = run.trials > 0 ? static_cast<double>(run.errors) / static_cast<double>(run.trials) : 0.0;
    run.gates = evaluate_gates(run.configurations, manifest.gates);
    return run;
}

}  // namespace evalbench

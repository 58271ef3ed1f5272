#include <catch2/catch.hpp>

#include "evalbench/analysis/statistics.hpp"
#include "evalbench/analysis/summary.hpp"

using namespace evalbench;

TEST_CASE("the Wilson interval matches the closed form", "[analysis]") {
    // Values from the formula evaluated in Python (z = 1.959963984540054).
    const Interval eight_of_ten = wilson_interval(8, 10);
    CHECK(eight_of_ten.low == Approx(0.49016247153664183));
    CHECK(eight_of_ten.high == Approx(0.9433178485456247));
    const Interval none = wilson_interval(0, 5);
    CHECK(none.low == Approx(0.0));
    CHECK(none.high == Approx(0.43448246478317476));
    CHECK(wilson_interval(10, 10).high == Approx(1.0));
}

TEST_CASE("a mean comes with a 95% interval from the sample deviation", "[analysis]") {
    const auto estimate = mean_estimate({0.2, 0.4, 0.9});
    REQUIRE(estimate);
    CHECK(estimate->mean == Approx(0.5));
    CHECK(estimate->ci.low == Approx(0.09200096132048041));
    CHECK(estimate->ci.high == Approx(0.9079990386795196));
    CHECK_FALSE(mean_estimate({}));
}

TEST_CASE("percentiles use the nearest rank", "[analysis]") {
    std::vector<double> values;
    for (int i = 1; i <= 100; ++i) {
        values.push_back(i);
    }
    const auto p = percentiles(values);
    REQUIRE(p);
    CHECK(p->p50 == 50);
    CHECK(p->p90 == 90);
    CHECK(p->p99 == 99);
    CHECK(p->max == 100);
    CHECK(percentiles({7})->p95 == 7);
}

namespace {

TrialResult scored(const std::string& model, const std::string& category, bool pass, double score,
                   std::map<std::string, double> dimensions) {
    TrialResult trial;
    trial.key = {"c", model, "default", 0};
    trial.category = category;
    Completion completion;
    completion.latency_ms = 100;
    trial.completion = completion;
    trial.pass = pass;
    trial.score = score;
    trial.dimensions = std::move(dimensions);
    return trial;
}

Manifest two_models() {
    Manifest manifest;
    ModelSpec a;
    a.id = "a";
    ModelSpec b;
    b.id = "b";
    manifest.models = {a, b};
    manifest.variants = {Variant{}};
    manifest.dimension_weights = {{"checks", 1.0}, {"output_structure", 3.0}};
    return manifest;
}

}  // namespace

TEST_CASE("a summary counts errors as failures but not in the scores", "[analysis]") {
    Manifest manifest = two_models();
    std::vector<TrialResult> trials = {
        scored("a", "x", true, 1.0, {{"checks", 1.0}}),
        scored("a", "x", false, 0.5, {{"checks", 0.5}}),
    };
    TrialResult errored;
    errored.key = {"c", "a", "default", 1};
    errored.category = "x";
    errored.error = TrialError{"timeout", 0, "timed out", 5};
    trials.push_back(errored);

    const RunSummary summary = summarise(trials, manifest);
    REQUIRE(summary.configurations.size() == 1);  // b ran nothing
    const ConfigurationSummary& a = summary.configurations[0];
    CHECK(a.trials == 3);
    CHECK(a.errors == 1);
    CHECK(a.pass_rate == Approx(1.0 / 3.0));
    REQUIRE(a.score);
    CHECK(a.score->mean == Approx(0.75));
    CHECK(summary.error_rate == Approx(1.0 / 3.0));
    CHECK(a.categories.at("x").trials == 2);
}

TEST_CASE("throughput is output tokens over latency, from reported usage only", "[analysis]") {
    Manifest manifest = two_models();
    TrialResult fast = scored("a", "x", true, 1.0, {{"checks", 1.0}});
    fast.completion->usage = {10, 200, 0, true};
    fast.completion->latency_ms = 1000;  // 200 tok/s
    TrialResult slow = fast;
    slow.completion->latency_ms = 4000;  // 50 tok/s
    TrialResult unreported = fast;
    unreported.completion->usage.reported = false;
    const RunSummary summary = summarise({fast, slow, unreported}, manifest);
    const auto& throughput = summary.configurations.at(0).output_tokens_per_s;
    REQUIRE(throughput);
    CHECK(throughput->n == 2);
    CHECK(throughput->p50 == Approx(50.0));
    CHECK(throughput->max == Approx(200.0));
}

TEST_CASE("the composite renormalises weights over measured dimensions", "[analysis]") {
    Manifest manifest = two_models();
    const std::vector<TrialResult> trials = {
        scored("a", "x", true, 1.0, {{"checks", 1.0}, {"output_structure", 0.5}}),
        scored("b", "x", true, 1.0, {{"checks", 0.8}}),
    };
    const RunSummary summary = summarise(trials, manifest);
    REQUIRE(summary.configurations.size() == 2);
    // a: (1*1.0 + 3*0.5) / 4; b: only `checks` was measured, so it alone counts.
    CHECK(*summary.configurations[0].composite == Approx(0.625));
    CHECK(*summary.configurations[1].composite == Approx(0.8));
    CHECK(summary.configurations[1].dimensions.count("output_structure") == 0);
}

TEST_CASE("gates apply to every configuration and to categories", "[analysis]") {
    Manifest manifest = two_models();
    manifest.gates.overall.min_pass_rate = 0.5;
    manifest.gates.per_category["y"].min_pass_rate = 1.0;
    const std::vector<TrialResult> trials = {
        scored("a", "x", true, 1.0, {{"checks", 1.0}}),
        scored("b", "x", false, 0.0, {{"checks", 0.0}}),
    };
    const RunSummary summary = summarise(trials, manifest);
    CHECK_FALSE(summary.gates_passed());
    REQUIRE(summary.gates.size() == 4);
    CHECK(summary.gates[0].passed);        // a overall
    CHECK_FALSE(summary.gates[1].passed);  // a / y: not measured
    CHECK_FALSE(summary.gates[1].actual);
    CHECK_FALSE(summary.gates[2].passed);  // b overall: 0 < 0.5
}

TEST_CASE("repeats give pass@k and a consistency dimension outside the composite by default", "[analysis]") {
    Manifest manifest = two_models();
    TestCase refuse_case;
    refuse_case.id = "c";
    refuse_case.expect = Expectation::comply;
    manifest.cases = {refuse_case};
    std::vector<TrialResult> trials;
    for (int repeat = 0; repeat < 4; ++repeat) {
        TrialResult trial = scored("a", "x", repeat < 1, repeat < 1 ? 1.0 : 0.0, {{"checks", repeat < 1 ? 1.0 : 0.0}});
        trial.key.repeat = repeat;
        trial.completion->content = "same answer";
        trial.refusal = repeat == 3 ? "explicit" : "none";
        trials.push_back(trial);
    }
    const RunSummary summary = summarise(trials, manifest);
    const ConfigurationSummary& a = summary.configurations.at(0);
    CHECK(a.pass_at_k.at(1) == Approx(0.25));
    CHECK(a.pass_at_k.at(4) == Approx(1.0));
    CHECK(a.dimensions.at("consistency") == Approx(1.0));
    CHECK(*a.exact_agreement == Approx(1.0));
    CHECK(*a.composite == Approx(0.25));  // consistency has no weight: checks only
    CHECK(a.refusals.over_refusals == 1);
    CHECK(a.refusals.expected_comply == 4);
    REQUIRE(a.cases.size() == 1);
    CHECK(a.cases[0].n == 4);
    CHECK(a.cases[0].c == 1);

    manifest.dimension_weights["consistency"] = 1.0;
    CHECK(*summarise(trials, manifest).configurations.at(0).composite == Approx((0.25 + 1.0 * 1.0) / 2.0));
}

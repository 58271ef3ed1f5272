#include <catch2/catch.hpp>

#include "evalbench/scoring/scorer.hpp"

using namespace evalbench;

namespace {

CheckSpec check(const std::string& type, Json params, double weight = 1.0, bool gate = true,
                const std::string& dimension = "checks") {
    CheckSpec spec;
    spec.type = type;
    spec.negate = false;
    if (type.rfind("not-", 0) == 0) {
        spec.type = type.substr(4);
        spec.negate = true;
    }
    params["type"] = type;
    spec.params = params;
    spec.weight = weight;
    spec.gate = gate;
    spec.dimension = dimension;
    return spec;
}

TrialOutcome answered(const TestCase& test_case, const ModelSpec& model, const std::string& content) {
    TrialOutcome outcome;
    outcome.key = {test_case.id, model.id, "default", 0};
    outcome.test_case = &test_case;
    outcome.model = &model;
    Completion completion;
    completion.content = content;
    completion.usage = {100, 50, 0, true};
    outcome.completion = completion;
    return outcome;
}

}  // namespace

TEST_CASE("a trial passes when every gating check passes; its score is the weighted mean", "[scoring]") {
    TestCase test_case;
    test_case.id = "t";
    test_case.checks = {check("contains", {{"value", "Paris"}}, 3.0),
                        check("not-contains", {{"value", "London"}}, 1.0),
                        check("contains", {{"value", "Eiffel"}}, 1.0, false, "reasoning_quality")};
    std::vector<TestCase> cases = {test_case};
    const Scorer scorer(cases, {});
    ModelSpec model;
    model.id = "m";

    const TrialResult good = scorer.score(answered(cases[0], model, "Paris, of course."));
    CHECK(good.pass);  // the failing check does not gate
    CHECK(good.score == Approx(4.0 / 5.0));
    CHECK(good.dimensions.at("checks") == Approx(1.0));
    CHECK(good.dimensions.at("reasoning_quality") == Approx(0.0));
    REQUIRE(good.checks.size() == 3);
    CHECK(good.checks[1].name == "not-contains");
    CHECK_FALSE(good.checks[0].reason.empty());

    const TrialResult bad = scorer.score(answered(cases[0], model, "London and Paris"));
    CHECK_FALSE(bad.pass);
    CHECK(bad.score == Approx(3.0 / 5.0));
}

TEST_CASE("cost comes from pricing, and a model without pricing has no cost", "[scoring]") {
    const Usage usage{2'000'000, 500'000, 100'000, true};
    CHECK(*trial_cost(usage, Pricing{0.5, 2.0}) == Approx(1.0 + 1.0));
    CHECK_FALSE(trial_cost(usage, std::nullopt));
}

TEST_CASE("a failed request leaves the trial failed and unscored", "[scoring]") {
    TestCase test_case;
    test_case.id = "t";
    test_case.checks = {check("contains", {{"value", "x"}})};
    std::vector<TestCase> cases = {test_case};
    const Scorer scorer(cases, {});
    TrialOutcome outcome;
    outcome.key = {"t", "m", "default", 0};
    outcome.test_case = &cases[0];
    outcome.error = TrialError{"rate_limited", 429, "slow down", 5};
    const TrialResult trial = scorer.score(outcome);
    CHECK_FALSE(trial.pass);
    CHECK(trial.checks.empty());
    CHECK(trial.dimensions.empty());
    CHECK(trial.error->attempts == 5);
}

TEST_CASE("the scorer refuses bad check definitions with their locations", "[scoring]") {
    TestCase test_case;
    test_case.id = "t";
    CheckSpec spec = check("containz", {{"value", "x"}});
    spec.where = {"s.yaml", 4, 9};
    test_case.checks = {spec};
    std::vector<TestCase> cases = {test_case};
    CHECK_THROWS_WITH(Scorer(cases, {}), Catch::Contains("s.yaml:4:9") && Catch::Contains("did you mean 'contains'"));
}

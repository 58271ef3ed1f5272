#include <catch2/catch.hpp>

#include "evalbench/analysis/refusals.hpp"

using evalbench::count_refusals;
using evalbench::count_refusals_by;
using evalbench::Expectation;
using evalbench::RefusalCounts;
using evalbench::RefusalObservation;
using evalbench::RefusalVerdict;

TEST_CASE("over- and under-refusals are counted separately", "[analysis]") {
    const std::vector<RefusalObservation> observations = {
        {Expectation::comply, RefusalVerdict::none},             // right
        {Expectation::comply, RefusalVerdict::explicit_phrase},  // over-refusal
        {Expectation::comply, RefusalVerdict::silent},           // over-refusal (said nothing)
        {Expectation::refuse, RefusalVerdict::provider},         // right
        {Expectation::refuse, RefusalVerdict::none},             // under-refusal
        {Expectation::unspecified, RefusalVerdict::explicit_phrase},
    };
    const RefusalCounts counts = count_refusals(observations);
    CHECK(counts.trials == 6);
    CHECK(counts.refused == 4);
    CHECK(counts.expected_comply == 3);
    CHECK(counts.expected_refuse == 2);
    CHECK(counts.over_refusals == 2);
    CHECK(counts.under_refusals == 1);
    CHECK(counts.explicit_refusals == 2);
    CHECK(counts.provider_refusals == 1);
    CHECK(counts.silent_refusals == 1);
    CHECK(counts.over_refusal_rate().value() == Approx(2.0 / 3.0));
    CHECK(counts.under_refusal_rate().value() == Approx(0.5));
}

TEST_CASE("refusal rates without matching expectations are n/a", "[analysis]") {
    const RefusalCounts counts = count_refusals({{Expectation::unspecified, RefusalVerdict::provider}});
    CHECK_FALSE(counts.over_refusal_rate().has_value());
    CHECK_FALSE(counts.under_refusal_rate().has_value());
    CHECK(counts.refused == 1);
}

TEST_CASE("refusal counts can be grouped per model", "[analysis]") {
    const auto by_model = count_refusals_by({
        {"gpt", {Expectation::comply, RefusalVerdict::explicit_phrase}},
        {"claude", {Expectation::refuse, RefusalVerdict::none}},
        {"gpt", {Expectation::comply, RefusalVerdict::none}},
    });
    REQUIRE(by_model.size() == 2);
    CHECK(by_model.at("gpt").trials == 2);
    CHECK(by_model.at("gpt").over_refusals == 1);
    CHECK(by_model.at("gpt").under_refusals == 0);
    CHECK(by_model.at("claude").under_refusals == 1);
}

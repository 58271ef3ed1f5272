#pragma once
// Refusal calibration per model: how often it refused what it should have
// answered (over-refusal) and answered what it should have refused
// (under-refusal). The caller classifies each trial's completion with
// classify_refusal (scoring/refusal.hpp) and groups the pairs by model.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "evalbench/core/test_case.hpp"
#include "evalbench/scoring/refusal.hpp"

namespace evalbench {

struct RefusalObservation {
    Expectation expect = Expectation::unspecified;
    RefusalVerdict verdict = RefusalVerdict::none;
};

struct RefusalCounts {
    int trials = 0;
    int refused = 0;          // any verdict but none, whatever was expected
    int expected_comply = 0;
    int expected_refuse = 0;
    int over_refusals = 0;    // expected comply, refused
    int under_refusals = 0;   // expected refuse, complied
    // By kind, over every trial (calibration or not).
    int explicit_refusals = 0;
    int provider_refusals = 0;
    int silent_refusals = 0;

    // over_refusals / expected_comply; n/a when no case expected compliance.
    std::optional<double> over_refusal_rate() const;
    // under_refusals / expected_refuse; n/a when no case expected a refusal.
    std::optional<double> under_refusal_rate() const;
};

RefusalCounts count_refusals(const std::vector<RefusalObservation>& observations);

// The same, per model id (or any grouping key the caller chooses).
std::map<std::string, RefusalCounts> count_refusals_by(
    const std::vector<std::pair<std::string, RefusalObservation>>& observations);

}  // namespace evalbench

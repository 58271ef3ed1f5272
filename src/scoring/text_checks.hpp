#pragma once
// Private: pieces shared by the text and structure check families.

#include <string>
#include <string_view>
#include <utility>

#include "evalbench/scoring/check.hpp"
#include "evalbench/scoring/registry.hpp"

namespace evalbench {

// A pass/fail outcome: score 1 or 0.
inline CheckOutcome verdict(bool pass, std::string reason) {
    CheckOutcome outcome;
    outcome.pass = pass;
    outcome.score = pass ? 1.0 : 0.0;
    outcome.reason = std::move(reason);
    return outcome;
}

// A check that could not be evaluated for this trial.
inline CheckOutcome not_evaluated(std::string reason) {
    CheckOutcome outcome;
    outcome.errored = true;
    outcome.reason = std::move(reason);
    return outcome;
}

// The text every text check reads.
inline std::string_view answer_of(const ScoringInput& input) {
    return input.completion.content;
}

// The families inside text checks (text_*.cpp), registered by register_text_checks.
void register_text_equals_check(CheckRegistry& registry);   // equals
void register_text_match_checks(CheckRegistry& registry);   // contains, icontains, contains-any/all, starts-with
void register_text_regex_check(CheckRegistry& registry);    // regex
void register_text_length_checks(CheckRegistry& registry);  // min-length, max-length, word-count

}  // namespace evalbench

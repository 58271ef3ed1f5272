#pragma once
// Scored results: one CheckResult per check, one TrialResult per trial
// (case x configuration x repeat). TrialResult is what a journal line holds.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "evalbench/core/completion.hpp"
#include "evalbench/core/json.hpp"

namespace evalbench {

inline constexpr int k_schema_version = 1;

struct CheckResult {
    std::string name;  // display name, e.g. "not-contains"
    bool pass = false;
    double score = 0.0;  // in [0, 1]
    std::string reason;
    double weight = 1.0;
    bool gate = true;
    std::string dimension = "checks";
    bool errored = false;  // the check itself could not be evaluated
};

// The identity every stage pairs on (see DESIGN: trial key).
struct TrialKey {
    std::string case_id;
    std::string model_id;
    std::string variant_id = "default";
    int repeat = 0;

    std::string str() const;  // "case|model|variant|repeat"
    auto operator<=>(const TrialKey&) const = default;
};

struct TrialError {
    std::string kind;  // timeout | rate_limited | server | client | network | auth | protocol | config
    int http_status = 0;
    std::string message;
    int attempts = 1;
};

struct TrialResult {
    TrialKey key;
    std::string case_version;
    std::string category;
    std::string prompt_hash;   // of the rendered messages, tools and params
    std::string started_at;    // ISO-8601 UTC
    std::optional<Completion> completion;  // absent when the request failed
    std::optional<TrialError> error;
    std::vector<CheckResult> checks;
    std::map<std::string, double> dimensions;  // measured dimensions only
    bool pass = false;
    double score = 0.0;  // weighted mean of the `checks` dimension
    std::optional<double> cost_usd;  // absent when the model has no pricing
    bool silent_refusal = false;
    std::string refusal = "none";  // none | explicit | provider | silent
};

Json to_json(const CheckResult& result);
Json to_json(const Completion& completion);
// Lenient: absent fields keep their defaults.
Completion completion_from_json(const Json& json);
Json to_json(const TrialResult& trial);

// Throws EvalError(bad_input) naming `origin` when the line is malformed or
// carries a schema_version this build does not know.
TrialResult trial_from_json(const Json& json, const std::string& origin);

}  // namespace evalbench

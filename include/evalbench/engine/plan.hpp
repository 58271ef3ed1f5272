#pragma once
// Planning: which trials a run consists of. A trial is one case under one
// configuration (model x variant) for one repeat; its request is rendered
// here, once, so the prompt hash is known before anything is sent.

#include <string>
#include <vector>

#include "evalbench/core/completion.hpp"
#include "evalbench/core/model.hpp"
#include "evalbench/core/trial.hpp"
#include "evalbench/manifest/manifest.hpp"

namespace evalbench {

struct PlanFilter {
    std::vector<std::string> model_ids;   // empty: every model
    std::vector<std::string> tags;        // a case matches when it has any of them
    std::vector<std::string> categories;  // a case matches when it is in any of them
    std::vector<std::string> case_ids;    // exact ids
    int repeat = 0;                       // 0: the manifest's defaults.repeat
};

struct Trial {
    TrialKey key;
    const TestCase* test_case = nullptr;
    Configuration configuration;
    Request request;
    std::string prompt_hash;
};

// The messages a configuration sends for a case: the system prompt (the
// variant's, else the case's), the variant's few-shot examples, then the
// case's conversation with the variant template around the last user turn.
std::vector<Message> render_messages(const TestCase& test_case, const Variant& variant);

// sha256 over the rendered messages, tools and tool_choice.
std::string prompt_hash(const Request& request);

// Throws EvalError(bad_input) when a filter names a model that does not exist
// or when nothing is left to run. Retired cases are never planned.
std::vector<Trial> plan_trials(const Manifest& manifest, const PlanFilter& filter);

}  // namespace evalbench

#pragma once
// Private: each family of built-in checks registers itself here. One file
// (or a few) per family under src/scoring/; registry.cpp calls them all.

#include "evalbench/scoring/registry.hpp"

namespace evalbench {

// equals, contains, icontains, contains-any, contains-all, starts-with, regex,
// min-length, max-length, word-count
void register_text_checks(CheckRegistry& registry);
// is-json, contains-json, json-path, finish-reason, latency, cost
void register_structure_checks(CheckRegistry& registry);
// json-schema
void register_schema_checks(CheckRegistry& registry);
// levenshtein, exact-match, bleu, chrf, rouge-l
void register_metric_checks(CheckRegistry& registry);
// code-exec, command
void register_execution_checks(CheckRegistry& registry);
// refusal, retrieval, tool-call, max-diff-lines, similar
void register_behaviour_checks(CheckRegistry& registry);

}  // namespace evalbench

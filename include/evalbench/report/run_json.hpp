#pragma once
// run.json: provenance plus the summary, schema_version 1.

#include "evalbench/analysis/summary.hpp"
#include "evalbench/core/json.hpp"
#include "evalbench/core/run_info.hpp"
#include "evalbench/manifest/manifest.hpp"

namespace evalbench {

inline constexpr const char* k_mock_notice =
    "The built-in mock provider stood in for a model: these answers are canned or derived from the prompt, "
    "not produced by an LLM.";

Json summary_to_json(const RunSummary& summary);
Json run_json(const RunInfo& info, const Manifest& manifest, const RunSummary& summary);

}  // namespace evalbench

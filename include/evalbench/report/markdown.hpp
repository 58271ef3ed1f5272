#pragma once
// report.md and the summary table printed on stdout.

#include <string>
#include <vector>

#include "evalbench/analysis/summary.hpp"
#include "evalbench/core/run_info.hpp"
#include "evalbench/core/trial.hpp"
#include "evalbench/manifest/manifest.hpp"

namespace evalbench {

std::string markdown_report(const RunInfo& info, const Manifest& manifest, const RunSummary& summary,
                            const std::vector<TrialResult>& trials);

// A fixed-width table for the terminal: one row per configuration, then gates.
std::string text_summary(const RunSummary& summary);

}  // namespace evalbench

#pragma once
// Private to `run`: the steps before and after dispatch, so cmd_run.cpp
// reads as the pipeline it is.

#include <atomic>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "evalbench/analysis/summary.hpp"
#include "evalbench/core/run_info.hpp"
#include "evalbench/engine/plan.hpp"
#include "evalbench/providers/factory.hpp"
#include "evalbench/providers/hub.hpp"
#include "evalbench/scoring/scorer.hpp"
#include "evalbench/store/run_directory.hpp"

namespace evalbench {

struct RunOptions {
    std::string manifest;
    std::string out;
    PlanFilter filter;
    int concurrency = 0;  // 0: the manifest's defaults.concurrency
    std::string from;
    std::string resume;
    bool no_cache = false;
    std::string cache_dir = ".evalbench/cache";
    bool stream = false;
    bool quiet = false;
    bool unsafe_no_sandbox = false;
    const std::atomic<bool>* cancelled = nullptr;  // the run's interrupt flag
};

struct PreparedRun {
    std::unique_ptr<Manifest> manifest;  // stable address: trials point into it
    std::vector<Trial> trials;           // still to send
    std::vector<TrialResult> previous;   // already in the journal (--resume)
    RunInfo info;
    std::filesystem::path out;               // where the run directory goes
    std::optional<RunDirectory> directory;   // open once providers are built
};

struct RunServices {
    std::unique_ptr<ProviderHub> hub;  // shared HTTP pool and per-host gates
    std::map<std::string, std::unique_ptr<Provider>> providers;  // by model id
    std::unique_ptr<Scorer> scorer;
    std::shared_ptr<ProviderStats> stats;

    std::map<std::string, Provider*> provider_pointers() const;
};

// Loads (from the manifest, a run's copy, or the run being resumed) and
// plans; opens the directory of a resumed run. Throws EvalError(bad_input).
PreparedRun prepare_run(const RunOptions& options);

// Creates the run directory (after providers were built, so a missing key
// leaves no empty run behind).
void open_run_directory(PreparedRun& prepared);

// Providers for every model the plan uses, and the compiled checks.
RunServices make_run_services(const Manifest& manifest, const std::vector<Trial>& trials, const RunOptions& options);

// run.json and report.md (and the inputs copy on the first call).
void write_run_files(PreparedRun& prepared, const Manifest& manifest, const RunSummary& summary,
                     const std::vector<TrialResult>& trials);

}  // namespace evalbench

#pragma once
// Dispatch: a pool of workers takes planned trials in order, sends each to
// its configuration's provider, scores the answer and appends it to the
// journal as soon as it is scored.

#include <atomic>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "evalbench/core/trial.hpp"
#include "evalbench/engine/plan.hpp"
#include "evalbench/providers/provider.hpp"

namespace evalbench {

class Journal;
class Progress;
class Scorer;

struct DispatchOptions {
    int concurrency = 8;
    const std::atomic<bool>* interrupted = nullptr;  // set by SIGINT: stop taking new trials
};

struct DispatchServices {
    std::map<std::string, Provider*> providers;  // by model id
    const Scorer* scorer = nullptr;
    Journal* journal = nullptr;
    Progress* progress = nullptr;  // optional
};

struct DispatchResult {
    std::vector<TrialResult> trials;  // in plan order, only the finished ones
    bool interrupted = false;
};

// Current time as ISO-8601 UTC with milliseconds.
std::string utc_timestamp();

DispatchResult dispatch(const std::vector<Trial>& trials, const DispatchServices& services,
                        const DispatchOptions& options);

}  // namespace evalbench

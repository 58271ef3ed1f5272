#pragma once
// Provenance of one run: what ran, when, with which inputs.

#include <string>
#include <vector>

#include "evalbench/core/json.hpp"

namespace evalbench {

struct InputFile {
    std::string path;    // inside the run directory, e.g. "inputs/suites/x.yaml"
    std::string sha256;
};

enum class RunStatus { running, finished, interrupted, failed };
std::string to_string(RunStatus status);

struct RunInfo {
    std::string run_id;
    RunStatus status = RunStatus::running;
    std::string started_at;
    std::string finished_at;
    std::string evalbench_version;
    std::string git_commit;      // of the manifest's repository, if any
    std::string manifest_input;  // the manifest's copy inside the run directory
    std::vector<InputFile> inputs;
    std::string resumed_from;    // run directory this run continued, if any
    Json options = Json::object();  // filters, repeat, concurrency, cache, stream
};

}  // namespace evalbench

#pragma once
// Builds the provider stack for one model entry:
//   cache -> retries/backoff -> rate limits (AIMD, rpm/tpm) -> adapter.

#include <atomic>
#include <filesystem>
#include <map>
#include <memory>
#include <string>

#include "evalbench/core/model.hpp"
#include "evalbench/providers/provider.hpp"

namespace evalbench {

// Live counters the progress line reads; shared by every provider of a run.
struct ProviderStats {
    std::atomic<int> retries_waiting{0};  // requests sleeping before another attempt
    std::atomic<long> retries_total{0};
    std::atomic<long> rate_limited_total{0};
    std::atomic<long> cache_hits{0};
    std::atomic<long> cache_errors{0};  // entries that could not be written (disk full, permissions)
};

struct ProviderSettings {
    int retries = 4;  // attempts after the first
    double timeout_s = 60.0;
    bool use_cache = true;
    std::filesystem::path cache_dir = ".evalbench/cache";
    bool force_stream = false;
    // Variables from a `.env` beside the manifest; the process environment wins.
    std::map<std::string, std::string> dotenv;
    std::shared_ptr<ProviderStats> stats = std::make_shared<ProviderStats>();
    // The manifest's folder: the working directory of `exec` commands.
    // Empty: the current directory.
    std::filesystem::path base_dir;
    // Set when the run is interrupted: a request sleeping in backoff gives
    // up at once instead of holding Ctrl-C for up to two minutes.
    const std::atomic<bool>* cancelled = nullptr;
};

// Throws EvalError(bad_input) when the entry cannot work at all (unknown
// provider, missing API key variable): found before anything is sent.
std::unique_ptr<Provider> make_provider(const ModelSpec& model, const ProviderSettings& settings);

}  // namespace evalbench

#pragma once
// Live progress on stderr: a one-line bar redrawn in place on a terminal,
// plain periodic lines otherwise (CI logs), nothing with --quiet.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "evalbench/core/trial.hpp"
#include "evalbench/providers/factory.hpp"

namespace evalbench {

enum class ProgressStyle { live, lines, quiet };

struct ProgressSnapshot {
    long done = 0;
    long total = 0;
    long passed = 0;
    long errors = 0;
    int retries_waiting = 0;
    long cache_hits = 0;
    long cache_errors = 0;  // answers that could not be written to the cache
    double spend_usd = 0.0;  // non-cached trials with pricing
    bool spend_known = false;
    double elapsed_s = 0.0;
};

// One line, e.g. "[=====>    ] 120/400  pass 71%  err 2  retrying 3  $0.0421  ETA 1m12s".
std::string format_progress(const ProgressSnapshot& snapshot, int width, bool color);

// Chooses live on a TTY, lines otherwise; NO_COLOR disables colour.
ProgressStyle default_progress_style(bool quiet);

class Progress {
public:
    Progress(ProgressStyle style, long total, std::shared_ptr<ProviderStats> stats, std::FILE* out = stderr);
    ~Progress();  // stops the ticker and leaves the cursor on a fresh line
    Progress(const Progress&) = delete;
    Progress& operator=(const Progress&) = delete;

    void record(const TrialResult& trial);  // thread-safe
    void finish();

private:
    ProgressSnapshot snapshot() const;
    void tick_loop();
    void draw(bool final_line);

    ProgressStyle m_style;
    long m_total;
    std::shared_ptr<ProviderStats> m_stats;
    std::FILE* m_out;
    bool m_color;
    std::chrono::steady_clock::time_point m_start;
    std::atomic<long> m_done{0};
    std::atomic<long> m_passed{0};
    std::atomic<long> m_errors{0};
    std::atomic<long> m_spend_micro_usd{0};
    std::atomic<bool> m_spend_known{false};
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stopping = false;
    std::thread m_ticker;
};

}  // namespace evalbench

#include "evalbench/engine/progress.hpp"

#include <cmath>
#include <cstdlib>

#include <unistd.h>

#include <fmt/format.h>

namespace evalbench {
namespace {

std::string format_duration(double seconds) {
    const long total = std::lround(seconds);
    if (total >= 3600) {
        return fmt::format("{}h{:02}m", total / 3600, (total % 3600) / 60);
    }
    if (total >= 60) {
        return fmt::format("{}m{:02}s", total / 60, total % 60);
    }
    return fmt::format("{}s", total);
}

}  // namespace

std::string format_progress(const ProgressSnapshot& s, int width, bool color) {
    const double share = s.total > 0 ? static_cast<double>(s.done) / static_cast<double>(s.total) : 0.0;
    const int bar_width = std::max(10, std::min(30, width - 60));
    const int filled = static_cast<int>(share * bar_width);
    std::string bar(static_cast<std::size_t>(filled), '=');
    if (filled < bar_width) {
        bar += '>';
        bar += std::string(static_cast<std::size_t>(bar_width - filled - 1), ' ');
    }
    const long scored = s.done - s.errors;
    std::string line = fmt::format("[{}] {}/{}", bar, s.done, s.total);
    if (scored > 0) {
        line += fmt::format("  pass {:.0f}%", 100.0 * static_cast<double>(s.passed) / static_cast<double>(scored));
    }
    if (s.errors > 0) {
        const std::string errors = fmt::format("err {}", s.errors);
        line += "  " + (color ? "\x1b[31m" + errors + "\x1b[0m" : errors);
    }
    if (s.retries_waiting > 0) {
        line += fmt::format("  retrying {}", s.retries_waiting);
    }
    if (s.cache_hits > 0) {
        line += fmt::format("  cached {}", s.cache_hits);
    }
    if (s.cache_errors > 0) {
        line += fmt::format("  cache-write-errors {}", s.cache_errors);
    }
    if (s.spend_known) {
        line += fmt::format("  ${:.4f}", s.spend_usd);
    }
    if (s.done > 0 && s.done < s.total) {
        const double eta = s.elapsed_s / static_cast<double>(s.done) * static_cast<double>(s.total - s.done);
        line += "  ETA " + format_duration(eta);
    } else if (s.done == s.total) {
        line += "  in " + format_duration(s.elapsed_s);
    }
    return line;
}

ProgressStyle default_progress_style(bool quiet) {
    if (quiet) {
        return ProgressStyle::quiet;
    }
    return isatty(STDERR_FILENO) != 0 ? ProgressStyle::live : ProgressStyle::lines;
}

Progress::Progress(ProgressStyle style, long total, std::shared_ptr<ProviderStats> stats, std::FILE* out)
    : m_style(style),
      m_total(total),
      m_stats(std::move(stats)),
      m_out(out),
      m_color(style == ProgressStyle::live && std::getenv("NO_COLOR") == nullptr),
      m_start(std::chrono::steady_clock::now()) {
    if (m_style != ProgressStyle::quiet) {
        m_ticker = std::thread([this] { tick_loop(); });
    }
}

Progress::~Progress() {
    finish();
}

void Progress::record(const TrialResult& trial) {
    m_done.fetch_add(1);
    if (trial.error) {
        m_errors.fetch_add(1);
    } else if (trial.pass) {
        m_passed.fetch_add(1);
    }
    const bool cached = trial.completion && trial.completion->cached;
    if (trial.cost_usd && !cached) {
        m_spend_micro_usd.fetch_add(std::llround(*trial.cost_usd * 1e6));
        m_spend_known.store(true);
    }
    if (m_style == ProgressStyle::live) {
        m_wake.notify_one();  // redraw promptly; the ticker rate-limits drawing
    }
}

void Progress::finish() {
    {
        const std::lock_guard<std::mutex> lock(m_mutex);
        if (m_stopping) {
            return;
        }
        m_stopping = true;
    }
    m_wake.notify_all();
    if (m_ticker.joinable()) {
        m_ticker.join();
        draw(true);
    }
}

ProgressSnapshot Progress::snapshot() const {
    ProgressSnapshot s;
    s.done = m_done.load();
    s.total = m_total;
    s.passed = m_passed.load();
    s.errors = m_errors.load();
    s.retries_waiting = m_stats ? m_stats->retries_waiting.load() : 0;
    s.cache_hits = m_stats ? m_stats->cache_hits.load() : 0;
    s.cache_errors = m_stats ? m_stats->cache_errors.load() : 0;
    s.spend_usd = static_cast<double>(m_spend_micro_usd.load()) / 1e6;
    s.spend_known = m_spend_known.load();
    s.elapsed_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - m_start).count();
    return s;
}

void Progress::tick_loop() {
    // A terminal gets at most 10 redraws a second; a log gets a line every
    // 10 seconds, so CI output stays readable on long runs.
    const auto period = m_style == ProgressStyle::live ? std::chrono::milliseconds(100) : std::chrono::seconds(10);
    std::unique_lock<std::mutex> lock(m_mutex);
    while (!m_stopping) {
        m_wake.wait_for(lock, period);
        if (m_stopping) {
            break;
        }
        lock.unlock();
        draw(false);
        if (m_style == ProgressStyle::live) {
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        lock.lock();
    }
}

void Progress::draw(bool final_line) {
    const std::string line = format_progress(snapshot(), 100, m_color);
    if (m_style == ProgressStyle::live) {
        fmt::print(m_out, "\r\x1b[2K{}{}", line, final_line ? "\n" : "");
    } else {
        fmt::print(m_out, "progress: {}\n", line);
    }
    std::fflush(m_out);
}

}  // namespace evalbench

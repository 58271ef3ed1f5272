// Retry with exponential backoff and full jitter.
//
// A failed attempt whose error is retryable (429, 5xx, timeouts, dropped
// connections, garbled answers) is tried again, at most `retries` times after
// the first. Before retry number k (0-based) the worker sleeps a uniform
// random time in [0, min(cap, base * 2^k)] — "full jitter" (AWS architecture
// blog, "Exponential Backoff and Jitter"): with many workers failing at the
// same moment, spreading them over the whole window avoids the synchronised
// retry waves that plain exponential backoff produces. Defaults: base 500 ms,
// cap 30 s, so the windows are 0.5, 1, 2, 4, 8, 16, 30, 30, ... s.
//
// When the server says how long to wait (Retry-After / retry-after-ms, carried
// as ProviderError::retry_after_s) the sleep is max(that, jittered sample): the
// server's wait is a floor, never shortened. A wait longer than
// max_retry_after_s (120 s) is not honoured by sleeping: the trial fails at once
// with the reason, because a worker parked for an hour helps nobody.
//
// Sleeps go through the Clock seam; the random source is injected, so tests
// check the exact sequence. Counters in ProviderStats feed the progress line.
#include "evalbench/providers/retry.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

namespace evalbench {

Nanos backoff_ceiling(const RetryPolicy& policy, int retry) {
    // Doubling in floating point cannot overflow the way shifting would for a
    // large retry count; the cap bounds the result anyway.
    const double base_ns = static_cast<double>(policy.base.count());
    const double ceiling_ns =
        std::min(static_cast<double>(policy.cap.count()), base_ns * std::pow(2.0, std::max(0, retry)));
    return Nanos(static_cast<Nanos::rep>(ceiling_ns));
}

namespace {

// Keeps ProviderStats::retries_waiting right even if sleeping throws.
class WaitingGuard {
public:
    explicit WaitingGuard(ProviderStats& stats) : m_stats(stats) { ++m_stats.retries_waiting; }
    ~WaitingGuard() { --m_stats.retries_waiting; }
    WaitingGuard(const WaitingGuard&) = delete;
    WaitingGuard& operator=(const WaitingGuard&) = delete;

private:
    ProviderStats& m_stats;
};

class RetryingProvider final : public Provider {
public:
    RetryingProvider(std::unique_ptr<Provider> inner, RetryPolicy policy, RetrySeams seams)
        : m_inner(std::move(inner)), m_policy(policy), m_seams(std::move(seams)) {}

    ProviderResult complete(const Request& request) override {
        Nanos slept{0};
        const int max_attempts = 1 + std::max(0, m_policy.retries);
        for (int attempt = 1;; ++attempt) {
            ProviderResult result = m_inner->complete(request);
            if (result) {
                result->attempts = attempt;
                result->backoff_ms = to_ms(slept);
                return result;
            }
            ProviderError& error = result.error();
            error.attempt = attempt;
            if (error.kind == ErrorKind::rate_limited) {
                ++m_seams.stats->rate_limited_total;
            }
            if (!error.retryable() || attempt >= max_attempts) {
                return result;
            }
            if (error.retry_after_s && *error.retry_after_s > m_policy.max_retry_after_s) {
                error.message += fmt::format(
                    " (the server asked to wait {:.0f} s, longer than the {:.0f} s evalbench waits; "
                    "try again later or lower the request rate)",
                    *error.retry_after_s, m_policy.max_retry_after_s);
                return result;
            }
            const Nanos wait = wait_before_retry(attempt - 1, error.retry_after_s);
            ++m_seams.stats->retries_total;
            {
                WaitingGuard waiting(*m_seams.stats);
                if (!sleep_unless_cancelled(wait)) {
                    error.message += " (the run was interrupted while waiting to retry)";
                    return result;
                }
            }
            slept += wait;
        }
    }

private:
    // Sleeps in short slices while a cancel flag is set up, so an interrupt
    // is noticed within 100 ms. Returns false when cancelled.
    bool sleep_unless_cancelled(Nanos wait) {
        if (m_seams.cancelled == nullptr) {
            m_seams.clock->sleep_for(wait);
            return true;
        }
        constexpr Nanos k_slice = std::chrono::milliseconds(100);
        for (Nanos left = wait; left > Nanos::zero(); left -= k_slice) {
            if (m_seams.cancelled->load()) {
                return false;
            }
            m_seams.clock->sleep_for(std::min(left, k_slice));
        }
        return !m_seams.cancelled->load();
    }

    Nanos wait_before_retry(int retry, std::optional<double> retry_after_s) const {
        const double sample = std::clamp(m_seams.random(), 0.0, 1.0);
        Nanos wait(static_cast<Nanos::rep>(sample * static_cast<double>(backoff_ceiling(m_policy, retry).count())));
        if (retry_after_s && *retry_after_s > 0.0) {
            wait = std::max(wait, from_seconds(*retry_after_s));
        }
        return wait;
    }

    std::unique_ptr<Provider> m_inner;
    RetryPolicy m_policy;
    RetrySeams m_seams;
};

}  // namespace

std::unique_ptr<Provider> make_retrying_provider(std::unique_ptr<Provider> inner, RetryPolicy policy,
                                                 RetrySeams seams) {
    if (!seams.clock) {
        seams.clock = system_clock();
    }
    if (!seams.random) {
        seams.random = default_random();
    }
    if (!seams.stats) {
        seams.stats = std::make_shared<ProviderStats>();
    }
    return std::make_unique<RetryingProvider>(std::move(inner), policy, std::move(seams));
}

}  // namespace evalbench

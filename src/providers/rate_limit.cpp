// Concurrency and rate control for one provider host.
//
// ConcurrencyGate is TCP's congestion control applied to requests in flight
// (additive increase, multiplicative decrease). It starts at its ceiling (the
// model's max_concurrency, or 64): most hosts take that, and a run should not
// crawl while it discovers it. A 429 halves the limit (floor 1) — the
// provider said we are over its budget, and halving sheds load quickly. Many
// requests that were in flight together tend to get 429 together; only the
// first of them halves, the others were admitted under the old limit (epochs,
// below). Every `successes_per_increase` successes add one slot back, up to
// the ceiling, so the limit climbs back within a few hundred requests once
// the pressure is gone. Requests over a lowered limit finish normally; new
// ones wait until in_flight drops under it.
//
// RatePacer implements rpm and tpm limits with the generic cell rate
// algorithm (GCRA, the virtual-scheduling form of a token bucket with no
// burst): a reservation of `cost` units may start at max(now, TAT) and moves
// the theoretical arrival time TAT to start + cost / rate. Requests are thus
// spaced evenly at the allowed rate instead of bursting at each minute
// boundary, which keeps a rolling-window limiter on the server side happy.
// A request larger than a minute's budget simply pushes TAT further; it never
// deadlocks. For tpm the cost is estimated before the request (prompt
// characters / 4) and corrected afterwards with the reported usage.
#include "evalbench/providers/rate_limit.hpp"

#include <algorithm>

namespace evalbench {

ConcurrencyGate::ConcurrencyGate(GateOptions options)
    : m_options(options), m_limit(std::max(1, options.ceiling)) {
    m_options.ceiling = m_limit;
    m_options.successes_per_increase = std::max(1, m_options.successes_per_increase);
}

ConcurrencyGate::Permit ConcurrencyGate::acquire() {
    std::unique_lock lock(m_mutex);
    m_freed.wait(lock, [this] { return m_in_flight < m_limit; });
    ++m_in_flight;
    return Permit(this, m_epoch);
}

std::optional<ConcurrencyGate::Permit> ConcurrencyGate::try_acquire() {
    std::lock_guard lock(m_mutex);
    if (m_in_flight >= m_limit) {
        return std::nullopt;
    }
    ++m_in_flight;
    return Permit(this, m_epoch);
}

void ConcurrencyGate::raise_ceiling(int ceiling) {
    {
        std::lock_guard lock(m_mutex);
        if (ceiling <= m_options.ceiling) {
            return;
        }
        m_limit += ceiling - m_options.ceiling;
        m_options.ceiling = ceiling;
    }
    m_freed.notify_all();
}

int ConcurrencyGate::ceiling() const {
    std::lock_guard lock(m_mutex);
    return m_options.ceiling;
}

int ConcurrencyGate::limit() const {
    std::lock_guard lock(m_mutex);
    return m_limit;
}

int ConcurrencyGate::in_flight() const {
    std::lock_guard lock(m_mutex);
    return m_in_flight;
}

void ConcurrencyGate::release(std::uint64_t epoch, Outcome outcome) {
    {
        std::lock_guard lock(m_mutex);
        --m_in_flight;
        if (m_options.adaptive == Adaptive::yes) {
            if (outcome == Outcome::rate_limited && epoch == m_epoch) {
                m_limit = std::max(1, m_limit / 2);
                m_successes = 0;
                ++m_epoch;
            } else if (outcome == Outcome::success && m_limit < m_options.ceiling) {
                if (++m_successes >= m_options.successes_per_increase) {
                    ++m_limit;
                    m_successes = 0;
                }
            }
        }
    }
    // Every waiter re-checks: an increase may admit more than one.
    m_freed.notify_all();
}

ConcurrencyGate::Permit::Permit(Permit&& other) noexcept
    : m_gate(std::exchange(other.m_gate, nullptr)), m_epoch(other.m_epoch) {}

ConcurrencyGate::Permit& ConcurrencyGate::Permit::operator=(Permit&& other) noexcept {
    if (this != &other) {
        release(Outcome::other_failure);
        m_gate = std::exchange(other.m_gate, nullptr);
        m_epoch = other.m_epoch;
    }
    return *this;
}

ConcurrencyGate::Permit::~Permit() { release(Outcome::other_failure); }

void ConcurrencyGate::Permit::release(Outcome outcome) {
    if (m_gate != nullptr) {
        std::exchange(m_gate, nullptr)->release(m_epoch, outcome);
    }
}

RatePacer::RatePacer(double per_minute, std::shared_ptr<Clock> clock)
    : m_clock(std::move(clock)), m_per_second(std::max(per_minute, 1e-9) / 60.0) {}

SteadyTime RatePacer::reserve(double cost) {
    std::lock_guard lock(m_mutex);
    const SteadyTime now = m_clock->now();
    const SteadyTime start = m_theoretical_arrival ? std::max(now, *m_theoretical_arrival) : now;
    m_theoretical_arrival = start + from_seconds(std::max(0.0, cost) / m_per_second);
    return start;
}

void RatePacer::adjust(double delta) {
    std::lock_guard lock(m_mutex);
    if (m_theoretical_arrival) {
        m_theoretical_arrival = *m_theoretical_arrival + from_seconds(delta / m_per_second);
    }
}

}  // namespace evalbench

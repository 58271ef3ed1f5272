#pragma once
// The time seam of the provider stack. Backoff, rate limits and queue
// accounting read the time and sleep only through a Clock, so unit tests run
// them against a ManualClock: sleeping advances its time at once, and every
// sleep is recorded for the test to inspect. Nothing in a test sleeps for real.

#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

namespace evalbench {

using SteadyTime = std::chrono::steady_clock::time_point;
using Nanos = std::chrono::nanoseconds;

class Clock {
public:
    virtual ~Clock() = default;
    // Thread-safe, monotonic.
    virtual SteadyTime now() const = 0;
    // Blocks the calling thread for `duration` (no-op when <= 0).
    virtual void sleep_for(Nanos duration) = 0;

    void sleep_until(SteadyTime when) { sleep_for(when - now()); }
};

// The process's steady clock and std::this_thread::sleep_for.
class SystemClock final : public Clock {
public:
    SteadyTime now() const override;
    void sleep_for(Nanos duration) override;
};

std::shared_ptr<Clock> system_clock();

// Test double: time moves only when someone sleeps on it or calls advance().
// A sleep returns at once after moving time forward by its duration.
class ManualClock final : public Clock {
public:
    SteadyTime now() const override;
    void sleep_for(Nanos duration) override;

    void advance(Nanos duration);
    std::vector<Nanos> sleeps() const;  // every positive sleep, in order
    Nanos total_slept() const;

private:
    mutable std::mutex m_mutex;
    SteadyTime m_now{std::chrono::hours(1)};
    std::vector<Nanos> m_sleeps;
};

// A source of uniform doubles in [0, 1): the jitter of backoff. Must be
// callable from several threads at once.
using UniformRandom = std::function<double()>;

// Seeded from std::random_device, guarded by a mutex.
UniformRandom default_random();

double to_ms(Nanos duration);
Nanos from_seconds(double seconds);

}  // namespace evalbench

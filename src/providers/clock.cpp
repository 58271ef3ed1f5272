#include "evalbench/providers/clock.hpp"

#include <random>
#include <thread>

namespace evalbench {

SteadyTime SystemClock::now() const { return std::chrono::steady_clock::now(); }

void SystemClock::sleep_for(Nanos duration) {
    if (duration > Nanos::zero()) {
        std::this_thread::sleep_for(duration);
    }
}

std::shared_ptr<Clock> system_clock() {
    static const std::shared_ptr<Clock> clock = std::make_shared<SystemClock>();
    return clock;
}

SteadyTime ManualClock::now() const {
    std::lock_guard lock(m_mutex);
    return m_now;
}

void ManualClock::sleep_for(Nanos duration) {
    if (duration <= Nanos::zero()) {
        return;
    }
    std::lock_guard lock(m_mutex);
    m_now += duration;
    m_sleeps.push_back(duration);
}

void ManualClock::advance(Nanos duration) {
    std::lock_guard lock(m_mutex);
    m_now += duration;
}

std::vector<Nanos> ManualClock::sleeps() const {
    std::lock_guard lock(m_mutex);
    return m_sleeps;
}

Nanos ManualClock::total_slept() const {
    std::lock_guard lock(m_mutex);
    Nanos total{0};
    for (Nanos sleep : m_sleeps) {
        total += sleep;
    }
    return total;
}

UniformRandom default_random() {
    struct State {
        std::mutex mutex;
        std::mt19937_64 engine{std::random_device{}()};
        std::uniform_real_distribution<double> distribution{0.0, 1.0};
    };
    auto state = std::make_shared<State>();
    return [state] {
        std::lock_guard lock(state->mutex);
        return state->distribution(state->engine);
    };
}

double to_ms(Nanos duration) { return std::chrono::duration<double, std::milli>(duration).count(); }

Nanos from_seconds(double seconds) {
    return std::chrono::duration_cast<Nanos>(std::chrono::duration<double>(seconds));
}

}  // namespace evalbench

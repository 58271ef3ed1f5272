#pragma once
// Flow control in front of an adapter: an AIMD concurrency gate shared by
// every model on one provider host, an optional fixed per-model concurrency
// cap, and rpm / tpm pacing per model. See src/providers/rate_limit.cpp.

#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>

#include "evalbench/providers/clock.hpp"
#include "evalbench/providers/provider.hpp"

namespace evalbench {

enum class Adaptive { yes, no };
enum class Outcome { success, rate_limited, other_failure };

struct GateOptions {
    int ceiling = 64;                // most requests in flight; the limit never exceeds it
    Adaptive adaptive = Adaptive::yes;
    int successes_per_increase = 5;  // additive increase: +1 after this many successes
};

// A counting semaphore whose size adapts: halved (floor 1) on a 429, grown by
// one after `successes_per_increase` successes, never above the ceiling.
class ConcurrencyGate {
public:
    explicit ConcurrencyGate(GateOptions options);

    // One slot; give it back with release() (the destructor releases a slot
    // still held, as other_failure, which leaves the limit alone).
    class Permit {
    public:
        Permit() = default;
        Permit(Permit&& other) noexcept;
        Permit& operator=(Permit&& other) noexcept;
        Permit(const Permit&) = delete;
        Permit& operator=(const Permit&) = delete;
        ~Permit();

        void release(Outcome outcome);
        bool held() const { return m_gate != nullptr; }

    private:
        friend class ConcurrencyGate;
        Permit(ConcurrencyGate* gate, std::uint64_t epoch) : m_gate(gate), m_epoch(epoch) {}
        ConcurrencyGate* m_gate = nullptr;
        std::uint64_t m_epoch = 0;
    };

    Permit acquire();                     // blocks until a slot is free
    std::optional<Permit> try_acquire();  // never blocks

    // A later model on the same host may allow more: the ceiling (and the
    // limit, by the same amount) grows to `ceiling`; it never shrinks.
    void raise_ceiling(int ceiling);

    int limit() const;
    int in_flight() const;
    int ceiling() const;

private:
    void release(std::uint64_t epoch, Outcome outcome);

    GateOptions m_options;
    mutable std::mutex m_mutex;
    std::condition_variable m_freed;
    int m_limit;
    int m_in_flight = 0;
    int m_successes = 0;
    // Bumped by every decrease: 429s from requests admitted before the last
    // decrease do not halve again (one burst of 429s = one halving).
    std::uint64_t m_epoch = 0;
};

// Paces units (requests or tokens) to `per_minute` with the generic cell rate
// algorithm: each reservation pushes a theoretical arrival time forward by
// cost / rate and may start once that time has come.
class RatePacer {
public:
    RatePacer(double per_minute, std::shared_ptr<Clock> clock);

    // Reserves `cost` units; returns when the caller may start.
    SteadyTime reserve(double cost);
    // Corrects an earlier reservation once the true cost is known.
    void adjust(double delta);

private:
    std::shared_ptr<Clock> m_clock;
    double m_per_second;
    std::mutex m_mutex;
    std::optional<SteadyTime> m_theoretical_arrival;
};

// Tokens a request will use on the way in: characters of messages, tools and
// tool_choice divided by 4, rounded up. The finished request's usage
// (input + output) replaces the estimate in the tpm account.
std::int64_t estimate_input_tokens(const Request& request);

struct LimitOptions {
    std::shared_ptr<ConcurrencyGate> host_gate;   // required: shared per provider + base_url
    std::shared_ptr<ConcurrencyGate> model_gate;  // optional: the model's max_concurrency
    std::shared_ptr<RatePacer> rpm;               // optional
    std::shared_ptr<RatePacer> tpm;               // optional
    std::shared_ptr<Clock> clock = system_clock();
};

// Waits (recorded as Completion::queue_ms of the attempt) for rpm, tpm and a
// slot, calls the adapter, and feeds the outcome back into the gate.
std::unique_ptr<Provider> make_limited_provider(std::unique_ptr<Provider> inner, LimitOptions options);

}  // namespace evalbench

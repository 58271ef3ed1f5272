#include <catch2/catch.hpp>

#include <thread>

#include "evalbench/providers/rate_limit.hpp"
#include "unit/provider_fakes.hpp"

using namespace std::chrono_literals;
using evalbench::test::make_completion;
using evalbench::test::make_error;
using evalbench::test::make_request;

namespace evalbench {

TEST_CASE("the gate admits up to its limit and no more", "[providers]") {
    ConcurrencyGate gate(GateOptions{3});
    std::vector<ConcurrencyGate::Permit> permits;
    for (int i = 0; i < 3; ++i) {
        std::optional<ConcurrencyGate::Permit> permit = gate.try_acquire();
        REQUIRE(permit.has_value());
        permits.push_back(std::move(*permit));
    }
    CHECK(gate.in_flight() == 3);
    CHECK_FALSE(gate.try_acquire().has_value());
    permits.back().release(Outcome::success);
    CHECK(gate.in_flight() == 2);
    CHECK(gate.try_acquire().has_value());  // destroyed at once: the slot comes back
    CHECK(gate.in_flight() == 2);
}

TEST_CASE("a 429 halves the limit once per burst and successes win it back", "[providers]") {
    GateOptions options;
    options.ceiling = 8;
    options.successes_per_increase = 2;
    ConcurrencyGate gate(options);

    // Four requests in flight together all come back 429: one halving only.
    std::vector<ConcurrencyGate::Permit> burst;
    for (int i = 0; i < 4; ++i) {
        burst.push_back(gate.acquire());
    }
    for (ConcurrencyGate::Permit& permit : burst) {
        permit.release(Outcome::rate_limited);
    }
    CHECK(gate.limit() == 4);

    // A 429 admitted after that decrease halves again, down to the floor of 1.
    gate.acquire().release(Outcome::rate_limited);
    CHECK(gate.limit() == 2);
    gate.acquire().release(Outcome::rate_limited);
    gate.acquire().release(Outcome::rate_limited);
    CHECK(gate.limit() == 1);

    SECTION("other failures change nothing") {
        gate.acquire().release(Outcome::other_failure);
        gate.acquire().release(Outcome::other_failure);
        CHECK(gate.limit() == 1);
    }
    SECTION("every two successes add a slot, up to the ceiling") {
        gate.acquire().release(Outcome::success);
        CHECK(gate.limit() == 1);
        gate.acquire().release(Outcome::success);
        CHECK(gate.limit() == 2);
        for (int i = 0; i < 40; ++i) {
            gate.acquire().release(Outcome::success);
        }
        CHECK(gate.limit() == 8);
    }
}

TEST_CASE("a fixed gate never adapts", "[providers]") {
    ConcurrencyGate gate(GateOptions{4, Adaptive::no, 1});
    gate.acquire().release(Outcome::rate_limited);
    CHECK(gate.limit() == 4);
}

TEST_CASE("a blocked acquire proceeds when a slot is released", "[providers]") {
    ConcurrencyGate gate(GateOptions{1});
    ConcurrencyGate::Permit first = gate.acquire();
    std::atomic<bool> admitted{false};
    std::thread waiter([&] {
        ConcurrencyGate::Permit second = gate.acquire();
        admitted = true;
    });
    // However long the waiter has run, it cannot hold the only slot yet.
    CHECK_FALSE(admitted);
    first.release(Outcome::success);
    waiter.join();
    CHECK(admitted);
    CHECK(gate.in_flight() == 0);
}

TEST_CASE("the rpm pacer spaces requests evenly at the allowed rate", "[providers]") {
    auto clock = std::make_shared<ManualClock>();
    RatePacer pacer(60.0, clock);  // one per second
    const SteadyTime start = clock->now();
    CHECK(pacer.reserve(1.0) == start);
    CHECK(pacer.reserve(1.0) == start + 1s);
    CHECK(pacer.reserve(1.0) == start + 2s);

    SECTION("idle time is not saved up for a burst") {
        clock->advance(10s);
        CHECK(pacer.reserve(1.0) == start + 10s);
        CHECK(pacer.reserve(1.0) == start + 11s);
    }
    SECTION("a correction moves the next start") {
        pacer.adjust(-1.0);
        CHECK(pacer.reserve(1.0) == start + 2s);
    }
}

TEST_CASE("the token estimate counts message, tool and tool_choice characters over four", "[providers]") {
    Request request = make_request(std::string(40, 'x'));
    CHECK(estimate_input_tokens(request) == 10);
    request.messages.push_back({"assistant", "abc"});
    CHECK(estimate_input_tokens(request) == 11);
    request.tools = Json::array({Json{{"name", "f"}}});  // [{"name":"f"}] = 14 characters
    CHECK(estimate_input_tokens(request) == 15);
}

namespace {

struct LimitFixture {
    std::shared_ptr<test::Script> script = std::make_shared<test::Script>();
    std::shared_ptr<ManualClock> clock = std::make_shared<ManualClock>();
    std::shared_ptr<ConcurrencyGate> gate = std::make_shared<ConcurrencyGate>(GateOptions{4});
    LimitOptions options;

    LimitFixture() {
        options.clock = clock;
        options.host_gate = gate;
    }
    std::unique_ptr<Provider> make() {
        return make_limited_provider(std::make_unique<test::ScriptedProvider>(script), options);
    }
};

}  // namespace

TEST_CASE("the limited provider paces by rpm and records the wait as queue time", "[providers]") {
    LimitFixture fixture;
    fixture.options.rpm = std::make_shared<RatePacer>(120.0, fixture.clock);  // every 500 ms
    std::unique_ptr<Provider> provider = fixture.make();
    std::vector<double> queues;
    for (int i = 0; i < 3; ++i) {
        const ProviderResult result = provider->complete(make_request("hi"));
        REQUIRE(result.has_value());
        queues.push_back(result->queue_ms);
    }
    CHECK(queues == std::vector<double>{0.0, 500.0, 500.0});
    CHECK(fixture.clock->sleeps() == std::vector<Nanos>{500ms, 500ms});
    CHECK(fixture.gate->in_flight() == 0);
}

TEST_CASE("tpm pacing charges the reported usage of each finished request", "[providers]") {
    LimitFixture fixture;
    fixture.options.tpm = std::make_shared<RatePacer>(6000.0, fixture.clock);  // 100 tokens/s
    Completion big = make_completion("long answer");
    big.usage = Usage{100, 400, 0, true};
    fixture.script->results.push_back(big);
    std::unique_ptr<Provider> provider = fixture.make();
    // 400 characters = 100 tokens estimated; the answer used 500 in total.
    REQUIRE(provider->complete(make_request(std::string(400, 'x'))).has_value());
    const ProviderResult second = provider->complete(make_request("hi"));
    REQUIRE(second.has_value());
    CHECK(second->queue_ms == Approx(5000.0));
}

TEST_CASE("a 429 through the limited provider lowers the shared host limit", "[providers]") {
    LimitFixture fixture;
    fixture.script->results.push_back(std::unexpected(make_error(ErrorKind::rate_limited, 429, 1.0)));
    std::unique_ptr<Provider> provider = fixture.make();
    const ProviderResult result = provider->complete(make_request("hi"));
    REQUIRE_FALSE(result.has_value());
    CHECK(fixture.gate->limit() == 2);
    CHECK(fixture.gate->in_flight() == 0);

    SECTION("a server error leaves it alone") {
        fixture.script->results.push_back(std::unexpected(make_error(ErrorKind::server, 500)));
        std::ignore = provider->complete(make_request("hi"));  // the error itself is not under test
        CHECK(fixture.gate->limit() == 2);
    }
}

TEST_CASE("a model cap limits one model while the host gate is shared", "[providers]") {
    LimitFixture fixture;
    fixture.options.model_gate = std::make_shared<ConcurrencyGate>(GateOptions{1, Adaptive::no});
    std::unique_ptr<Provider> provider = fixture.make();
    ConcurrencyGate::Permit held = fixture.options.model_gate->acquire();
    std::atomic<bool> done{false};
    std::thread caller([&] {
        std::ignore = provider->complete(make_request("hi"));  // only its admission is under test
        done = true;
    });
    CHECK_FALSE(done);
    held.release(Outcome::success);
    caller.join();
    CHECK(done);
    CHECK(fixture.script->calls() == 1);
}

}  // namespace evalbench

namespace evalbench {
namespace {

// Counts how many calls are inside it at once.
class CountingProvider final : public Provider {
public:
    ProviderResult complete(const Request&) override {
        const int now_inside = ++m_inside;
        int seen = m_peak.load();
        while (now_inside > seen && !m_peak.compare_exchange_weak(seen, now_inside)) {
        }
        std::this_thread::yield();
        --m_inside;
        ++m_calls;
        return test::make_completion("ok");
    }
    std::atomic<int> m_inside{0};
    std::atomic<int> m_peak{0};
    std::atomic<int> m_calls{0};
};

}  // namespace

TEST_CASE("many workers never exceed the gate's limit", "[providers]") {
    auto counting = std::make_unique<CountingProvider>();
    CountingProvider& counter = *counting;
    LimitOptions options;
    options.host_gate = std::make_shared<ConcurrencyGate>(GateOptions{3});
    std::unique_ptr<Provider> provider = make_limited_provider(std::move(counting), options);
    std::vector<std::thread> workers;
    for (int w = 0; w < 12; ++w) {
        workers.emplace_back([&provider] {
            for (int i = 0; i < 200; ++i) {
                std::ignore = provider->complete(test::make_request("q"));  // counted by the provider
            }
        });
    }
    for (std::thread& worker : workers) {
        worker.join();
    }
    CHECK(counter.m_calls == 12 * 200);
    CHECK(counter.m_peak <= 3);
    CHECK(options.host_gate->in_flight() == 0);
}

}  // namespace evalbench

#include <catch2/catch.hpp>

#include "evalbench/providers/retry.hpp"
#include "unit/provider_fakes.hpp"

using namespace std::chrono_literals;
using evalbench::test::make_completion;
using evalbench::test::make_error;
using evalbench::test::make_request;

namespace evalbench {
namespace {

// A clock whose sleeps set the cancel flag once a given total has passed,
// standing in for Ctrl-C arriving during a backoff.
class InterruptingClock final : public Clock {
public:
    InterruptingClock(std::atomic<bool>& flag, Nanos after) : m_flag(flag), m_after(after) {}
    SteadyTime now() const override { return SteadyTime(m_slept); }
    void sleep_for(Nanos duration) override {
        m_slept += duration;
        if (m_slept >= m_after) {
            m_flag.store(true);
        }
    }
    Nanos slept() const { return m_slept; }

private:
    std::atomic<bool>& m_flag;
    Nanos m_after;
    Nanos m_slept{0};
};

}  // namespace

TEST_CASE("an interrupt cuts a backoff short and returns the last error", "[providers]") {
    std::atomic<bool> cancelled{false};
    auto clock = std::make_shared<InterruptingClock>(cancelled, 300ms);
    auto script = std::make_shared<test::Script>();
    ProviderError slow_down = make_error(ErrorKind::rate_limited, 429);
    slow_down.retry_after_s = 60.0;
    script->results.push_back(std::unexpected(slow_down));
    script->results.push_back(make_completion("never reached"));

    RetrySeams seams;
    seams.clock = clock;
    seams.random = [] { return 1.0; };
    seams.cancelled = &cancelled;
    const ProviderResult result =
        make_retrying_provider(std::make_unique<test::ScriptedProvider>(script), RetryPolicy{}, seams)
            ->complete(make_request("hi"));

    REQUIRE_FALSE(result.has_value());
    CHECK(result.error().kind == ErrorKind::rate_limited);
    CHECK(result.error().message.find("interrupted") != std::string::npos);
    CHECK(script->requests.size() == 1);  // no second attempt
    CHECK(clock->slept() < 1s);           // not the 60 s the server asked for
    CHECK(seams.stats->retries_waiting == 0);
}

TEST_CASE("without an interrupt the sliced backoff sleeps the whole wait", "[providers]") {
    std::atomic<bool> cancelled{false};
    auto clock = std::make_shared<InterruptingClock>(cancelled, 1h);
    auto script = std::make_shared<test::Script>();
    script->results.push_back(std::unexpected(make_error(ErrorKind::server, 503)));
    script->results.push_back(make_completion("ok"));
    RetrySeams seams;
    seams.clock = clock;
    seams.random = [] { return 1.0; };
    seams.cancelled = &cancelled;
    const ProviderResult result =
        make_retrying_provider(std::make_unique<test::ScriptedProvider>(script), RetryPolicy{}, seams)
            ->complete(make_request("hi"));
    REQUIRE(result.has_value());
    CHECK(result->attempts == 2);
    CHECK(clock->slept() == 500ms);
    CHECK(result->backoff_ms == Approx(500.0));
}

}  // namespace evalbench

#include <catch2/catch.hpp>

#include "evalbench/providers/retry.hpp"
#include "unit/provider_fakes.hpp"

using namespace std::chrono_literals;
using evalbench::test::make_completion;
using evalbench::test::make_error;
using evalbench::test::make_request;

namespace evalbench {
namespace {

struct RetryFixture {
    std::shared_ptr<test::Script> script = std::make_shared<test::Script>();
    std::shared_ptr<ManualClock> clock = std::make_shared<ManualClock>();
    std::shared_ptr<ProviderStats> stats = std::make_shared<ProviderStats>();
    double sample = 1.0;  // the jitter draw: 1.0 sleeps the whole window

    std::unique_ptr<Provider> make(RetryPolicy policy = {}) {
        RetrySeams seams;
        seams.clock = clock;
        seams.random = [this] { return sample; };
        seams.stats = stats;
        return make_retrying_provider(std::make_unique<test::ScriptedProvider>(script), policy, seams);
    }
    void push(ProviderResult result) { script->results.push_back(std::move(result)); }
};

}  // namespace

TEST_CASE("backoff windows double from the base and stop at the cap", "[providers]") {
    RetryPolicy policy;
    policy.base = 500ms;
    policy.cap = 30s;
    CHECK(backoff_ceiling(policy, 0) == 500ms);
    CHECK(backoff_ceiling(policy, 1) == 1s);
    CHECK(backoff_ceiling(policy, 5) == 16s);
    CHECK(backoff_ceiling(policy, 6) == 30s);
    CHECK(backoff_ceiling(policy, 200) == 30s);
}

TEST_CASE("a transient failure is retried with full-jitter sleeps until it succeeds", "[providers]") {
    RetryFixture fixture;
    fixture.push(std::unexpected(make_error(ErrorKind::server, 503)));
    fixture.push(std::unexpected(make_error(ErrorKind::network)));
    fixture.push(make_completion("finally"));

    SECTION("a full draw sleeps each whole window") {
        fixture.sample = 1.0;
        const ProviderResult result = fixture.make()->complete(make_request("hi"));
        REQUIRE(result.has_value());
        CHECK(result->content == "finally");
        CHECK(result->attempts == 3);
        CHECK(fixture.clock->sleeps() == std::vector<Nanos>{500ms, 1s});
        CHECK(result->backoff_ms == Approx(1500.0));
        CHECK(fixture.stats->retries_total == 2);
        CHECK(fixture.stats->retries_waiting == 0);
    }
    SECTION("a draw of a quarter sleeps a quarter of each window") {
        fixture.sample = 0.25;
        const ProviderResult result = fixture.make()->complete(make_request("hi"));
        REQUIRE(result.has_value());
        CHECK(fixture.clock->sleeps() == std::vector<Nanos>{125ms, 250ms});
        CHECK(result->backoff_ms == Approx(375.0));
    }
    SECTION("a zero draw retries without sleeping") {
        fixture.sample = 0.0;
        const ProviderResult result = fixture.make()->complete(make_request("hi"));
        REQUIRE(result.has_value());
        CHECK(fixture.clock->sleeps().empty());
        CHECK(result->attempts == 3);
    }
}

TEST_CASE("attempts are bounded by the retries setting and the last error says which attempt", "[providers]") {
    RetryFixture fixture;
    for (int i = 0; i < 10; ++i) {
        fixture.push(std::unexpected(make_error(ErrorKind::timeout)));
    }
    RetryPolicy policy;
    policy.retries = 2;
    const ProviderResult result = fixture.make(policy)->complete(make_request("hi"));
    REQUIRE_FALSE(result.has_value());
    CHECK(result.error().kind == ErrorKind::timeout);
    CHECK(result.error().attempt == 3);
    CHECK(fixture.script->calls() == 3);
    CHECK(fixture.clock->sleeps().size() == 2);

    SECTION("zero retries means a single attempt") {
        RetryFixture single;
        single.push(std::unexpected(make_error(ErrorKind::server, 500)));
        policy.retries = 0;
        const ProviderResult once = single.make(policy)->complete(make_request("hi"));
        REQUIRE_FALSE(once.has_value());
        CHECK(once.error().attempt == 1);
        CHECK(single.script->calls() == 1);
        CHECK(single.clock->sleeps().empty());
    }
}

TEST_CASE("errors that a retry cannot fix are returned at once", "[providers]") {
    const ErrorKind kind = GENERATE(ErrorKind::client, ErrorKind::auth, ErrorKind::config);
    RetryFixture fixture;
    fixture.push(std::unexpected(make_error(kind, 400)));
    const ProviderResult result = fixture.make()->complete(make_request("hi"));
    REQUIRE_FALSE(result.has_value());
    CHECK(result.error().kind == kind);
    CHECK(result.error().attempt == 1);
    CHECK(fixture.script->calls() == 1);
    CHECK(fixture.clock->sleeps().empty());
    CHECK(fixture.stats->retries_total == 0);
}

TEST_CASE("a Retry-After from the server is a floor on the wait", "[providers]") {
    RetryFixture fixture;
    fixture.sample = 0.5;  // the jitter alone would sleep 250 ms

    SECTION("a longer Retry-After wins over the jitter") {
        fixture.push(std::unexpected(make_error(ErrorKind::rate_limited, 429, 3.0)));
        const ProviderResult result = fixture.make()->complete(make_request("hi"));
        REQUIRE(result.has_value());
        CHECK(fixture.clock->sleeps() == std::vector<Nanos>{3s});
        CHECK(result->backoff_ms == Approx(3000.0));
        CHECK(fixture.stats->rate_limited_total == 1);
    }
    SECTION("a shorter Retry-After leaves the jittered wait") {
        fixture.push(std::unexpected(make_error(ErrorKind::rate_limited, 429, 0.1)));
        const ProviderResult result = fixture.make()->complete(make_request("hi"));
        REQUIRE(result.has_value());
        CHECK(fixture.clock->sleeps() == std::vector<Nanos>{250ms});
    }
    SECTION("a wait beyond the limit fails the trial instead of parking the worker") {
        fixture.push(std::unexpected(make_error(ErrorKind::rate_limited, 429, 3600.0)));
        const ProviderResult result = fixture.make()->complete(make_request("hi"));
        REQUIRE_FALSE(result.has_value());
        CHECK(result.error().kind == ErrorKind::rate_limited);
        CHECK_THAT(result.error().message, Catch::Contains("3600 s"));
        CHECK(fixture.clock->sleeps().empty());
        CHECK(fixture.script->calls() == 1);
    }
}

TEST_CASE("the retry layer passes the request through unchanged", "[providers]") {
    RetryFixture fixture;
    fixture.push(std::unexpected(make_error(ErrorKind::server, 502)));
    Request request = make_request("what is 2+2?", 3);
    request.params = Json{{"temperature", 0.2}};
    REQUIRE(fixture.make()->complete(request).has_value());
    REQUIRE(fixture.script->calls() == 2);
    for (const Request& seen : fixture.script->requests) {
        CHECK(seen.messages.at(0).content == "what is 2+2?");
        CHECK(seen.repeat == 3);
        CHECK(seen.params == request.params);
    }
}

}  // namespace evalbench

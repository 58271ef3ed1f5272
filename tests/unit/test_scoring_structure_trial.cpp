// finish-reason, latency and cost: checks on the call rather than the text.

#include <catch2/catch.hpp>

#include "test_scoring_text_support.hpp"

namespace evalbench {

using test::diagnose;
using test::score;
using test::Trial;

namespace {

Trial finished(FinishReason reason, const std::string& raw = "") {
    Trial trial;
    trial.completion.content = "text";
    trial.completion.finish = reason;
    trial.completion.finish_raw = raw;
    return trial;
}

Trial timed(double latency_ms, bool cached) {
    Trial trial;
    trial.completion.latency_ms = latency_ms;
    trial.completion.cached = cached;
    return trial;
}

Trial costing(std::optional<double> cost) {
    Trial trial;
    trial.cost_usd = cost;
    return trial;
}

}  // namespace

TEST_CASE("finish-reason compares the normalised reason", "[scoring]") {
    const Json stop = {{"type", "finish-reason"}, {"value", "stop"}};
    CHECK(score(stop, finished(FinishReason::stop)).pass);
    const CheckResult cut = score(stop, finished(FinishReason::length, "max_tokens"));
    CHECK_FALSE(cut.pass);
    CHECK(cut.reason == "finish reason is 'length' (provider said 'max_tokens'); expected stop");
    const Json either = {{"type", "finish-reason"}, {"values", Json::array({"stop", "tool_calls"})}};
    CHECK(score(either, finished(FinishReason::tool_calls)).pass);
    CHECK_FALSE(score(either, finished(FinishReason::content_filter)).pass);
    CHECK(score({{"type", "not-finish-reason"}, {"value", "length"}}, finished(FinishReason::stop)).pass);
}

TEST_CASE("finish-reason rejects unknown reasons and wants value or values", "[scoring]") {
    const Diagnostics typo = diagnose({{"type", "finish-reason"}, {"value", "stopp"}});
    REQUIRE(typo.size() == 1);
    CHECK(typo[0].where.line == 11);
    CHECK_THAT(typo[0].message, Catch::Contains("(did you mean 'stop'?)"));
    const Diagnostics listed = diagnose({{"type", "finish-reason"}, {"values", Json::array({"stop", "lenght"})}});
    REQUIRE(listed.size() == 1);
    CHECK_THAT(listed[0].message, Catch::Contains("'lenght' is not a valid value for 'values' (did you mean 'length'?)"));
    CHECK(diagnose({{"type", "finish-reason"}})[0].message ==
          "check 'finish-reason': needs exactly one of 'value', 'values'");
    CHECK(diagnose({{"type", "finish-reason"}, {"value", "stop"}, {"values", Json::array({"stop"})}}).size() == 1);
}

TEST_CASE("latency compares the measured milliseconds", "[scoring]") {
    const Json check = {{"type", "latency"}, {"max_ms", 2000}};
    CHECK(score(check, timed(1500, false)).pass);
    CHECK(score(check, timed(2000, false)).pass);
    const CheckResult slow = score(check, timed(2500.4, false));
    CHECK_FALSE(slow.pass);
    CHECK(slow.reason == "latency 2500 ms; at most 2000 ms allowed");
    CHECK(score({{"type", "not-latency"}, {"max_ms", 100}}, timed(150, false)).pass);
}

TEST_CASE("latency of a cached answer is the recorded one, or not measured", "[scoring]") {
    const Json check = {{"type", "latency"}, {"max_ms", 1000}};
    const CheckResult recorded = score(check, timed(3000, true));
    CHECK_FALSE(recorded.pass);
    CHECK(recorded.reason == "latency 3000 ms (recorded when the response was cached); at most 1000 ms allowed");
    const CheckResult unmeasured = score(check, timed(0, true));
    CHECK(unmeasured.pass);
    CHECK(unmeasured.reason == "cached: latency not measured");
}

TEST_CASE("latency needs a positive max_ms", "[scoring]") {
    const Diagnostics zero = diagnose({{"type", "latency"}, {"max_ms", 0}});
    REQUIRE(zero.size() == 1);
    CHECK(zero[0].format() == "suite.yaml:11:7: check 'latency': parameter 'max_ms' must be > 0, got 0");
    CHECK(diagnose({{"type", "latency"}}).size() == 1);
    CHECK(diagnose({{"type", "latency"}, {"max_ms", "fast"}}).size() == 1);
    CHECK_THAT(diagnose({{"type", "latency"}, {"max_m", 10}})[0].message, Catch::Contains("did you mean 'max_ms'?"));
}

TEST_CASE("cost compares the trial's cost and errors without pricing", "[scoring]") {
    const Json check = {{"type", "cost"}, {"max_usd", 0.01}};
    CHECK(score(check, costing(0.004)).pass);
    const CheckResult expensive = score(check, costing(0.02));
    CHECK_FALSE(expensive.pass);
    CHECK(expensive.reason == "cost $0.020000; at most $0.01 allowed");
    const CheckResult unpriced = score(check, costing(std::nullopt));
    CHECK(unpriced.errored);
    CHECK_FALSE(unpriced.pass);
    CHECK(unpriced.reason == "model has no pricing");
    // A negated check still errors: "not over budget" is unknown without a price.
    const CheckResult negated = score({{"type", "not-cost"}, {"max_usd", 0.01}}, costing(std::nullopt));
    CHECK(negated.errored);
    CHECK_FALSE(negated.pass);
    CHECK(score({{"type", "cost"}, {"max_usd", 0}}, costing(0.0)).pass);
}

TEST_CASE("cost needs max_usd of zero or more", "[scoring]") {
    const Diagnostics negative = diagnose({{"type", "cost"}, {"max_usd", -0.5}});
    REQUIRE(negative.size() == 1);
    CHECK(negative[0].message == "check 'cost': parameter 'max_usd' must be >= 0, got -0.5");
    CHECK(diagnose({{"type", "cost"}}).size() == 1);
}

}  // namespace evalbench

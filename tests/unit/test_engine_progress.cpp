#include <catch2/catch.hpp>

#include "evalbench/engine/progress.hpp"

using namespace evalbench;

TEST_CASE("the progress line shows done, pass rate, errors, retries, spend and ETA", "[engine]") {
    ProgressSnapshot s;
    s.done = 50;
    s.total = 200;
    s.passed = 36;
    s.errors = 2;
    s.retries_waiting = 3;
    s.spend_usd = 0.0421;
    s.spend_known = true;
    s.elapsed_s = 30;
    s.cache_hits = 4;
    const std::string line = format_progress(s, 100, false);
    CHECK(line.find("50/200") != std::string::npos);
    CHECK(line.find("pass 75%") != std::string::npos);  // 36 of 48 answered
    CHECK(line.find("err 2") != std::string::npos);
    CHECK(line.find("retrying 3") != std::string::npos);
    CHECK(line.find("$0.0421") != std::string::npos);
    CHECK(line.find("cached 4") != std::string::npos);
    CHECK(line.find("cache-write-errors") == std::string::npos);
    CHECK(line.find("ETA 1m30s") != std::string::npos);
    CHECK(line.find('\x1b') == std::string::npos);
    CHECK(format_progress(s, 100, true).find("\x1b[31merr 2") != std::string::npos);
    s.done = 200;
    CHECK(format_progress(s, 100, false).find("in 30s") != std::string::npos);
}

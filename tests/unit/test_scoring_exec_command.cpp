// The `command` check: a user's grading script with the trial on stdin.

#include <sys/stat.h>

#include <catch2/catch.hpp>

#include "support/temp_dir.hpp"
#include "test_scoring_exec_support.hpp"

namespace evalbench {

namespace {

// A grader next to the suite that echoes what it was given into its reason.
const char* const k_grader = R"(#!/usr/bin/env python3
import json, sys
trial = json.load(sys.stdin)
ok = trial["output"].strip() == trial["reference"]
print("some debug output first")
print(json.dumps({"pass": ok, "score": 1.0 if ok else 0.25,
                  "reason": "{case} {model} {finish_reason} {vars}".format(**trial)}))
)";

struct Fixture {
    test::TempDir dir;
    std::string suite;
    TestCase test_case;
    Completion completion;

    Fixture() {
        suite = (dir.path() / "suites" / "suite.yaml").string();
        const auto grader = dir.write("suites/graders/grade.py", k_grader);
        chmod(grader.c_str(), 0755);
        test_case.id = "capital";
        test_case.reference = "Paris";
        test_case.vars = {{"country", "France"}};
        completion.content = "Paris\n";
    }

    CheckResult run(const Json& check) const {
        return test::run_check(check, test_case, completion, {}, suite);
    }
};

}  // namespace

TEST_CASE("command runs a script next to the suite with the trial on stdin", "[scoring]") {
    Fixture fixture;
    SECTION("a relative path in a list resolves against the suite's directory") {
        const CheckResult result = fixture.run({{"type", "command"}, {"run", Json::array({"./graders/grade.py"})}});
        CHECK_FALSE(result.errored);
        CHECK(result.pass);
        CHECK(result.score == 1.0);
        CHECK(result.reason == "capital None stop {'country': 'France'}");
    }
    SECTION("a string runs through /bin/sh in the suite's directory") {
        fixture.completion.content = "Lyon";
        const CheckResult result = fixture.run({{"type", "command"}, {"run", "python3 graders/grade.py"}});
        CHECK_FALSE(result.errored);
        CHECK_FALSE(result.pass);
        CHECK(result.score == 0.25);
    }
    SECTION("score and reason are optional") {
        const CheckResult result = fixture.run({{"type", "command"}, {"run", "cat >/dev/null; echo '{\"pass\": true}'"}});
        CHECK(result.pass);
        CHECK(result.score == 1.0);
    }
}

TEST_CASE("a broken grader is an errored check, never a failing model", "[scoring]") {
    Fixture fixture;
    SECTION("non-zero exit, with its stderr") {
        const CheckResult result = fixture.run({{"type", "command"}, {"run", "echo 'grader exploded' >&2; exit 2"}});
        CHECK(result.errored);
        CHECK_THAT(result.reason, Catch::Contains("exit 2"));
        CHECK_THAT(result.reason, Catch::Contains("grader exploded"));
    }
    SECTION("output that is not a verdict") {
        CHECK(fixture.run({{"type", "command"}, {"run", "echo not json"}}).errored);
        CHECK(fixture.run({{"type", "command"}, {"run", "echo '{\"score\": 1}'"}}).errored);
        CHECK(fixture.run({{"type", "command"}, {"run", "echo '{\"pass\": true, \"score\": 7}'"}}).errored);
    }
    SECTION("a timeout") {
        const CheckResult result = fixture.run({{"type", "command"}, {"run", "sleep 30"}, {"timeout_s", 0.3}});
        CHECK(result.errored);
        CHECK_THAT(result.reason, Catch::Contains("timed out"));
    }
    SECTION("a program that does not exist") {
        const CheckResult result = fixture.run({{"type", "command"}, {"run", Json::array({"evalbench-no-grader"})}});
        CHECK(result.errored);
        CHECK_THAT(result.reason, Catch::Contains("evalbench-no-grader"));
    }
}

TEST_CASE("command definitions are validated before a run", "[scoring]") {
    Fixture fixture;
    CHECK(test::exec_diagnostics({{"type", "command"}}, fixture.suite).size() == 1);
    CHECK(test::exec_diagnostics({{"type", "command"}, {"run", " "}}, fixture.suite).size() == 1);
    const Diagnostics missing =
        test::exec_diagnostics({{"type", "command"}, {"run", Json::array({"./graders/nope.py"})}}, fixture.suite);
    REQUIRE(missing.size() == 1);
    CHECK_THAT(missing[0].message, Catch::Contains("'./graders/nope.py' is not an executable file"));
    CHECK(missing[0].where.line == 5);
    CHECK(test::exec_diagnostics({{"type", "command"}, {"run", Json::array({"./graders/grade.py"})}}, fixture.suite)
              .empty());
}

}  // namespace evalbench

// The code-exec check end to end through the registry, in the real sandbox:
// scoring by tests, the analyzer, fail-closed, and hostile answers (fork
// bomb, infinite loop, a 10 GB write, network) each ending as a failed check.

#include <dirent.h>
#include <unistd.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <fstream>
#include <thread>

#include "test_scoring_exec_support.hpp"

namespace evalbench {

namespace {

const std::string k_answer =
    "Here is the function:\n```python\ndef add(a, b):\n    return a + b\n```\nIt adds two numbers.";

Json add_tests() {
    return {{"type", "code-exec"},
            {"tests", Json::array({"assert add(1, 2) == 3", "assert add(2, 2) == 5, 'two and two'",
                                   "assert add(-1, 1) == 0"})}};
}

// Processes whose command name is `marker` (set by the sandboxed code).
int processes_named(const std::string& marker) {
    int count = 0;
    DIR* proc = opendir("/proc");
    REQUIRE(proc != nullptr);
    while (const dirent* entry = readdir(proc)) {
        std::ifstream comm(std::string("/proc/") + entry->d_name + "/comm");
        std::string name;
        if (comm && std::getline(comm, name) && name == marker) {
            ++count;
        }
    }
    closedir(proc);
    return count;
}

bool eventually_none_named(const std::string& marker) {
    for (int attempt = 0; attempt < 500; ++attempt) {
        if (processes_named(marker) == 0) {
            return true;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return false;
}

}  // namespace

TEST_CASE("code-exec scores the share of tests that pass", "[scoring]") {
    const CheckResult result = test::run_check(add_tests(), k_answer);
    CHECK_FALSE(result.errored);
    CHECK_FALSE(result.pass);
    CHECK(result.score == Approx(2.0 / 3.0));
    CHECK_THAT(result.reason, Catch::StartsWith("2/3 tests passed (code from ```python block)"));
    CHECK_THAT(result.reason, Catch::Contains("test 2: exit 1"));
    CHECK_THAT(result.reason, Catch::Contains("AssertionError: two and two"));

    Json all_pass = add_tests();
    all_pass["tests"] = Json::array({"assert add(1, 2) == 3", "print(add(40, 2))"});
    const CheckResult passed = test::run_check(all_pass, k_answer);
    CHECK(passed.pass);
    CHECK(passed.score == 1.0);
    CHECK(passed.reason == "2/2 tests passed (code from ```python block)");
}

TEST_CASE("code-exec without tests passes when the program exits cleanly", "[scoring]") {
    CHECK(test::run_check({{"type", "code-exec"}}, "```python\nprint('hi')\n```").pass);
    const CheckResult failed = test::run_check({{"type", "code-exec"}}, "```python\nraise SystemExit(3)\n```");
    CHECK_FALSE(failed.pass);
    CHECK_THAT(failed.reason, Catch::Contains("program: exit 3"));
}

TEST_CASE("code-exec with threshold passes on a good enough share", "[scoring]") {
    Json check = add_tests();
    check["threshold"] = 0.6;
    CHECK(test::run_check(check, k_answer).pass);
    check["threshold"] = 0.7;
    CHECK_FALSE(test::run_check(check, k_answer).pass);
}

TEST_CASE("code-exec fails an answer without code", "[scoring]") {
    const CheckResult result = test::run_check(add_tests(), "I cannot write that function.");
    CHECK_FALSE(result.pass);
    CHECK_FALSE(result.errored);
    CHECK(result.reason == "no python code found in the answer");
}

TEST_CASE("code-exec counts analyzer findings against the score", "[scoring]") {
    // A stand-in analyzer: one finding per line that calls eval().
    const Json analyzer = Json::array(
        {"python3", "-c",
         "import sys\nfor n, line in enumerate(open(sys.argv[1]), 1):\n"
         "    if 'eval(' in line: print(f'{sys.argv[1]}:{n}: eval is unsafe')"});
    const std::string answer = "```python\ndef add(a, b):\n    return eval('a') + eval('b')\n```";
    Json check = {{"type", "code-exec"}, {"tests", "assert add(1, 2) == 3"}, {"analyzer", analyzer}};
    const CheckResult scored = test::run_check(check, answer);
    CHECK(scored.pass);
    CHECK(scored.score == Approx(0.9));
    CHECK_THAT(scored.reason, Catch::Contains("analyzer: 1 finding: answer.py:2: eval is unsafe"));

    check["analyzer_penalty"] = 0.5;
    check["max_findings"] = 0;
    const CheckResult gated = test::run_check(check, answer);
    CHECK_FALSE(gated.pass);
    CHECK(gated.score == Approx(0.5));

    const CheckResult clean = test::run_check(check, k_answer);
    CHECK(clean.pass);
    CHECK_THAT(clean.reason, Catch::Contains("analyzer: 0 findings"));

    check["analyzer"] = Json::array({"evalbench-no-such-analyzer"});
    const CheckResult missing = test::run_check(check, k_answer);
    CHECK(missing.errored);
    CHECK_THAT(missing.reason, Catch::Contains("evalbench-no-such-analyzer"));
}

TEST_CASE("code-exec fails closed without bubblewrap unless told to run unsandboxed", "[scoring]") {
    ScoringOptions options;
    options.sandbox_program = "/nonexistent/bwrap";
    const CheckResult refused = test::run_check(add_tests(), k_answer, options);
    CHECK(refused.errored);
    CHECK_FALSE(refused.pass);
    CHECK_THAT(refused.reason, Catch::Contains("install the Debian package 'bubblewrap'"));

    options.unsafe_no_sandbox = true;
    const CheckResult unsandboxed = test::run_check(add_tests(), k_answer, options);
    CHECK_FALSE(unsandboxed.errored);
    CHECK(unsandboxed.score == Approx(2.0 / 3.0));
    CHECK_THAT(unsandboxed.reason, Catch::StartsWith("UNSANDBOXED: 2/3 tests passed"));
}

TEST_CASE("code-exec contains a fork bomb and fails the check", "[scoring]") {
    const std::string marker = "evb-bomb-" + std::to_string(getpid());
    const std::string bomb = "```python\nimport os\nopen('/proc/self/comm', 'w').write('" + marker +
                             "')\nwhile True:\n    try:\n        os.fork()\n    except OSError:\n        pass\n```";
    const CheckResult result = test::run_check({{"type", "code-exec"}, {"timeout_s", 5}}, bomb);
    CHECK_FALSE(result.pass);
    CHECK_FALSE(result.errored);
    CHECK_THAT(result.reason, Catch::Contains("timed out after 5 s"));
    CHECK(eventually_none_named(marker));  // nothing of it survives the sandbox
}

TEST_CASE("code-exec stops an infinite loop at the wall timeout", "[scoring]") {
    const CheckResult result =
        test::run_check({{"type", "code-exec"}, {"timeout_s", 3}, {"tests", Json::array({"pass", "pass"})}},
                        "```python\nwhile True:\n    pass\n```");
    CHECK_FALSE(result.pass);
    CHECK_FALSE(result.errored);
    CHECK(result.score == 0.0);
    CHECK_THAT(result.reason, Catch::Contains("0/2 tests passed"));
    CHECK_THAT(result.reason, Catch::Contains("test 1: "));
}

TEST_CASE("code-exec stops a 10 GB write at the file size limit", "[scoring]") {
    const std::string writer =
        "```python\nwith open('big.bin', 'wb') as f:\n    for _ in range(10 * 1024):\n"
        "        f.write(b'\\0' * (1 << 20))\nprint('wrote 10 GB')\n```";
    const CheckResult result = test::run_check({{"type", "code-exec"}, {"timeout_s", 60}}, writer);
    CHECK_FALSE(result.pass);
    CHECK_FALSE(result.errored);
    CHECK_THAT(result.reason, Catch::Contains("File too large"));
    CHECK_THAT(result.reason, !Catch::Contains("wrote 10 GB"));
}

TEST_CASE("code-exec fails code that needs the network", "[scoring]") {
    const std::string client =
        "```python\nimport socket\nsocket.create_connection(('127.0.0.1', 9), timeout=5)\n"
        "socket.create_connection(('1.1.1.1', 443), timeout=5)\nprint('online')\n```";
    const CheckResult result = test::run_check({{"type", "code-exec"}, {"timeout_s", 60}}, client);
    CHECK_FALSE(result.pass);
    CHECK_FALSE(result.errored);
    CHECK_THAT(result.reason, Catch::Contains("ConnectionRefusedError"));

    const std::string outside = "```python\nimport socket\nsocket.create_connection(('1.1.1.1', 443), timeout=5)\n```";
    const CheckResult external = test::run_check({{"type", "code-exec"}, {"timeout_s", 60}}, outside);
    CHECK_FALSE(external.pass);
    CHECK_THAT(external.reason, Catch::Contains("Network is unreachable"));
}

TEST_CASE("code-exec runs safely from many threads at once", "[scoring]") {
    // As in a run: one compiled check shared by every worker. Catch's
    // assertion macros are not thread-safe, so the threads only count.
    const CheckSpec spec = test::exec_spec(add_tests(), "suite.yaml");
    Diagnostics diagnostics;
    const std::unique_ptr<BoundCheck> check = compile_check(spec, diagnostics);
    REQUIRE(check);
    TestCase test_case;
    test_case.id = "case-1";
    Completion completion;
    completion.content = k_answer;
    const ScoringOptions options;
    const ScoringInput input{test_case, completion, nullptr, std::nullopt, &options};
    std::atomic<int> right{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&right, &check, &input] {
            for (int i = 0; i < 3; ++i) {
                const CheckResult result = check->evaluate(input);
                if (!result.errored && result.score > 0.66 && result.score < 0.67) {
                    ++right;
                }
            }
        });
    }
    for (std::thread& thread : threads) {
        thread.join();
    }
    CHECK(right.load() == 12);
}

TEST_CASE("code-exec rejects bad definitions with located errors", "[scoring]") {
    SECTION("a language without a default interpreter") {
        const Diagnostics found = test::exec_diagnostics({{"type", "code-exec"}, {"language", "cobol"}});
        REQUIRE(found.size() == 1);
        CHECK(found[0].format() == "suite.yaml:5:7: check 'code-exec': no default interpreter for language 'cobol'; "
                                   "set parameter 'interpreter'");
    }
    SECTION("an interpreter given for it is fine") {
        CHECK(test::exec_diagnostics({{"type", "code-exec"}, {"language", "lua"}, {"interpreter", "lua5.4"}}).empty());
    }
    SECTION("bad limits and tests") {
        CHECK(test::exec_diagnostics({{"type", "code-exec"}, {"timeout_s", 0}}).size() == 1);
        CHECK(test::exec_diagnostics({{"type", "code-exec"}, {"memory_mb", 2}}).size() == 1);
        CHECK(test::exec_diagnostics({{"type", "code-exec"}, {"tests", Json::object()}}).size() == 1);
        CHECK(test::exec_diagnostics({{"type", "code-exec"}, {"analyzer", ""}}).size() == 1);
        CHECK(test::exec_diagnostics({{"type", "code-exec"}, {"threshold", 2}}).size() == 1);
    }
    SECTION("an unknown parameter") {
        const Diagnostics found = test::exec_diagnostics({{"type", "code-exec"}, {"timeout", 5}});
        REQUIRE(found.size() == 1);
        CHECK_THAT(found[0].message, Catch::Contains("did you mean 'timeout_s'"));
    }
}

}  // namespace evalbench

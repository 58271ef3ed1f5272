#include <signal.h>
#include <sys/types.h>
#include <unistd.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "evalbench/sys/process.hpp"
#include "support/temp_dir.hpp"

namespace {

evalbench::ProcessResult run_ok(const evalbench::ProcessOptions& options) {
    auto result = evalbench::run_process(options);
    REQUIRE(result.has_value());
    return *result;
}

evalbench::ProcessOptions shell(const std::string& script) {
    evalbench::ProcessOptions options;
    options.argv = {"/bin/sh", "-c", script};
    options.timeout_s = 60.0;
    return options;
}

// A process is gone when /proc has no entry or only a zombie left for init.
bool process_gone(pid_t pid) {
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    if (!stat) {
        return true;
    }
    std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
    const std::size_t paren = text.rfind(')');
    return paren != std::string::npos && paren + 2 < text.size() && text[paren + 2] == 'Z';
}

}  // namespace

TEST_CASE("run_process captures stdout, stderr and the exit code", "[sys]") {
    const auto result = run_ok(shell("echo out; echo err >&2; exit 3"));
    CHECK(result.stdout_data == "out\n");
    CHECK(result.stderr_data == "err\n");
    CHECK(result.exit_code == 3);
    CHECK(result.signal == 0);
    CHECK_FALSE(result.timed_out);
    CHECK_FALSE(result.succeeded());
    CHECK(result.elapsed_ms >= 0.0);
}

TEST_CASE("run_process pipes large stdin through a child without deadlock", "[sys]") {
    evalbench::ProcessOptions options;
    options.argv = {"cat"};
    options.max_output_bytes = 16u << 20;
    std::string input;
    for (int i = 0; input.size() < (8u << 20); ++i) {
        input += "line " + std::to_string(i) + "\n";
    }
    options.stdin_data = input;
    const auto result = run_ok(options);
    CHECK(result.succeeded());
    CHECK(result.stdout_data.size() == input.size());
    CHECK(result.stdout_data == input);
    CHECK_FALSE(result.output_truncated);
}

TEST_CASE("run_process caps each stream and keeps draining past the cap", "[sys]") {
    auto options = shell("head -c 5000000 /dev/zero; head -c 3000 /dev/zero >&2; echo done >&2");
    options.max_output_bytes = 1000;
    const auto result = run_ok(options);
    CHECK(result.succeeded());  // the child was never blocked on a full pipe
    CHECK(result.stdout_data.size() == 1000);
    CHECK(result.stderr_data.size() == 1000);
    CHECK(result.output_truncated);
}

TEST_CASE("run_process survives a child that does not read its stdin", "[sys]") {
    auto options = shell("exit 0");
    options.stdin_data = std::string(4u << 20, 'x');
    const auto result = run_ok(options);
    CHECK(result.exit_code == 0);
}

TEST_CASE("run_process kills the whole process group at the wall timeout", "[sys]") {
    auto options = shell("sleep 300 & echo $!; sleep 300");
    options.timeout_s = 0.5;
    const auto result = run_ok(options);
    CHECK(result.timed_out);
    CHECK(result.signal == SIGKILL);
    CHECK(result.exit_code == -1);
    CHECK_FALSE(result.succeeded());
    const pid_t background = static_cast<pid_t>(std::stol(result.stdout_data));
    // SIGKILL was sent to the group before we returned; give the kernel a moment to tear it down.
    for (int attempt = 0; attempt < 200 && !process_gone(background); ++attempt) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    CHECK(process_gone(background));
}

TEST_CASE("run_process gives up on pipes held by a grandchild that left the group", "[sys]") {
    auto options = shell("setsid sleep 8 & exit 0");
    options.timeout_s = 0.5;
    const auto result = run_ok(options);
    CHECK(result.timed_out);
    CHECK(result.exit_code == 0);
}

TEST_CASE("run_process reports the terminating signal", "[sys]") {
    const auto result = run_ok(shell("kill -TERM $$"));
    CHECK(result.signal == SIGTERM);
    CHECK(result.exit_code == -1);
    CHECK_FALSE(result.timed_out);
}

TEST_CASE("run_process fails as a value when the program cannot start", "[sys]") {
    SECTION("not on PATH") {
        evalbench::ProcessOptions options;
        options.argv = {"evalbench-no-such-program"};
        const auto result = evalbench::run_process(options);
        REQUIRE_FALSE(result.has_value());
        CHECK_THAT(result.error(), Catch::Contains("evalbench-no-such-program"));
        CHECK_THAT(result.error(), Catch::Contains("not found"));
    }
    SECTION("a path that does not exist") {
        evalbench::ProcessOptions options;
        options.argv = {"/nonexistent/tool"};
        const auto result = evalbench::run_process(options);
        REQUIRE_FALSE(result.has_value());
        CHECK_THAT(result.error(), Catch::Contains("/nonexistent/tool"));
    }
    SECTION("a missing working directory") {
        auto options = shell("true");
        options.working_directory = "/nonexistent/dir";
        const auto result = evalbench::run_process(options);
        REQUIRE_FALSE(result.has_value());
        CHECK_THAT(result.error(), Catch::Contains("/nonexistent/dir"));
    }
    SECTION("an empty command") {
        evalbench::ProcessOptions options;
        CHECK_FALSE(evalbench::run_process(options).has_value());
    }
}

TEST_CASE("run_process sets the environment and working directory", "[sys]") {
    evalbench::test::TempDir dir;
    SECTION("a scrubbed environment holds only what was given") {
        evalbench::ProcessOptions options;
        options.argv = {"/usr/bin/env"};
        options.inherit_environment = evalbench::InheritEnvironment::no;
        options.environment = {{"ONLY", "this"}};
        CHECK(run_ok(options).stdout_data == "ONLY=this\n");
    }
    SECTION("an inherited environment gains the additions") {
        auto options = shell("echo \"$EVALBENCH_TEST_VAR\"; test -n \"$PATH\" && echo has-path");
        options.environment = {{"EVALBENCH_TEST_VAR", "added"}};
        CHECK(run_ok(options).stdout_data == "added\nhas-path\n");
    }
    SECTION("the working directory") {
        auto options = shell("pwd -P");
        options.working_directory = dir.path();
        CHECK(run_ok(options).stdout_data == std::filesystem::canonical(dir.path()).string() + "\n");
    }
}

TEST_CASE("run_process applies resource limits in the child", "[sys]") {
    auto options = shell("ulimit -n; ulimit -t");
    options.limits.open_files = 64;
    options.limits.cpu_seconds = 7;
    CHECK(run_ok(options).stdout_data == "64\n7\n");
}

TEST_CASE("run_process leaks no descriptors into concurrently started children", "[sys]") {
    std::atomic<int> bad{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 6; ++t) {
        threads.emplace_back([&bad, t] {
            for (int i = 0; i < 15; ++i) {
                evalbench::ProcessOptions options;
                options.argv = {"/bin/sh", "-c", "cat; ls /proc/$$/fd"};
                options.stdin_data = "thread " + std::to_string(t) + " run " + std::to_string(i) + "\n";
                const auto result = evalbench::run_process(options);
                if (!result || result->stdout_data != options.stdin_data + "0\n1\n2\n") {
                    ++bad;
                }
            }
        });
    }
    for (std::thread& thread : threads) {
        thread.join();
    }
    CHECK(bad.load() == 0);
}

TEST_CASE("find_executable searches the given path", "[sys]") {
    CHECK(evalbench::find_executable("sh", "/nonexistent:/bin").value() == "/bin/sh");
    CHECK_FALSE(evalbench::find_executable("sh", "/nonexistent").has_value());
    CHECK(evalbench::find_executable("/bin/sh", "").has_value());
    CHECK_FALSE(evalbench::find_executable("/etc/passwd", "").has_value());  // not executable
}

TEST_CASE("run_process switches user before exec when running as root", "[sys]") {
    if (geteuid() != 0) {
        SUCCEED("not root: switching user is not possible here");
        return;
    }
    auto options = shell("id -u; id -g; id -G");
    options.run_as = evalbench::UserIdentity{65534, 65534};
    CHECK(run_ok(options).stdout_data == "65534\n65534\n65534\n");
}

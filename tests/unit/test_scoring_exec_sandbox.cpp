// The bubblewrap sandbox itself (sandbox.cpp): isolation and fail-closed.
// These run bubblewrap for real (installed on CI, which runs as root).

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdlib>

#include "evalbench/scoring/sandbox.hpp"

namespace evalbench {

namespace {

ProcessResult sandboxed_python(const std::string& code, SandboxMode mode = SandboxMode::bubblewrap) {
    SandboxRequest request;
    request.command = {"python3", "main.py"};
    request.files = {{"main.py", code}};
    request.limits.timeout_s = 60.0;
    request.mode = mode;
    const auto result = run_sandboxed(request);
    INFO((result ? std::string() : result.error()));
    REQUIRE(result.has_value());
    return *result;
}

// A TCP listener on 127.0.0.1 of the host, on a free port.
class Listener {
public:
    Listener() {
        m_fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        REQUIRE(bind(m_fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
        REQUIRE(listen(m_fd, 8) == 0);
        socklen_t length = sizeof address;
        REQUIRE(getsockname(m_fd, reinterpret_cast<sockaddr*>(&address), &length) == 0);
        m_port = ntohs(address.sin_port);
    }
    ~Listener() { close(m_fd); }
    Listener(const Listener&) = delete;
    Listener& operator=(const Listener&) = delete;

    int port() const { return m_port; }
    bool accepted_any() const {
        const int client = accept4(m_fd, nullptr, nullptr, SOCK_CLOEXEC);
        if (client >= 0) {
            close(client);
            return true;
        }
        return false;
    }

private:
    int m_fd = -1;
    int m_port = 0;
};

}  // namespace

TEST_CASE("the sandbox runs a program with a fresh writable working directory", "[scoring]") {
    const ProcessResult result = sandboxed_python(
        "import os\nopen('out.txt', 'w').write('x')\nprint(os.getcwd(), os.path.exists('out.txt'), "
        "os.access('/usr', os.W_OK))\n");
    CHECK(result.succeeded());
    CHECK(result.stdout_data == "/tmp True False\n");
}

TEST_CASE("the sandbox scrubs the environment and hides the host's files", "[scoring]") {
    REQUIRE(setenv("EVALBENCH_FAKE_API_KEY", "sk-secret", 1) == 0);
    const ProcessResult result = sandboxed_python(
        "import os\nprint(sorted(os.environ))\nprint(os.environ['HOME'])\n"
        "print([p for p in ['/work', '/root', '/home', '/etc/passwd', '/etc/shadow', '" EVALBENCH_SOURCE_DIR
        "'] if os.path.exists(p)])\nprint(os.getuid() != 0)\n");
    unsetenv("EVALBENCH_FAKE_API_KEY");
    CHECK(result.succeeded());
    CHECK(result.stdout_data == "['HOME', 'LANG', 'PATH', 'PWD', 'TMPDIR']\n/tmp\n[]\nTrue\n");  // bwrap sets PWD
}

TEST_CASE("the sandbox has no network: neither the host's loopback nor outside", "[scoring]") {
    Listener listener;
    const ProcessResult result = sandboxed_python(
        "import socket\nfor address in [('127.0.0.1', " + std::to_string(listener.port()) +
        "), ('1.1.1.1', 53)]:\n"
        "    try:\n        socket.create_connection(address, timeout=5)\n        print('CONNECTED', address)\n"
        "    except OSError as error:\n        print('refused', error.errno)\n");
    CHECK(result.succeeded());
    CHECK(result.stdout_data.find("CONNECTED") == std::string::npos);
    CHECK(result.stdout_data == "refused 111\nrefused 101\n");  // ECONNREFUSED, then ENETUNREACH
    CHECK_FALSE(listener.accepted_any());
}

TEST_CASE("the sandbox applies the file size limit", "[scoring]") {
    SandboxRequest request;
    request.command = {"python3", "main.py"};
    request.files = {{"main.py", "with open('big', 'wb') as f:\n    f.write(b'0' * (3 << 20))\n"}};
    request.limits.max_file_mb = 2;
    const auto result = run_sandboxed(request);
    REQUIRE(result.has_value());
    CHECK_FALSE(result->succeeded());
    CHECK_THAT(result->stderr_data, Catch::Contains("File too large"));
}

TEST_CASE("the sandbox fails closed when bubblewrap is missing", "[scoring]") {
    SandboxRequest request;
    request.command = {"python3", "main.py"};
    request.files = {{"main.py", "print('ran')\n"}};
    request.bwrap_program = "/nonexistent/bwrap";
    SECTION("sandboxed: an error naming the package and the escape hatch") {
        const auto result = run_sandboxed(request);
        REQUIRE_FALSE(result.has_value());
        CHECK_THAT(result.error(), Catch::Contains("/nonexistent/bwrap"));
        CHECK_THAT(result.error(), Catch::Contains("bubblewrap"));
        CHECK_THAT(result.error(), Catch::Contains("--unsafe-no-sandbox"));
    }
    SECTION("unsandboxed on request: runs with a scrubbed environment in a fresh directory") {
        request.mode = SandboxMode::unsandboxed;
        request.files = {{"main.py", "import os\nprint(sorted(os.environ), os.getcwd() == os.environ['HOME'])\n"}};
        const auto result = run_sandboxed(request);
        REQUIRE(result.has_value());
        CHECK(result->stdout_data == "['HOME', 'LANG', 'PATH', 'TMPDIR'] True\n");
    }
}

TEST_CASE("the sandbox reports a program missing from its PATH", "[scoring]") {
    SandboxRequest request;
    request.command = {"evalbench-no-such-interpreter", "main.py"};
    const auto result = run_sandboxed(request);
    REQUIRE_FALSE(result.has_value());
    CHECK_THAT(result.error(), Catch::Contains("evalbench-no-such-interpreter"));
    CHECK_THAT(result.error(), Catch::Contains(k_sandbox_path));
}

TEST_CASE("the bubblewrap arguments isolate and bind only what is needed", "[scoring]") {
    const std::vector<std::string> args = bubblewrap_arguments("/tmp/work", {"/usr/bin/python3", "main.py"});
    const auto has = [&](const std::string& word) { return std::find(args.begin(), args.end(), word) != args.end(); };
    CHECK(has("--unshare-all"));
    CHECK(has("--die-with-parent"));
    CHECK(has("--new-session"));
    CHECK(has("--clearenv"));
    CHECK_FALSE(has("/home"));
    CHECK_FALSE(has("/root"));
    CHECK_FALSE(has("/etc"));  // only single files of /etc
    const auto separator = std::find(args.begin(), args.end(), "--");
    REQUIRE(separator != args.end());
    CHECK(std::vector<std::string>(separator + 1, args.end()) == std::vector<std::string>{"/usr/bin/python3", "main.py"});
    SECTION("an interpreter outside /usr gets its prefix bound read-only") {
        const std::vector<std::string> opt = bubblewrap_arguments("/tmp/w", {"/opt/py3/bin/python3"});
        const auto bind = std::find(opt.begin(), opt.end(), "/opt/py3");
        REQUIRE(bind != opt.end());
        CHECK(*(bind - 1) == "--ro-bind");
    }
}

}  // namespace evalbench

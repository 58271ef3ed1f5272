#pragma once
// Running a child process with stdin, captured output, a wall timeout and
// an output cap. Used by the exec provider, the `command` check and the
// code-exec sandbox (which builds a bubblewrap argv and calls this).

#include <cstddef>
#include <cstdint>
#include <expected>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace evalbench {

enum class InheritEnvironment { yes, no };

// Resource limits applied in the child (setrlimit) just before exec; unset
// ones are inherited. RLIMIT_NPROC does not bind root: contain fork bombs
// with a pid namespace (the sandbox) and the wall timeout's group kill.
struct ResourceLimits {
    std::optional<std::uint64_t> cpu_seconds;          // RLIMIT_CPU (SIGXCPU, then SIGKILL one second later)
    std::optional<std::uint64_t> address_space_bytes;  // RLIMIT_AS
    std::optional<std::uint64_t> file_size_bytes;      // RLIMIT_FSIZE
    std::optional<std::uint64_t> processes;            // RLIMIT_NPROC (per real user id)
    std::optional<std::uint64_t> open_files;           // RLIMIT_NOFILE
};

// A user to become in the child before exec (needs root). Supplementary
// groups are dropped. The sandbox uses it so that, when evalbench runs as
// root, untrusted code does not, and RLIMIT_NPROC binds.
struct UserIdentity {
    std::uint32_t uid = 0;
    std::uint32_t gid = 0;
};

struct ProcessOptions {
    std::vector<std::string> argv;  // argv[0] is looked up on PATH when it has no '/'
    std::string stdin_data;
    InheritEnvironment inherit_environment = InheritEnvironment::yes;
    std::map<std::string, std::string> environment;  // added (or, with inherit no, the whole env)
    std::filesystem::path working_directory;          // empty: current directory
    double timeout_s = 60.0;                          // wall clock; the process group is killed after
    std::size_t max_output_bytes = 1 << 20;           // per stream; the rest is discarded
    ResourceLimits limits;
    std::optional<UserIdentity> run_as;  // empty: stay who we are
};

struct ProcessResult {
    int exit_code = -1;  // -1 when killed by a signal
    int signal = 0;      // the terminating signal, 0 if it exited
    bool timed_out = false;
    bool output_truncated = false;
    std::string stdout_data;
    std::string stderr_data;
    double elapsed_ms = 0.0;

    bool succeeded() const { return !timed_out && signal == 0 && exit_code == 0; }
};

// Fails (as a value) only when the process could not be started at all
// (not found, not executable, bad working directory); the message names it.
// Thread-safe: every descriptor it opens is close-on-exec, so concurrent
// calls never leak one call's pipes into another call's child.
std::expected<ProcessResult, std::string> run_process(const ProcessOptions& options);

// The first executable regular file named `name` in the ':'-separated
// `search_path`; a name containing '/' is returned as is when executable.
std::optional<std::filesystem::path> find_executable(const std::string& name, const std::string& search_path);

}  // namespace evalbench

#pragma once
// Running untrusted code (a model's answer) in a bubblewrap sandbox: no
// network, its own pid/ipc/uts/user namespaces, a read-only view of the
// system's program directories, a fresh writable temp directory as /tmp and
// working directory, a scrubbed environment, rlimits and a wall timeout.
// Used by the code-exec check; usable by anything that runs model output.

#include <cstdint>
#include <expected>
#include <map>
#include <string>
#include <vector>

#include "evalbench/sys/process.hpp"

namespace evalbench {

// The PATH inside the sandbox; a bare command name is looked up here (on
// the host, before the sandbox starts), so a user's PATH (pyenv shims,
// virtualenvs) never decides what runs.
inline constexpr const char* k_sandbox_path = "/usr/local/bin:/usr/bin:/bin";

struct SandboxLimits {
    double timeout_s = 10.0;          // wall clock; then the whole sandbox is killed
    std::uint64_t memory_mb = 512;    // RLIMIT_AS per process
    std::uint64_t max_file_mb = 16;   // RLIMIT_FSIZE: the largest file it may write
    std::uint64_t max_processes = 64; // RLIMIT_NPROC, threads included (binds only for a non-root uid)
    std::size_t max_output_bytes = 256 * 1024;  // per stream
};

enum class SandboxMode {
    bubblewrap,   // the only safe mode; fails closed without bwrap
    unsandboxed,  // --unsafe-no-sandbox: rlimits, scrubbed env and timeout only
};

struct SandboxRequest {
    std::vector<std::string> command;          // argv; command[0] is resolved on k_sandbox_path
    std::map<std::string, std::string> files;  // file name -> content, written into the working directory
    std::string stdin_data;
    SandboxLimits limits;
    SandboxMode mode = SandboxMode::bubblewrap;
    std::string bwrap_program = "bwrap";  // looked up on the host PATH
};

// Runs the request in a fresh directory that is removed afterwards. Fails
// (as a value) when it cannot run at all: bwrap missing (the message names
// the Debian package `bubblewrap` and --unsafe-no-sandbox), the command not
// found on the sandbox PATH, a file that cannot be written. A program that
// crashes, times out or exceeds a limit is a result, not an error.
std::expected<ProcessResult, std::string> run_sandboxed(const SandboxRequest& request);

// The bubblewrap argv (without the program itself) for a working directory
// and a resolved command; exposed for tests and `--verbose` explanations.
std::vector<std::string> bubblewrap_arguments(const std::string& work_dir, const std::vector<std::string>& command);

}  // namespace evalbench

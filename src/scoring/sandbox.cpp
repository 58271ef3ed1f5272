// The code sandbox: bubblewrap around a program, plus limits bubblewrap
// does not give.
//
// Layers, each containing what the one before cannot:
//  - bubblewrap: new user, pid, net, ipc, uts and cgroup namespaces
//    (--unshare-all; the net namespace has only a loopback of its own, so
//    no connection reaches the host or the internet), capabilities dropped,
//    /usr and the /bin,/lib symlinks (or directories) read-only, a handful of
//    /etc files the dynamic loader needs, the interpreter's own prefix when
//    it lives elsewhere (e.g. /opt/python3.12), a fresh host directory bound
//    writable at /tmp as the working directory, and a cleared environment
//    (PATH, HOME=/tmp, TMPDIR, LANG: no API keys).
//  - --die-with-parent and --new-session: when the wall timeout kills
//    bwrap, its children die with it; pid 1 of the namespace dying takes
//    every process in it down, so a fork bomb that escaped the process group
//    with setsid() still ends.
//  - rlimits set before exec and inherited by everything inside: CPU
//    seconds, address space, file size, and processes. RLIMIT_NPROC does not
//    bind uid 0, so when evalbench runs as root the sandbox runs as `nobody`
//    (65534): code never runs as root, and the process limit holds. As
//    another user, the process limit is set inside the sandbox (prlimit).
//  - the wall timeout in run_process (SIGKILL to the group).
// Without bubblewrap it fails closed unless the caller asked for
// SandboxMode::unsandboxed (--unsafe-no-sandbox).

#include "evalbench/scoring/sandbox.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <set>
#include <utility>

#include <fmt/format.h>

namespace evalbench {

namespace {

namespace fs = std::filesystem;

constexpr std::uint32_t k_nobody = 65534;

// A fresh directory, removed with everything in it on scope exit.
class WorkDir {
public:
    static std::expected<WorkDir, std::string> create() {
        std::error_code error;
        fs::path base = fs::temp_directory_path(error);
        if (error) {
            base = "/tmp";
        }
        std::string pattern = (base / "evalbench-sandbox-XXXXXX").string();
        if (mkdtemp(pattern.data()) == nullptr) {
            return std::unexpected(fmt::format("cannot create a sandbox directory under {}: {}", base.string(),
                                               std::strerror(errno)));
        }
        return WorkDir(pattern);
    }
    WorkDir(WorkDir&& other) noexcept : m_path(std::exchange(other.m_path, {})) {}
    WorkDir& operator=(WorkDir&&) = delete;
    WorkDir(const WorkDir&) = delete;
    WorkDir& operator=(const WorkDir&) = delete;
    ~WorkDir() {
        if (!m_path.empty()) {
            std::error_code ignored;  // best effort: a leftover temp dir is not worth failing a check over
            fs::remove_all(m_path, ignored);
        }
    }
    const fs::path& path() const { return m_path; }

private:
    explicit WorkDir(fs::path path) : m_path(std::move(path)) {}
    fs::path m_path;
};

bool in_system_directories(const fs::path& path) {
    const std::string text = path.lexically_normal().string();
    for (const char* root : {"/usr/", "/bin/", "/sbin/", "/lib/", "/lib32/", "/lib64/", "/libx32/"}) {
        if (text.starts_with(root)) {
            return true;
        }
    }
    return false;
}

// An interpreter outside /usr (a pyenv or /opt install) needs its prefix:
// `<prefix>/bin/python3` binds `<prefix>`; a program elsewhere binds its
// own directory, or only itself when that directory is `/`.
std::vector<fs::path> program_roots(const fs::path& program) {
    std::set<fs::path> roots;
    std::error_code error;
    const fs::path canonical = fs::canonical(program, error);
    for (const fs::path& candidate : {program, error ? program : canonical}) {
        if (in_system_directories(candidate)) {
            continue;
        }
        fs::path directory = candidate.parent_path();
        if (directory.filename() == "bin" && directory.has_parent_path()) {
            directory = directory.parent_path();
        }
        roots.insert(directory == directory.root_path() ? candidate : directory);
    }
    return {roots.begin(), roots.end()};
}

std::expected<void, std::string> write_files(const WorkDir& dir, const std::map<std::string, std::string>& files,
                                             std::optional<UserIdentity> owner) {
    for (const auto& [name, content] : files) {
        if (name.empty() || name.find('/') != std::string::npos || name == "." || name == "..") {
            return std::unexpected(fmt::format("sandbox file name '{}' must be a plain file name", name));
        }
        const fs::path path = dir.path() / name;
        std::ofstream out(path, std::ios::binary);
        out << content;
        out.close();
        if (!out) {
            return std::unexpected(fmt::format("cannot write {}: {}", path.string(), std::strerror(errno)));
        }
        if (owner && chown(path.c_str(), owner->uid, owner->gid) != 0) {
            return std::unexpected(fmt::format("cannot hand {} to uid {}: {}", path.string(), owner->uid,
                                               std::strerror(errno)));
        }
    }
    if (owner && chown(dir.path().c_str(), owner->uid, owner->gid) != 0) {
        return std::unexpected(fmt::format("cannot hand {} to uid {}: {}", dir.path().string(), owner->uid,
                                           std::strerror(errno)));
    }
    return {};
}

std::string host_path() {
    const char* path = std::getenv("PATH");  // read-only; nothing in evalbench calls setenv
    return path != nullptr && *path != '\0' ? path : "/usr/local/bin:/usr/bin:/bin";
}

}  // namespace

std::vector<std::string> bubblewrap_arguments(const std::string& work_dir, const std::vector<std::string>& command) {
    std::vector<std::string> args = {"--unshare-all", "--die-with-parent", "--new-session", "--cap-drop", "ALL",
                                     "--ro-bind",     "/usr",              "/usr"};
    for (const char* top : {"/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"}) {
        std::error_code error;
        const fs::file_status status = fs::symlink_status(top, error);
        if (error || !fs::exists(status)) {
            continue;
        }
        if (fs::is_symlink(status)) {
            args.insert(args.end(), {"--symlink", fs::read_symlink(top, error).string(), top});
        } else if (fs::is_directory(status)) {
            args.insert(args.end(), {"--ro-bind", top, top});
        }
    }
    // What the dynamic loader and a few runtimes read; nothing with secrets.
    for (const char* file : {"/etc/ld.so.cache", "/etc/ld.so.conf", "/etc/ld.so.conf.d", "/etc/alternatives",
                             "/etc/localtime"}) {
        args.insert(args.end(), {"--ro-bind-try", file, file});
    }
    if (!command.empty()) {
        for (const fs::path& root : program_roots(command.front())) {
            args.insert(args.end(), {"--ro-bind", root.string(), root.string()});
        }
    }
    args.insert(args.end(), {"--proc", "/proc", "--dev", "/dev", "--bind", work_dir, "/tmp", "--chdir", "/tmp",
                             "--clearenv", "--setenv", "PATH", k_sandbox_path, "--setenv", "HOME", "/tmp",
                             "--setenv", "TMPDIR", "/tmp", "--setenv", "LANG", "C.UTF-8", "--"});
    args.insert(args.end(), command.begin(), command.end());
    return args;
}

std::expected<ProcessResult, std::string> run_sandboxed(const SandboxRequest& request) {
    if (request.command.empty() || request.command.front().empty()) {
        return std::unexpected(std::string("the sandbox was given an empty command"));
    }
    std::vector<std::string> command = request.command;
    const std::optional<fs::path> program = find_executable(command.front(), k_sandbox_path);
    if (!program) {
        return std::unexpected(
            fmt::format("'{}' not found on the sandbox PATH ({})", command.front(), k_sandbox_path));
    }
    command.front() = fs::absolute(*program).string();

    std::optional<fs::path> bwrap;
    if (request.mode == SandboxMode::bubblewrap) {
        bwrap = find_executable(request.bwrap_program, host_path());
        if (!bwrap) {
            return std::unexpected(fmt::format(
                "code sandbox unavailable: '{}' not found on PATH; install the Debian package 'bubblewrap' "
                "(apt-get install bubblewrap), or pass --unsafe-no-sandbox to run model code without isolation",
                request.bwrap_program));
        }
    }

    std::expected<WorkDir, std::string> dir = WorkDir::create();
    if (!dir) {
        return std::unexpected(dir.error());
    }
    const std::optional<UserIdentity> identity =
        geteuid() == 0 ? std::optional<UserIdentity>(UserIdentity{k_nobody, k_nobody}) : std::nullopt;
    if (auto written = write_files(*dir, request.files, identity); !written) {
        return std::unexpected(written.error());
    }

    ProcessOptions options;
    options.stdin_data = request.stdin_data;
    options.inherit_environment = InheritEnvironment::no;
    options.timeout_s = request.limits.timeout_s;
    options.max_output_bytes = request.limits.max_output_bytes;
    options.working_directory = dir->path();
    options.run_as = identity;
    options.limits.cpu_seconds = static_cast<std::uint64_t>(std::max(1.0, std::ceil(request.limits.timeout_s)));
    options.limits.address_space_bytes = request.limits.memory_mb << 20;
    options.limits.file_size_bytes = request.limits.max_file_mb << 20;
    if (identity) {
        // Counted per real uid across the host: only meaningful for `nobody`,
        // which owns nothing else; a regular user's own processes would count.
        options.limits.processes = request.limits.max_processes;
    }
    const std::string home = request.mode == SandboxMode::bubblewrap ? "/tmp" : dir->path().string();
    options.environment = {{"PATH", k_sandbox_path}, {"HOME", home}, {"TMPDIR", home}, {"LANG", "C.UTF-8"}};
    if (bwrap) {
        options.argv = bubblewrap_arguments(dir->path().string(), command);
        options.argv.insert(options.argv.begin(), bwrap->string());
        // Not root: a limit set out here would count all of the user's own
        // processes. Inside the sandbox's user namespace it counts only the
        // sandbox's, so set it there with util-linux's prlimit when present.
        const std::optional<fs::path> prlimit = find_executable("prlimit", k_sandbox_path);
        if (!identity && prlimit) {
            const auto separator = std::find(options.argv.begin(), options.argv.end(), "--");
            options.argv.insert(separator + 1, {prlimit->string(),
                                                fmt::format("--nproc={}", request.limits.max_processes), "--"});
        }
    } else {
        options.argv = command;
    }

    std::expected<ProcessResult, std::string> result = run_process(options);
    if (result && bwrap && result->exit_code != 0 && result->stderr_data.starts_with("bwrap: ")) {
        // bubblewrap itself refused (e.g. user namespaces disabled): fail closed.
        const std::string message = result->stderr_data.substr(0, result->stderr_data.find('\n'));
        return std::unexpected(fmt::format("code sandbox could not start: {}", message));
    }
    return result;
}

}  // namespace evalbench

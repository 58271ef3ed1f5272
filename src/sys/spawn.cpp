// Starting a child process safely from a multi-threaded program.
//
// Everything the child needs (the resolved program path, argv and envp as C
// arrays, the limits) is prepared before fork(), because between fork() and
// exec() a child of a threaded parent may only make async-signal-safe calls:
// no allocation, no locks. The child then joins a new process group (so a
// timeout can kill it and everything it started), clears the signal mask
// and ignored dispositions it inherited, wires the pipes to 0/1/2, enters
// its working directory, applies its rlimits, marks every other descriptor
// close-on-exec (so descriptors that other code opened without O_CLOEXEC
// cannot leak into it) and calls execve(). If any step fails it writes the
// step and errno to a close-on-exec "report" pipe; the parent reads that
// pipe until EOF, so it learns synchronously whether exec succeeded.

#include "spawn.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>

#include <fmt/format.h>

extern char** environ;

namespace evalbench::detail {

namespace {

enum class Stage : int { dup = 1, chdir = 2, rlimit = 3, exec = 4, identity = 5 };

struct ChildReport {
    Stage stage;
    int error;
};

struct Pipe {
    UniqueFd read_end;
    UniqueFd write_end;
};

std::expected<Pipe, std::string> make_pipe() {
    std::array<int, 2> fds{};
    if (pipe2(fds.data(), O_CLOEXEC) != 0) {
        return std::unexpected(fmt::format("cannot create a pipe: {}", std::strerror(errno)));
    }
    return Pipe{UniqueFd(fds[0]), UniqueFd(fds[1])};
}

std::map<std::string, std::string> child_environment(const ProcessOptions& options) {
    std::map<std::string, std::string> environment;
    if (options.inherit_environment == InheritEnvironment::yes) {
        for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
            const std::string text(*entry);
            const std::size_t equals = text.find('=');
            if (equals != std::string::npos) {
                environment.emplace(text.substr(0, equals), text.substr(equals + 1));
            }
        }
    }
    for (const auto& [key, value] : options.environment) {
        environment[key] = value;
    }
    return environment;
}

struct LimitSetting {
    int resource;
    rlimit value;
};

std::vector<LimitSetting> limit_settings(const ResourceLimits& limits) {
    std::vector<LimitSetting> settings;
    const auto add = [&](int resource, const std::optional<std::uint64_t>& value, rlim_t hard_extra) {
        if (value) {
            const auto soft = static_cast<rlim_t>(*value);
            settings.push_back({resource, rlimit{soft, soft + hard_extra}});
        }
    };
    // The CPU soft limit sends SIGXCPU; the hard limit one second later is SIGKILL.
    add(RLIMIT_CPU, limits.cpu_seconds, 1);
    add(RLIMIT_AS, limits.address_space_bytes, 0);
    add(RLIMIT_FSIZE, limits.file_size_bytes, 0);
    add(RLIMIT_NPROC, limits.processes, 0);
    add(RLIMIT_NOFILE, limits.open_files, 0);
    return settings;
}

// Async-signal-safe: only system calls from here to execve/_exit.
struct ChildPlan {
    const char* program;
    char* const* argv;
    char* const* envp;
    const char* directory;  // null: stay
    const std::vector<LimitSetting>* limits;
    std::optional<UserIdentity> run_as;
    std::array<int, 3> stdio;
    int report_fd;
};

// Raw system calls: glibc's setuid() would try to synchronise threads that
// do not exist in the forked child.
bool become(const UserIdentity& identity) {
    return syscall(SYS_setgroups, 0, nullptr) == 0 &&
           syscall(SYS_setresgid, identity.gid, identity.gid, identity.gid) == 0 &&
           syscall(SYS_setresuid, identity.uid, identity.uid, identity.uid) == 0;
}

[[noreturn]] void run_child(const ChildPlan& plan) {
    const int report_fd = plan.report_fd;
    const auto fail = [report_fd](Stage stage) {
        const ChildReport report{stage, errno};
        std::ignore = write(report_fd, &report, sizeof report);  // best effort: the parent sees EOF otherwise
        _exit(127);
    };
    setpgid(0, 0);
    sigset_t empty;
    sigemptyset(&empty);
    sigprocmask(SIG_SETMASK, &empty, nullptr);
    struct sigaction default_action {};
    default_action.sa_handler = SIG_DFL;
    for (int signal_number = 1; signal_number < NSIG; ++signal_number) {
        sigaction(signal_number, &default_action, nullptr);  // fails harmlessly for SIGKILL/SIGSTOP
    }
    const std::array<int, 3>& stdio = plan.stdio;
    for (int target = 0; target < 3; ++target) {
        if (stdio[target] == target) {
            // dup2 onto itself keeps FD_CLOEXEC, which exec would then close.
            if (fcntl(target, F_SETFD, 0) != 0) {
                fail(Stage::dup);
            }
        } else if (dup2(stdio[target], target) < 0) {
            fail(Stage::dup);
        }
    }
    if (plan.run_as && !become(*plan.run_as)) {
        fail(Stage::identity);
    }
    if (plan.directory != nullptr && chdir(plan.directory) != 0) {
        fail(Stage::chdir);
    }
    for (const LimitSetting& limit : *plan.limits) {
        if (setrlimit(limit.resource, &limit.value) != 0) {
            fail(Stage::rlimit);
        }
    }
#ifdef SYS_close_range
    syscall(SYS_close_range, 3U, ~0U, 4U /* CLOSE_RANGE_CLOEXEC */);  // older kernels: rely on O_CLOEXEC
#endif
    execve(plan.program, plan.argv, plan.envp);
    fail(Stage::exec);
    _exit(127);
}

std::string describe(const ChildReport& report, const std::string& program, const ProcessOptions& options) {
    const char* reason = std::strerror(report.error);
    switch (report.stage) {
    case Stage::dup: return fmt::format("cannot start '{}': redirecting its standard streams failed: {}", program, reason);
    case Stage::chdir:
        return fmt::format("cannot start '{}': cannot enter working directory '{}': {}", program,
                           options.working_directory.string(), reason);
    case Stage::rlimit: return fmt::format("cannot start '{}': setting a resource limit failed: {}", program, reason);
    case Stage::exec: return fmt::format("cannot start '{}': {}", program, reason);
    case Stage::identity: return fmt::format("cannot start '{}': switching user failed: {}", program, reason);
    }
    return fmt::format("cannot start '{}'", program);
}

void set_nonblocking(int fd) {
    const int flags = fcntl(fd, F_GETFL);
    if (flags >= 0) {
        fcntl(fd, F_SETFL, flags | O_NONBLOCK);
    }
}

}  // namespace

void UniqueFd::reset(int fd) {
    if (m_fd >= 0) {
        close(m_fd);
    }
    m_fd = fd;
}

std::expected<SpawnedChild, std::string> spawn_child(const ProcessOptions& options) {
    if (options.argv.empty() || options.argv.front().empty()) {
        return std::unexpected(std::string("cannot start a process: the command is empty"));
    }
    const std::string& name = options.argv.front();
    const std::map<std::string, std::string> environment = child_environment(options);
    std::string program = name;
    if (name.find('/') == std::string::npos) {
        const auto path_entry = environment.find("PATH");
        const std::string search_path = path_entry != environment.end() ? path_entry->second : "/usr/local/bin:/usr/bin:/bin";
        const std::optional<std::filesystem::path> found = find_executable(name, search_path);
        if (!found) {
            return std::unexpected(fmt::format("cannot start '{}': not found on PATH ({})", name, search_path));
        }
        program = std::filesystem::absolute(*found).string();
    }

    std::vector<std::string> env_strings;
    for (const auto& [key, value] : environment) {
        env_strings.push_back(key + "=" + value);
    }
    std::vector<char*> envp;
    for (std::string& entry : env_strings) {
        envp.push_back(entry.data());
    }
    envp.push_back(nullptr);
    std::vector<std::string> argv_strings = options.argv;
    std::vector<char*> argv;
    for (std::string& entry : argv_strings) {
        argv.push_back(entry.data());
    }
    argv.push_back(nullptr);
    const std::string directory = options.working_directory.string();
    const std::vector<LimitSetting> limits = limit_settings(options.limits);

    auto in = make_pipe();
    auto out = make_pipe();
    auto err = make_pipe();
    auto report = make_pipe();
    for (const auto* pipe : {&in, &out, &err, &report}) {
        if (!*pipe) {
            return std::unexpected(pipe->error());
        }
    }

    const pid_t pid = fork();
    if (pid < 0) {
        return std::unexpected(fmt::format("cannot start '{}': fork failed: {}", name, std::strerror(errno)));
    }
    if (pid == 0) {
        run_child(ChildPlan{program.c_str(), argv.data(), envp.data(), directory.empty() ? nullptr : directory.c_str(),
                            &limits, options.run_as,
                            {in->read_end.get(), out->write_end.get(), err->write_end.get()},
                            report->write_end.get()});
    }
    // Also from the parent, so the group exists before we might signal it.
    setpgid(pid, pid);  // EACCES after the child's exec is harmless: it did it itself
    in->read_end.reset();
    out->write_end.reset();
    err->write_end.reset();
    report->write_end.reset();

    ChildReport child_report{};
    ssize_t got = 0;
    do {
        got = read(report->read_end.get(), &child_report, sizeof child_report);
    } while (got < 0 && errno == EINTR);
    if (got == static_cast<ssize_t>(sizeof child_report)) {
        int status = 0;
        while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
        }
        return std::unexpected(describe(child_report, name, options));
    }

    SpawnedChild child;
    child.pid = pid;
    child.stdin_fd = std::move(in->write_end);
    child.stdout_fd = std::move(out->read_end);
    child.stderr_fd = std::move(err->read_end);
#ifdef SYS_pidfd_open
    const long pid_fd = syscall(SYS_pidfd_open, pid, 0);
    if (pid_fd >= 0) {
        child.pid_fd.reset(static_cast<int>(pid_fd));  // pidfds are always close-on-exec
    }
#endif
    set_nonblocking(child.stdin_fd.get());
    set_nonblocking(child.stdout_fd.get());
    set_nonblocking(child.stderr_fd.get());
    return child;
}

}  // namespace evalbench::detail

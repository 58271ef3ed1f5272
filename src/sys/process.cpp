// Running a child to completion: feeding stdin and draining stdout/stderr
// with one poll() loop, so neither side can block the other however large
// the data (the child blocked writing a full stdout pipe while we block
// writing its stdin is the classic deadlock). The loop also watches the
// child through a pidfd and enforces the wall timeout: at the deadline the
// whole process group gets SIGKILL. Output past the cap is still read and
// thrown away, so a chatty child never stalls on a full pipe.
//
// The loop ends when both output pipes reached EOF and the child has been
// reaped. A grandchild that left the group (setsid) may hold the pipes open
// after the kill: we then stop reading after a short grace period instead
// of waiting forever.

#include "evalbench/sys/process.hpp"

#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <chrono>
#include <cmath>

#include "spawn.hpp"

namespace evalbench {

namespace {

using Clock = std::chrono::steady_clock;

constexpr std::size_t k_chunk_bytes = 64 * 1024;
constexpr auto k_kill_grace = std::chrono::seconds(2);
constexpr int k_reap_poll_ms = 20;  // only without pidfd support

// Writing to a pipe whose reader has gone raises SIGPIPE, which would kill
// the whole harness. Block it in this thread while we run, and consume the
// signal our own EPIPE generated before unblocking.
class SigpipeBlock {
public:
    SigpipeBlock() {
        sigemptyset(&m_set);
        sigaddset(&m_set, SIGPIPE);
        pthread_sigmask(SIG_BLOCK, &m_set, &m_previous);
        sigset_t pending;
        sigemptyset(&pending);
        sigpending(&pending);
        m_was_pending = sigismember(&pending, SIGPIPE) == 1;
    }
    ~SigpipeBlock() {
        if (m_raised && !m_was_pending) {
            const timespec no_wait{};
            std::ignore = sigtimedwait(&m_set, nullptr, &no_wait);  // discard the SIGPIPE our write caused
        }
        pthread_sigmask(SIG_SETMASK, &m_previous, nullptr);
    }
    SigpipeBlock(const SigpipeBlock&) = delete;
    SigpipeBlock& operator=(const SigpipeBlock&) = delete;

    void raised() { m_raised = true; }

private:
    sigset_t m_set{};
    sigset_t m_previous{};
    bool m_was_pending = false;
    bool m_raised = false;
};

// Reads what is available; closes the descriptor at EOF or on error.
void drain(detail::UniqueFd& fd, std::string& sink, std::size_t cap, bool& truncated) {
    std::array<char, k_chunk_bytes> buffer{};
    while (fd.valid()) {
        const ssize_t got = read(fd.get(), buffer.data(), buffer.size());
        if (got > 0) {
            const auto count = static_cast<std::size_t>(got);
            const std::size_t room = sink.size() < cap ? cap - sink.size() : 0;
            sink.append(buffer.data(), std::min(room, count));
            truncated = truncated || count > room;
            continue;
        }
        if (got < 0 && errno == EINTR) {
            continue;
        }
        if (got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            return;
        }
        fd.reset();  // EOF, or an error that leaves nothing to read
    }
}

void feed(detail::UniqueFd& fd, const std::string& data, std::size_t& written, SigpipeBlock& sigpipe) {
    while (fd.valid() && written < data.size()) {
        const std::size_t count = std::min(k_chunk_bytes, data.size() - written);
        const ssize_t put = write(fd.get(), data.data() + written, count);
        if (put > 0) {
            written += static_cast<std::size_t>(put);
            continue;
        }
        if (put < 0 && errno == EINTR) {
            continue;
        }
        if (put < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            return;
        }
        if (put < 0 && errno == EPIPE) {
            sigpipe.raised();  // the child stopped reading: not an error of ours
        }
        fd.reset();
        return;
    }
    fd.reset();  // all written: EOF tells the child there is no more
}

void decode_status(int status, ProcessResult& result) {
    if (WIFEXITED(status)) {
        result.exit_code = WEXITSTATUS(status);
    } else if (WIFSIGNALED(status)) {
        result.exit_code = -1;
        result.signal = WTERMSIG(status);
    }
}

int poll_timeout_ms(Clock::time_point now, Clock::time_point limit) {
    const auto remaining = std::chrono::duration<double, std::milli>(limit - now).count();
    return static_cast<int>(std::clamp(std::ceil(remaining), 0.0, 60'000.0));
}

}  // namespace

std::optional<std::filesystem::path> find_executable(const std::string& name, const std::string& search_path) {
    const auto executable = [](const std::filesystem::path& candidate) {
        struct stat info {};
        return stat(candidate.c_str(), &info) == 0 && S_ISREG(info.st_mode) && access(candidate.c_str(), X_OK) == 0;
    };
    if (name.empty()) {
        return std::nullopt;
    }
    if (name.find('/') != std::string::npos) {
        return executable(name) ? std::optional<std::filesystem::path>(name) : std::nullopt;
    }
    std::size_t begin = 0;
    while (begin <= search_path.size()) {
        std::size_t end = search_path.find(':', begin);
        if (end == std::string::npos) {
            end = search_path.size();
        }
        const std::string directory = search_path.substr(begin, end - begin);
        const std::filesystem::path candidate = std::filesystem::path(directory.empty() ? "." : directory) / name;
        if (executable(candidate)) {
            return candidate;
        }
        begin = end + 1;
    }
    return std::nullopt;
}

std::expected<ProcessResult, std::string> run_process(const ProcessOptions& options) {
    const Clock::time_point start = Clock::now();
    const auto timeout = std::chrono::duration_cast<Clock::duration>(
        std::chrono::duration<double>(std::max(0.0, options.timeout_s)));
    const Clock::time_point deadline = start + timeout;

    SigpipeBlock sigpipe;  // before the child exists: it may exit before we write
    std::expected<detail::SpawnedChild, std::string> spawned = detail::spawn_child(options);
    if (!spawned) {
        return std::unexpected(spawned.error());
    }
    detail::SpawnedChild& child = *spawned;
    ProcessResult result;
    std::size_t written = 0;
    if (options.stdin_data.empty()) {
        child.stdin_fd.reset();
    }
    bool reaped = false;
    bool killed = false;
    int status = 0;
    Clock::time_point stop_reading = deadline;

    while (child.stdout_fd.valid() || child.stderr_fd.valid() || !reaped) {
        const Clock::time_point now = Clock::now();
        if (!killed && now >= deadline) {
            kill(-child.pid, SIGKILL);
            kill(child.pid, SIGKILL);  // in case it left its group
            killed = true;
            result.timed_out = true;
            child.stdin_fd.reset();
            stop_reading = now + k_kill_grace;
        }
        if (killed && now >= stop_reading) {
            break;  // an escaped grandchild still holds a pipe
        }
        int timeout_ms = poll_timeout_ms(now, stop_reading);
        std::vector<pollfd> fds;
        if (child.stdin_fd.valid()) {
            fds.push_back({child.stdin_fd.get(), POLLOUT, 0});
        }
        for (const detail::UniqueFd* fd : {&child.stdout_fd, &child.stderr_fd}) {
            if (fd->valid()) {
                fds.push_back({fd->get(), POLLIN, 0});
            }
        }
        if (!reaped && child.pid_fd.valid()) {
            fds.push_back({child.pid_fd.get(), POLLIN, 0});
        } else if (!reaped) {
            timeout_ms = std::min(timeout_ms, k_reap_poll_ms);
        }
        if (poll(fds.data(), fds.size(), timeout_ms) < 0 && errno != EINTR) {
            break;  // cannot happen with valid descriptors; do not spin
        }
        feed(child.stdin_fd, options.stdin_data, written, sigpipe);
        drain(child.stdout_fd, result.stdout_data, options.max_output_bytes, result.output_truncated);
        drain(child.stderr_fd, result.stderr_data, options.max_output_bytes, result.output_truncated);
        if (!reaped) {
            const pid_t done = waitpid(child.pid, &status, WNOHANG);
            if (done == child.pid) {
                reaped = true;
                decode_status(status, result);
            } else if (done < 0 && errno == ECHILD) {
                reaped = true;  // reaped elsewhere (SIGCHLD ignored): the status is unknown
            }
        }
    }
    if (!reaped) {
        kill(-child.pid, SIGKILL);
        kill(child.pid, SIGKILL);
        while (waitpid(child.pid, &status, 0) < 0 && errno == EINTR) {
        }
        decode_status(status, result);
    }
    result.elapsed_ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
    return result;
}

}  // namespace evalbench

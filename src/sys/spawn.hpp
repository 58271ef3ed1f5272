#pragma once
// Private to sys: starting a child with three pipes in its own process
// group. process.cpp drives the pipes; this file only knows fork and exec.

#include <sys/types.h>

#include <expected>
#include <string>

#include "evalbench/sys/process.hpp"

namespace evalbench::detail {

// A file descriptor closed on destruction.
class UniqueFd {
public:
    UniqueFd() = default;
    explicit UniqueFd(int fd) : m_fd(fd) {}
    ~UniqueFd() { reset(); }
    UniqueFd(UniqueFd&& other) noexcept : m_fd(other.release()) {}
    UniqueFd& operator=(UniqueFd&& other) noexcept {
        if (this != &other) {
            reset(other.release());
        }
        return *this;
    }
    UniqueFd(const UniqueFd&) = delete;
    UniqueFd& operator=(const UniqueFd&) = delete;

    int get() const { return m_fd; }
    bool valid() const { return m_fd >= 0; }
    int release() {
        const int fd = m_fd;
        m_fd = -1;
        return fd;
    }
    void reset(int fd = -1);

private:
    int m_fd = -1;
};

// The parent's ends of a started child: non-blocking, close-on-exec.
struct SpawnedChild {
    pid_t pid = -1;  // also the process group id
    UniqueFd stdin_fd;
    UniqueFd stdout_fd;
    UniqueFd stderr_fd;
    UniqueFd pid_fd;  // pidfd_open of the child; invalid on kernels without it
};

// Forks and execs `options.argv` with its environment, working directory
// and resource limits. The error names the program when it cannot start.
std::expected<SpawnedChild, std::string> spawn_child(const ProcessOptions& options);

}  // namespace evalbench::detail

#pragma once
// RAII fixture for tests/servers/fake_llm_server.py: starts it with python3,
// reads the port it chose from its first stdout line, and kills it on
// destruction. The control endpoints (/_requests, /_script, /_reset) are
// reached over a tiny blocking HTTP/1.0 client, so this header depends on
// nothing but POSIX and nlohmann::json.
//
//   evalbench::test::FakeServer server;             // or FakeServer({"--latency-ms", "100"})
//   server.script({{"status", 429}, {"retry_after", "2"}});
//   ... point a provider at server.base_url() ...
//   Json sent = server.requests();                  // [{method, path, headers, body}]

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "evalbench/core/json.hpp"

namespace evalbench::test {

class FakeServer {
public:
    explicit FakeServer(std::vector<std::string> extra_args = {}) {
        int out[2];
        if (pipe(out) != 0) {
            throw std::runtime_error("fake server: pipe failed");
        }
        std::vector<std::string> args = {"python3", EVALBENCH_TEST_SERVER};
        args.insert(args.end(), extra_args.begin(), extra_args.end());
        std::vector<char*> argv;
        for (std::string& arg : args) {
            argv.push_back(arg.data());
        }
        argv.push_back(nullptr);
        m_pid = fork();
        if (m_pid < 0) {
            throw std::runtime_error("fake server: fork failed");
        }
        if (m_pid == 0) {
            // Child: dies with the test process, even when that one crashes.
            prctl(PR_SET_PDEATHSIG, SIGKILL);
            dup2(out[1], STDOUT_FILENO);
            close(out[0]);
            close(out[1]);
            execvp("python3", argv.data());
            _exit(127);
        }
        close(out[1]);
        m_port = read_port(out[0]);
        close(out[0]);
        if (m_port <= 0) {
            stop();
            throw std::runtime_error("fake server: no PORT line from " EVALBENCH_TEST_SERVER);
        }
    }

    ~FakeServer() { stop(); }
    FakeServer(const FakeServer&) = delete;
    FakeServer& operator=(const FakeServer&) = delete;

    int port() const { return m_port; }
    // "http://127.0.0.1:<port>" + suffix, e.g. base_url("/v1") for OpenAI.
    std::string base_url(const std::string& suffix = "") const {
        return "http://127.0.0.1:" + std::to_string(m_port) + suffix;
    }

    // Queues behaviours (an object or an array of them) for the next answers.
    void script(const Json& behaviours) { request("POST", "/_script", behaviours.dump()); }
    void reset() { request("POST", "/_reset", ""); }
    // Every model request received so far, oldest first.
    Json requests() const { return Json::parse(request("GET", "/_requests", "")); }
    Json last_request() const {
        Json all = requests();
        if (all.empty()) {
            throw std::runtime_error("fake server: no request received");
        }
        return all.back();
    }

    // A blocking HTTP/1.0 exchange; returns the body of the answer.
    std::string request(const std::string& method, const std::string& path, const std::string& body) const {
        const int fd = socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(static_cast<uint16_t>(m_port));
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (fd < 0 || connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0) {
            if (fd >= 0) {
                close(fd);
            }
            throw std::runtime_error("fake server: cannot connect");
        }
        const std::string message = method + " " + path + " HTTP/1.0\r\nHost: 127.0.0.1\r\nContent-Length: " +
                                    std::to_string(body.size()) + "\r\n\r\n" + body;
        std::size_t sent = 0;
        while (sent < message.size()) {
            const ssize_t n = ::send(fd, message.data() + sent, message.size() - sent, MSG_NOSIGNAL);
            if (n <= 0) {
                close(fd);
                throw std::runtime_error("fake server: send failed");
            }
            sent += static_cast<std::size_t>(n);
        }
        std::string answer;
        char buffer[65536];
        ssize_t n = 0;
        while ((n = ::recv(fd, buffer, sizeof(buffer), 0)) > 0) {
            answer.append(buffer, static_cast<std::size_t>(n));
        }
        close(fd);
        const std::size_t split = answer.find("\r\n\r\n");
        return split == std::string::npos ? std::string() : answer.substr(split + 4);
    }

private:
    static int read_port(int fd) {
        std::string line;
        char c = 0;
        pollfd waiter{fd, POLLIN, 0};
        while (line.find('\n') == std::string::npos) {
            if (poll(&waiter, 1, 15000) <= 0 || read(fd, &c, 1) != 1) {
                return -1;
            }
            line += c;
        }
        if (!line.starts_with("PORT ")) {
            return -1;
        }
        return std::atoi(line.c_str() + 5);
    }

    void stop() {
        if (m_pid > 0) {
            kill(m_pid, SIGTERM);
            int status = 0;
            waitpid(m_pid, &status, 0);
            m_pid = -1;
        }
    }

    pid_t m_pid = -1;
    int m_port = 0;
};

}  // namespace evalbench::test

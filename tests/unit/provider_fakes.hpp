#pragma once
// Test doubles for the provider stack: a Provider that plays back a script of
// results and records every request it received.

#include <deque>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "evalbench/providers/provider.hpp"

namespace evalbench::test {

inline ProviderError make_error(ErrorKind kind, int status = 0, std::optional<double> retry_after_s = {}) {
    ProviderError error;
    error.kind = kind;
    error.http_status = status;
    error.message = "scripted " + to_string(kind);
    error.retry_after_s = retry_after_s;
    return error;
}

inline Completion make_completion(std::string content) {
    Completion completion;
    completion.content = std::move(content);
    completion.finish_raw = "stop";
    completion.latency_ms = 12.5;
    return completion;
}

inline Request make_request(std::string prompt, int repeat = 0) {
    Request request;
    request.messages.push_back({"user", std::move(prompt)});
    request.repeat = repeat;
    return request;
}

// Shared state outlives the provider (the stack owns the provider itself).
struct Script {
    std::mutex mutex;
    std::deque<ProviderResult> results;
    std::vector<Request> requests;

    std::size_t calls() {
        std::lock_guard lock(mutex);
        return requests.size();
    }
};

class ScriptedProvider final : public Provider {
public:
    explicit ScriptedProvider(std::shared_ptr<Script> script) : m_script(std::move(script)) {}

    // When the script runs out, answers "default answer".
    ProviderResult complete(const Request& request) override {
        std::lock_guard lock(m_script->mutex);
        m_script->requests.push_back(request);
        if (m_script->results.empty()) {
            return make_completion("default answer");
        }
        ProviderResult result = std::move(m_script->results.front());
        m_script->results.pop_front();
        return result;
    }

private:
    std::shared_ptr<Script> m_script;
};

}  // namespace evalbench::test

// The built-in `mock` provider: the offline default, so a manifest runs with
// no key and no network. Two behaviours, chosen by the model entry's `model`:
//   scripted (default) - the case's `mock:` answer when it has one, else the
//                        derived answer below;
//   echo               - always the derived answer.
// The derived answer is a pure function of the prompt (and repeat), so runs
// are reproducible. Every completion is marked `mock` and reports say so.

#include <chrono>
#include <thread>

#include <fmt/format.h>

#include "evalbench/core/hash.hpp"
#include "evalbench/providers/adapters.hpp"

namespace evalbench {
namespace {

enum class MockBehaviour { scripted, echo };

std::string last_user_message(const Request& request) {
    for (auto message = request.messages.rbegin(); message != request.messages.rend(); ++message) {
        if (message->role == "user") {
            return message->content;
        }
    }
    return "";
}

// Rough token estimate (4 characters per token) so pricing and throughput
// figures have something plausible to show; labelled as mock everywhere.
std::int64_t estimate_tokens(std::size_t characters) {
    return static_cast<std::int64_t>((characters + 3) / 4);
}

std::string derived_answer(const Request& request) {
    const std::string prompt = last_user_message(request);
    const std::string digest = sha256_hex(prompt + "#" + std::to_string(request.repeat)).substr(0, 8);
    return fmt::format("Mock answer {} (no model was called). You asked: {}", digest, prompt);
}

class MockProvider final : public Provider {
public:
    explicit MockProvider(MockBehaviour behaviour) : m_behaviour(behaviour) {}

    ProviderResult complete(const Request& request) override {
        const auto start = std::chrono::steady_clock::now();
        Completion completion;
        completion.mock = true;
        completion.served_model = m_behaviour == MockBehaviour::echo ? "mock-echo" : "mock-scripted";
        const MockSpec* script =
            (m_behaviour == MockBehaviour::scripted && request.mock) ? &*request.mock : nullptr;
        if (script != nullptr && script->error) {
            return std::unexpected(ProviderError{ErrorKind::server, 500, "mock error: " + *script->error, 1, {}});
        }
        completion.content = (script != nullptr && script->response) ? *script->response : derived_answer(request);
        completion.refusal = script != nullptr ? script->refusal : std::nullopt;
        completion.finish_raw = (script != nullptr && script->finish_reason) ? *script->finish_reason : "stop";
        completion.finish = finish_reason_from_string(completion.finish_raw).value_or(FinishReason::stop);
        if (script != nullptr) {
            for (const Json& call : script->tool_calls) {
                completion.tool_calls.push_back(
                    tool_call_from_json(call, fmt::format("call_{}", completion.tool_calls.size())));
            }
        }
        std::size_t prompt_characters = 0;
        for (const Message& message : request.messages) {
            prompt_characters += message.content.size();
        }
        completion.usage = {estimate_tokens(prompt_characters), estimate_tokens(completion.content.size()), 0, true};
        if (script != nullptr && script->latency_ms && *script->latency_ms > 0) {
            // Real time passes so that concurrency and progress behave as with a model.
            std::this_thread::sleep_for(std::chrono::milliseconds(*script->latency_ms));
        }
        completion.latency_ms =
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
        return completion;
    }

private:
    MockBehaviour m_behaviour;
};

}  // namespace

std::unique_ptr<Provider> make_mock_provider(const ModelSpec& model) {
    if (model.model == "scripted" || model.model.empty()) {
        return std::make_unique<MockProvider>(MockBehaviour::scripted);
    }
    if (model.model == "echo") {
        return std::make_unique<MockProvider>(MockBehaviour::echo);
    }
    throw_bad_input(model.where, fmt::format("mock model '{}' is unknown: use 'scripted' (the case's mock answer, "
                                             "else one derived from the prompt) or 'echo' (always derived)",
                                             model.model));
}

}  // namespace evalbench

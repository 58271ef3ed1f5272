#pragma once
// What is sent to a provider and what comes back.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "evalbench/core/json.hpp"
#include "evalbench/core/test_case.hpp"

namespace evalbench {

struct Request {
    std::vector<Message> messages;  // system (if any) first, then the conversation
    Json params = Json::object();   // provider parameters (temperature, max_tokens, ...)
    Json tools;                     // null or array of {name, description, parameters}
    Json tool_choice;
    bool stream = false;
    int repeat = 0;
    double timeout_s = 60.0;
    std::optional<MockSpec> mock;  // only the mock provider reads it
};

// Normalised across providers; the raw value is kept beside it.
enum class FinishReason { stop, length, content_filter, refusal, tool_calls, error };
std::string to_string(FinishReason reason);
std::optional<FinishReason> finish_reason_from_string(const std::string& text);

struct Usage {
    std::int64_t input_tokens = 0;
    std::int64_t output_tokens = 0;     // billed output, reasoning included
    std::int64_t reasoning_tokens = 0;  // part of output_tokens
    bool reported = false;              // the provider sent usage at all
};

struct Completion {
    std::string content;
    std::optional<std::string> refusal;  // provider refusal field (OpenAI `refusal`)
    FinishReason finish = FinishReason::stop;
    std::string finish_raw;
    std::vector<ToolCall> tool_calls;
    Usage usage;
    std::string served_model;
    std::string fingerprint;
    double latency_ms = 0.0;            // final attempt, request to last byte
    std::optional<double> ttft_ms;      // streaming only: first non-empty text delta
    int attempts = 1;
    double queue_ms = 0.0;              // waiting for a slot or rate limit
    double backoff_ms = 0.0;            // sleeping between attempts
    bool cached = false;
    bool mock = false;                  // the built-in mock stood in for a model
};

// Empty content, no tool call, cut off by the token limit: the reasoning-model
// failure mode where all budget went to hidden reasoning.
bool is_silent_refusal(const Completion& completion);

}  // namespace evalbench

#include "evalbench/core/completion.hpp"

namespace evalbench {

std::string to_string(FinishReason reason) {
    switch (reason) {
        case FinishReason::stop: return "stop";
        case FinishReason::length: return "length";
        case FinishReason::content_filter: return "content_filter";
        case FinishReason::refusal: return "refusal";
        case FinishReason::tool_calls: return "tool_calls";
        case FinishReason::error: return "error";
    }
    return "error";
}

std::optional<FinishReason> finish_reason_from_string(const std::string& text) {
    for (FinishReason reason : {FinishReason::stop, FinishReason::length, FinishReason::content_filter,
                                FinishReason::refusal, FinishReason::tool_calls, FinishReason::error}) {
        if (to_string(reason) == text) {
            return reason;
        }
    }
    return std::nullopt;
}

bool is_silent_refusal(const Completion& completion) {
    return completion.finish == FinishReason::length && completion.tool_calls.empty() &&
           completion.content.find_first_not_of(" \t\r\n") == std::string::npos;
}

}  // namespace evalbench

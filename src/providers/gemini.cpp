// The Gemini generateContent adapter.
//
// Request: POST {base}/v1beta/models/{model}:generateContent (streaming:
// :streamGenerateContent?alt=sse) with `x-goog-api-key`. Messages become
// `contents` with roles user and model; system messages become
// `systemInstruction`. Params are translated into `generationConfig`
// (gemini_wire.cpp); tools become one `functionDeclarations` entry and
// tool_choice a `toolConfig.functionCallingConfig` mode.
// Answer: text parts (thought summaries skipped) are the content,
// functionCall parts the tool calls; `usageMetadata.thoughtsTokenCount` is
// billed as output but reported apart, so it is added to the output tokens.
// A prompt blocked by safety comes back with no candidates and
// `promptFeedback.blockReason`: that is a content_filter answer, not an error.

#include "gemini_wire.hpp"

namespace evalbench {

namespace {

constexpr const char* k_default_base = "https://generativelanguage.googleapis.com";

}  // namespace

std::string gemini_url(const std::string& base_url, std::string model, bool stream) {
    if (model.starts_with("models/")) {
        model.erase(0, 7);
    }
    // A base that already names the API version ("https://host/v1beta") is used as is.
    const bool versioned = base_url.ends_with("/v1beta") || base_url.ends_with("/v1");
    const std::string method = stream ? ":streamGenerateContent?alt=sse" : ":generateContent";
    return join_url(base_url, (versioned ? "models/" : "v1beta/models/") + model + method);
}

FinishReason gemini_finish(const std::string& raw) {
    if (raw == "STOP") {
        return FinishReason::stop;
    }
    if (raw == "MAX_TOKENS") {
        return FinishReason::length;
    }
    for (const char* filtered : {"SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII",
                                 "IMAGE_SAFETY", "IMAGE_PROHIBITED_CONTENT", "IMAGE_RECITATION"}) {
        if (raw == filtered) {
            return FinishReason::content_filter;
        }
    }
    return FinishReason::error;  // MALFORMED_FUNCTION_CALL, OTHER, LANGUAGE, unknown
}

Usage gemini_usage(const Json& metadata) {
    Usage usage;
    if (!metadata.is_object()) {
        return usage;
    }
    usage.reported = true;
    usage.input_tokens = json_int(metadata, "promptTokenCount") + json_int(metadata, "toolUsePromptTokenCount");
    usage.reasoning_tokens = json_int(metadata, "thoughtsTokenCount");
    usage.output_tokens = json_int(metadata, "candidatesTokenCount") + usage.reasoning_tokens;
    return usage;
}

void take_gemini_parts(Completion& completion, const Json& candidate, double elapsed_ms) {
    const Json& content = candidate.value("content", Json::object());
    for (const Json& part : content.value("parts", Json::array())) {
        if (part.value("thought", false)) {
            continue;  // a thought summary, not the answer
        }
        if (part.contains("text")) {
            append_text(completion, json_string(part, "text"), elapsed_ms);
        } else if (part.contains("functionCall")) {
            const Json& call = part["functionCall"];
            completion.tool_calls.push_back({json_string(call, "id"), json_string(call, "name"),
                                             call.value("args", Json::object()).dump()});
        }
    }
}

void set_gemini_finish(Completion& completion, const std::string& raw) {
    completion.finish_raw = raw;
    completion.finish = gemini_finish(raw);
    // Gemini ends a function-calling turn with STOP; the calls are the answer.
    if (completion.finish == FinishReason::stop && !completion.tool_calls.empty()) {
        completion.finish = FinishReason::tool_calls;
    }
}

std::optional<std::string> gemini_block_reason(const Json& body) {
    const Json& feedback = body.value("promptFeedback", Json::object());
    const std::string reason = json_string(feedback, "blockReason");
    return reason.empty() ? std::nullopt : std::optional<std::string>(reason);
}

std::expected<Completion, ProviderError> parse_gemini_response(const Json& body, const Endpoint& endpoint) {
    Completion completion;
    completion.served_model = json_string(body, "modelVersion");
    completion.usage = gemini_usage(body.value("usageMetadata", Json()));
    const Json& candidates = body.value("candidates", Json::array());
    if (!candidates.is_array() || candidates.empty()) {
        if (const auto blocked = gemini_block_reason(body)) {
            completion.finish = FinishReason::content_filter;
            completion.finish_raw = *blocked;
            return completion;
        }
        const std::string why = body.contains("error") ? error_text(body.dump()) : "no `candidates` in the answer";
        return std::unexpected(protocol_error(endpoint, why));
    }
    take_gemini_parts(completion, candidates.front(), 0.0);
    completion.ttft_ms.reset();  // only streams have a time to first token
    set_gemini_finish(completion, json_string(candidates.front(), "finishReason"));
    return completion;
}

std::unique_ptr<Provider> make_gemini_provider(const ModelSpec& model, Credentials credentials,
                                               std::shared_ptr<HttpClient> http) {
    ApiDialect dialect;
    dialect.provider = "gemini";
    dialect.default_base = k_default_base;
    dialect.build = [](const Endpoint& endpoint, const ModelSpec& spec, const Request& request) {
        HttpRequest post = json_post(gemini_url(endpoint.base_url, spec.model, request.stream),
                                     gemini_request_body(request), request.timeout_s);
        if (!endpoint.credentials.api_key.empty()) {
            post.headers.push_back({"x-goog-api-key", endpoint.credentials.api_key});
        }
        return post;
    };
    dialect.parse = parse_gemini_response;
    dialect.stream_decoder = make_gemini_stream_decoder;
    return make_http_api_provider(std::move(dialect), model, std::move(credentials), std::move(http));
}

}  // namespace evalbench

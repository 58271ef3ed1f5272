// The OpenAI chat/completions adapter, also used for every OpenAI-compatible
// server (Ollama, vLLM, llama.cpp, OpenRouter, LiteLLM) through `base_url`.
//
// Request: POST {base_url}/chat/completions with `Authorization: Bearer`
// (omitted when there is no key, as local servers need none), the model's
// params passed through untouched (temperature, max_tokens or
// max_completion_tokens, reasoning_effort, response_format, seed, ...),
// tools as {type: function, function}, and for streaming
// `stream_options.include_usage`, without which usage is never sent.
// Answer: content, `refusal`, tool_calls, finish_reason, usage (reasoning
// tokens are already inside completion_tokens), the model that answered and
// system_fingerprint.

#include "openai_wire.hpp"

namespace evalbench {

namespace {

constexpr const char* k_default_base = "https://api.openai.com/v1";

Json openai_tool_choice(const Json& choice) {
    if (const auto name = forced_tool_name(choice)) {
        return Json{{"type", "function"}, {"function", {{"name", *name}}}};
    }
    return choice;
}

}  // namespace

FinishReason openai_finish(const std::string& raw) {
    if (raw == "stop" || raw.empty()) {
        return FinishReason::stop;
    }
    if (raw == "length") {
        return FinishReason::length;
    }
    if (raw == "content_filter") {
        return FinishReason::content_filter;
    }
    if (raw == "tool_calls" || raw == "function_call") {
        return FinishReason::tool_calls;
    }
    return FinishReason::error;
}

Usage openai_usage(const Json& usage) {
    Usage result;
    if (!usage.is_object()) {
        return result;
    }
    result.reported = true;
    result.input_tokens = json_int(usage, "prompt_tokens");
    result.output_tokens = json_int(usage, "completion_tokens");
    if (usage.contains("completion_tokens_details")) {
        result.reasoning_tokens = json_int(usage["completion_tokens_details"], "reasoning_tokens");
    }
    return result;
}

Json openai_request_body(const ModelSpec& model, const Request& request) {
    Json body = Json::object();
    body["model"] = model.model;
    Json messages = Json::array();
    for (const Message& message : request.messages) {
        Json entry{{"role", message.role}, {"content", message.content}};
        if (!message.tool_calls.empty()) {
            Json calls = Json::array();
            for (const ToolCall& call : message.tool_calls) {
                calls.push_back({{"id", call.id},
                                 {"type", "function"},
                                 {"function", {{"name", call.name}, {"arguments", call.arguments}}}});
            }
            entry["tool_calls"] = std::move(calls);
            if (message.content.empty()) {
                entry["content"] = nullptr;  // the API's spelling of "no text, only calls"
            }
        }
        if (message.role == "tool") {
            entry["tool_call_id"] = message.tool_call_id;
        }
        messages.push_back(std::move(entry));
    }
    body["messages"] = std::move(messages);
    for (const auto& [key, value] : request.params.items()) {
        if (key != "model" && key != "messages" && key != "stream") {
            body[key] = value;
        }
    }
    if (request.tools.is_array() && !request.tools.empty()) {
        Json tools = Json::array();
        for (const Json& tool : request.tools) {
            tools.push_back(Json{{"type", "function"}, {"function", tool_function(tool)}});
        }
        body["tools"] = std::move(tools);
    }
    if (!request.tool_choice.is_null()) {
        body["tool_choice"] = openai_tool_choice(request.tool_choice);
    }
    if (request.stream) {
        body["stream"] = true;
        Json options = body.value("stream_options", Json::object());
        options["include_usage"] = true;
        body["stream_options"] = std::move(options);
    }
    return body;
}

std::expected<Completion, ProviderError> parse_openai_response(const Json& body, const Endpoint& endpoint) {
    const auto choices = body.find("choices");
    if (choices == body.end() || !choices->is_array() || choices->empty()) {
        const std::string why = body.contains("error") ? error_text(body.dump()) : "no `choices` in the answer";
        return std::unexpected(protocol_error(endpoint, why));
    }
    const Json& choice = choices->front();
    const Json& message = choice.at("message");
    Completion completion;
    completion.content = json_string(message, "content");
    const std::string refusal = json_string(message, "refusal");
    if (!refusal.empty()) {
        completion.refusal = refusal;
    }
    for (const Json& call : message.value("tool_calls", Json::array())) {
        const Json& function = call.at("function");
        const Json& arguments = function.value("arguments", Json(""));
        completion.tool_calls.push_back(
            {json_string(call, "id"), json_string(function, "name"),
             arguments.is_string() ? arguments.get<std::string>() : arguments.dump()});
    }
    completion.finish_raw = json_string(choice, "finish_reason");
    completion.finish = completion.refusal ? FinishReason::refusal : openai_finish(completion.finish_raw);
    completion.usage = openai_usage(body.value("usage", Json()));
    completion.served_model = json_string(body, "model");
    completion.fingerprint = json_string(body, "system_fingerprint");
    return completion;
}

std::unique_ptr<Provider> make_openai_provider(const ModelSpec& model, Credentials credentials,
                                               std::shared_ptr<HttpClient> http) {
    ApiDialect dialect;
    dialect.provider = "openai";
    dialect.default_base = k_default_base;
    dialect.build = [](const Endpoint& endpoint, const ModelSpec& spec, const Request& request) {
        HttpRequest post = json_post(join_url(endpoint.base_url, "chat/completions"),
                                     openai_request_body(spec, request), request.timeout_s);
        if (!endpoint.credentials.api_key.empty()) {
            post.headers.push_back({"Authorization", "Bearer " + endpoint.credentials.api_key});
        }
        return post;
    };
    dialect.parse = parse_openai_response;
    dialect.stream_decoder = make_openai_stream_decoder;
    return make_http_api_provider(std::move(dialect), model, std::move(credentials), std::move(http));
}

}  // namespace evalbench

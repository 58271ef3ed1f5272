// The Anthropic Messages adapter.
//
// Request: POST {base_url}/v1/messages with `x-api-key` and
// `anthropic-version: 2023-06-01`. System messages move to the top-level
// `system` field; `max_tokens` is required by the API, so it comes from the
// params (`max_tokens`, or `max_completion_tokens` written for OpenAI) or
// defaults to 4096. The other params pass through, except OpenAI's `stop`,
// which becomes `stop_sequences`. Tools are {name, description,
// input_schema}; tool_choice auto/required/none/{name} become
// {type: auto|any|none|tool}.
// Answer: text blocks are the content, tool_use blocks the tool calls,
// thinking blocks are skipped; stop_reason is normalised; usage counts cache
// reads and writes as input (they are input tokens, billed at other rates).

#include "anthropic_wire.hpp"

namespace evalbench {

namespace {

constexpr const char* k_default_base = "https://api.anthropic.com";
constexpr const char* k_api_version = "2023-06-01";
constexpr int k_default_max_tokens = 4096;

Json anthropic_tool_choice(const Json& choice) {
    if (const auto name = forced_tool_name(choice)) {
        return Json{{"type", "tool"}, {"name", *name}};
    }
    if (choice.is_string()) {
        const std::string mode = choice.get<std::string>();
        return Json{{"type", mode == "required" ? "any" : mode}};
    }
    return choice;
}

}  // namespace

FinishReason anthropic_finish(const std::string& raw) {
    if (raw == "end_turn" || raw == "stop_sequence" || raw == "pause_turn") {
        return FinishReason::stop;
    }
    if (raw == "max_tokens" || raw == "model_context_window_exceeded") {
        return FinishReason::length;
    }
    if (raw == "refusal") {
        return FinishReason::refusal;
    }
    if (raw == "tool_use") {
        return FinishReason::tool_calls;
    }
    return FinishReason::error;
}

std::int64_t anthropic_input_tokens(const Json& usage) {
    return json_int(usage, "input_tokens") + json_int(usage, "cache_creation_input_tokens") +
           json_int(usage, "cache_read_input_tokens");
}

Json anthropic_request_body(const ModelSpec& model, const Request& request) {
    Json body = Json::object();
    body["model"] = model.model;
    const Json& params = request.params;
    body["max_tokens"] = params.contains("max_tokens")              ? params["max_tokens"]
                         : params.contains("max_completion_tokens") ? params["max_completion_tokens"]
                                                                    : Json(k_default_max_tokens);
    const std::string system = system_text(request);
    if (!system.empty()) {
        body["system"] = system;
    }
    Json messages = Json::array();
    for (const Message& message : request.messages) {
        if (message.role == "system") {
            continue;
        }
        if (message.role == "tool") {
            // A tool result is a user turn holding a tool_result block; results
            // of one assistant turn's calls go together in one user turn.
            Json result{{"type", "tool_result"}, {"tool_use_id", message.tool_call_id}, {"content", message.content}};
            if (!messages.empty() && messages.back()["role"] == "user" && messages.back()["content"].is_array()) {
                messages.back()["content"].push_back(std::move(result));
            } else {
                messages.push_back(Json{{"role", "user"}, {"content", Json::array({std::move(result)})}});
            }
            continue;
        }
        if (!message.tool_calls.empty()) {
            Json blocks = Json::array();
            if (!message.content.empty()) {
                blocks.push_back({{"type", "text"}, {"text", message.content}});
            }
            for (const ToolCall& call : message.tool_calls) {
                Json input = Json::parse(call.arguments, nullptr, false);
                blocks.push_back({{"type", "tool_use"},
                                  {"id", call.id},
                                  {"name", call.name},
                                  {"input", input.is_object() ? input : Json::object()}});
            }
            messages.push_back(Json{{"role", "assistant"}, {"content", std::move(blocks)}});
            continue;
        }
        const std::string role = message.role == "assistant" ? "assistant" : "user";
        messages.push_back(Json{{"role", role}, {"content", message.content}});
    }
    body["messages"] = std::move(messages);
    for (const auto& [key, value] : params.items()) {
        if (key == "stop") {
            body["stop_sequences"] = value.is_array() ? value : Json::array({value});
        } else if (key != "max_tokens" && key != "max_completion_tokens" && key != "model" &&
                   key != "messages" && key != "stream") {
            body[key] = value;
        }
    }
    if (request.tools.is_array() && !request.tools.empty()) {
        Json tools = Json::array();
        for (const Json& tool : request.tools) {
            const Json function = tool_function(tool);
            Json entry{{"name", function["name"]}};
            if (function.contains("description")) {
                entry["description"] = function["description"];
            }
            entry["input_schema"] = function["parameters"];
            tools.push_back(std::move(entry));
        }
        body["tools"] = std::move(tools);
    }
    if (!request.tool_choice.is_null()) {
        body["tool_choice"] = anthropic_tool_choice(request.tool_choice);
    }
    if (request.stream) {
        body["stream"] = true;
    }
    return body;
}

std::expected<Completion, ProviderError> parse_anthropic_response(const Json& body, const Endpoint& endpoint) {
    if (json_string(body, "type") == "error" || !body.contains("content")) {
        const std::string why = body.contains("error") ? error_text(body.dump()) : "no `content` in the answer";
        return std::unexpected(protocol_error(endpoint, why));
    }
    Completion completion;
    for (const Json& block : body.at("content")) {
        const std::string type = json_string(block, "type");
        if (type == "text") {
            completion.content += json_string(block, "text");
        } else if (type == "tool_use") {
            completion.tool_calls.push_back({json_string(block, "id"), json_string(block, "name"),
                                             block.value("input", Json::object()).dump()});
        }
    }
    completion.finish_raw = json_string(body, "stop_reason");
    completion.finish = anthropic_finish(completion.finish_raw);
    if (body.contains("usage") && body["usage"].is_object()) {
        completion.usage.reported = true;
        completion.usage.input_tokens = anthropic_input_tokens(body["usage"]);
        completion.usage.output_tokens = json_int(body["usage"], "output_tokens");
    }
    completion.served_model = json_string(body, "model");
    return completion;
}

std::unique_ptr<Provider> make_anthropic_provider(const ModelSpec& model, Credentials credentials,
                                                  std::shared_ptr<HttpClient> http) {
    ApiDialect dialect;
    dialect.provider = "anthropic";
    dialect.default_base = k_default_base;
    dialect.build = [](const Endpoint& endpoint, const ModelSpec& spec, const Request& request) {
        HttpRequest post = json_post(join_url(endpoint.base_url, "v1/messages"), anthropic_request_body(spec, request),
                                     request.timeout_s);
        if (!endpoint.credentials.api_key.empty()) {
            post.headers.push_back({"x-api-key", endpoint.credentials.api_key});
        }
        post.headers.push_back({"anthropic-version", k_api_version});
        return post;
    };
    dialect.parse = parse_anthropic_response;
    dialect.stream_decoder = make_anthropic_stream_decoder;
    return make_http_api_provider(std::move(dialect), model, std::move(credentials), std::move(http));
}

}  // namespace evalbench

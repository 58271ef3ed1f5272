// Building a Gemini generateContent body from a provider-neutral Request.
//
// Manifests tend to write OpenAI-style params for every model, so the
// common ones are translated into `generationConfig`:
//   temperature, top_p, top_k, seed, presence_penalty, frequency_penalty,
//   max_tokens / max_completion_tokens / max_output_tokens -> maxOutputTokens,
//   stop -> stopSequences, n / candidate_count -> candidateCount,
//   response_format {type: json_object | json_schema} -> responseMimeType
//   (+ responseJsonSchema), thinking_budget / reasoning_effort -> thinkingConfig.
// `generationConfig` given as an object is merged in; `safetySettings`,
// `cachedContent`, `labels` and `toolConfig` go to the top level; any other
// key is copied into generationConfig unchanged (so Gemini's own camelCase
// names work too).

#include <map>

#include "gemini_wire.hpp"

namespace evalbench {

namespace {

const std::map<std::string, std::string>& renamed_params() {
    static const std::map<std::string, std::string> names = {
        {"temperature", "temperature"},
        {"top_p", "topP"},
        {"top_k", "topK"},
        {"seed", "seed"},
        {"presence_penalty", "presencePenalty"},
        {"frequency_penalty", "frequencyPenalty"},
        {"max_tokens", "maxOutputTokens"},
        {"max_completion_tokens", "maxOutputTokens"},
        {"max_output_tokens", "maxOutputTokens"},
        {"n", "candidateCount"},
        {"candidate_count", "candidateCount"},
        {"response_mime_type", "responseMimeType"},
        {"response_schema", "responseSchema"},
    };
    return names;
}

// Thinking budgets Google documents for its OpenAI-compatible reasoning_effort.
std::optional<int> thinking_budget_for(const std::string& effort) {
    if (effort == "none") {
        return 0;
    }
    if (effort == "minimal" || effort == "low") {
        return 1024;
    }
    if (effort == "medium") {
        return 8192;
    }
    if (effort == "high") {
        return 24576;
    }
    return std::nullopt;
}

void translate_param(const std::string& key, const Json& value, Json& config, Json& body) {
    const auto& names = renamed_params();
    if (const auto renamed = names.find(key); renamed != names.end()) {
        config[renamed->second] = value;
    } else if (key == "stop") {
        config["stopSequences"] = value.is_array() ? value : Json::array({value});
    } else if (key == "response_format" && value.is_object()) {
        const std::string type = json_string(value, "type");
        if (type == "json_object" || type == "json_schema") {
            config["responseMimeType"] = "application/json";
        }
        if (type == "json_schema" && value.contains("json_schema")) {
            config["responseJsonSchema"] = value["json_schema"].value("schema", Json::object());
        }
    } else if (key == "thinking_budget") {
        config["thinkingConfig"]["thinkingBudget"] = value;
    } else if (key == "reasoning_effort" && value.is_string()) {
        if (const auto budget = thinking_budget_for(value.get<std::string>())) {
            config["thinkingConfig"]["thinkingBudget"] = *budget;
        }
    } else if (key == "generationConfig" && value.is_object()) {
        config.update(value);
    } else if (key == "safetySettings" || key == "cachedContent" || key == "labels" || key == "toolConfig") {
        body[key] = value;
    } else if (key != "model" && key != "stream" && key != "contents") {
        config[key] = value;
    }
}

Json tool_config(const Json& choice) {
    Json calling = Json::object();
    if (const auto name = forced_tool_name(choice)) {
        calling["mode"] = "ANY";
        calling["allowedFunctionNames"] = Json::array({*name});
    } else if (choice.is_string()) {
        const std::string mode = choice.get<std::string>();
        calling["mode"] = mode == "required" ? "ANY" : mode == "none" ? "NONE" : "AUTO";
    } else {
        return choice;
    }
    return Json{{"functionCallingConfig", calling}};
}

}  // namespace

Json gemini_request_body(const Request& request) {
    Json body = Json::object();
    Json contents = Json::array();
    for (const Message& message : request.messages) {
        if (message.role == "system") {
            continue;
        }
        Json parts = Json::array();
        if (message.role == "tool") {
            // Gemini pairs a result with its call by function name.
            parts.push_back({{"functionResponse",
                              {{"name", message.name}, {"response", {{"content", message.content}}}}}});
        } else {
            if (!message.content.empty() || message.tool_calls.empty()) {
                parts.push_back({{"text", message.content}});
            }
            for (const ToolCall& call : message.tool_calls) {
                Json args = Json::parse(call.arguments, nullptr, false);
                parts.push_back({{"functionCall", {{"name", call.name}, {"args", args.is_object() ? args : Json::object()}}}});
            }
        }
        const std::string role = message.role == "assistant" ? "model" : "user";
        contents.push_back(Json{{"role", role}, {"parts", std::move(parts)}});
    }
    body["contents"] = std::move(contents);
    const std::string system = system_text(request);
    if (!system.empty()) {
        body["systemInstruction"] = Json{{"parts", Json::array({Json{{"text", system}}})}};
    }
    Json config = Json::object();
    for (const auto& [key, value] : request.params.items()) {
        translate_param(key, value, config, body);
    }
    if (!config.empty()) {
        body["generationConfig"] = std::move(config);
    }
    if (request.tools.is_array() && !request.tools.empty()) {
        Json declarations = Json::array();
        for (const Json& tool : request.tools) {
            declarations.push_back(tool_function(tool));
        }
        body["tools"] = Json::array({Json{{"functionDeclarations", std::move(declarations)}}});
    }
    if (!request.tool_choice.is_null()) {
        body["toolConfig"] = tool_config(request.tool_choice);
    }
    return body;
}

}  // namespace evalbench

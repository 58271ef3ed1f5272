// Small pieces of request building and answer reading that every HTTP
// adapter needs in the same form.

#include "http_adapter.hpp"

namespace evalbench {

Json tool_function(const Json& tool) {
    const Json& source = (tool.contains("function") && tool["function"].is_object()) ? tool["function"] : tool;
    Json function = Json::object();
    function["name"] = source.value("name", "");
    if (source.contains("description")) {
        function["description"] = source["description"];
    }
    function["parameters"] = source.value("parameters", Json{{"type", "object"}, {"properties", Json::object()}});
    return function;
}

std::optional<std::string> forced_tool_name(const Json& tool_choice) {
    if (!tool_choice.is_object()) {
        return std::nullopt;
    }
    if (tool_choice.contains("function") && tool_choice["function"].is_object()) {
        return json_string(tool_choice["function"], "name");
    }
    if (tool_choice.contains("name")) {
        return json_string(tool_choice, "name");
    }
    return std::nullopt;
}

std::string system_text(const Request& request) {
    std::string text;
    for (const Message& message : request.messages) {
        if (message.role == "system") {
            text += (text.empty() ? "" : "\n\n") + message.content;
        }
    }
    return text;
}

void append_text(Completion& completion, std::string_view delta, double elapsed_ms) {
    if (delta.empty()) {
        return;
    }
    if (!completion.ttft_ms) {
        completion.ttft_ms = elapsed_ms;
    }
    completion.content.append(delta);
}

}  // namespace evalbench

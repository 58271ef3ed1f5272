#include "evalbench/core/test_case.hpp"

namespace evalbench {

Json to_json(const ToolCall& call) {
    return {{"id", call.id}, {"name", call.name}, {"arguments", call.arguments}};
}

std::string tool_arguments_text(const Json& arguments) {
    if (arguments.is_null()) {
        return "{}";
    }
    return arguments.is_string() ? arguments.get<std::string>() : arguments.dump();
}

ToolCall tool_call_from_json(const Json& json, const std::string& default_id) {
    return {json.value("id", default_id), json.value("name", ""),
            tool_arguments_text(json.contains("arguments") ? json["arguments"] : Json())};
}

Json to_json(const Message& message) {
    Json json = {{"role", message.role}, {"content", message.content}};
    if (!message.tool_calls.empty()) {
        Json calls = Json::array();
        for (const ToolCall& call : message.tool_calls) {
            calls.push_back(to_json(call));
        }
        json["tool_calls"] = std::move(calls);
    }
    if (!message.tool_call_id.empty()) {
        json["tool_call_id"] = message.tool_call_id;
    }
    if (!message.name.empty()) {
        json["name"] = message.name;
    }
    return json;
}

std::string CheckSpec::display_name() const {
    return negate ? "not-" + type : type;
}

SourceLocation CheckSpec::location_of(const std::string& key) const {
    const auto found = param_locations.find(key);
    return found == param_locations.end() ? where : found->second;
}

std::string to_string(Expectation expectation) {
    switch (expectation) {
        case Expectation::comply: return "comply";
        case Expectation::refuse: return "refuse";
        case Expectation::unspecified: break;
    }
    return "";
}

}  // namespace evalbench

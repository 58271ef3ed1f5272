// Checks, mock answers and tool declarations of a case.
//
// A check is a mapping with `type`, or the shorthand `{contains: "Paris"}`
// (one key that is not a common key), which means `{type: contains, value:
// "Paris"}`; a bare string (`- is-json`) means `{type: is-json}`. The loader
// does not know check types: it fills CheckSpec and leaves the type and its
// parameters to the scoring registry, which reports them with the locations
// recorded here.

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "parsers.hpp"
#include "schema.hpp"

namespace evalbench::loading {

using schema::Section;

namespace {

bool is_common_key(const std::string& key) {
    const std::vector<std::string>& common = schema::common_check_keys();
    return std::find(common.begin(), common.end(), key) != common.end();
}

// Sets type and negate from a written type name ("not-contains").
bool set_type(Reader& reader, CheckSpec& spec, const std::string& written, const SourceLocation& where) {
    std::string type = written;
    if (type.starts_with("not-")) {
        spec.negate = true;
        type = type.substr(4);
    }
    if (type.empty()) {
        reader.error(where, fmt::format("'{}' is not a check type", written));
        return false;
    }
    spec.type = std::move(type);
    return true;
}

void read_common_keys(Reader& reader, const yaml::Node& mapping, CheckSpec& spec) {
    if (const yaml::Node* node = mapping.find("weight")) {
        spec.weight = reader.number(*node, "'weight'", k_non_negative).value_or(spec.weight);
    }
    if (const yaml::Node* node = mapping.find("threshold")) {
        spec.threshold = reader.number(*node, "'threshold'", k_any_number);
    }
    if (const yaml::Node* node = mapping.find("gate")) {
        spec.gate = reader.boolean(*node, "'gate'").value_or(spec.gate);
    }
    if (const yaml::Node* node = mapping.find("dimension")) {
        const std::optional<std::string> dimension = reader.text(*node, "'dimension'");
        if (dimension && dimension->empty()) {
            reader.error(node->where, "'dimension' must not be empty");
        } else if (dimension) {
            spec.dimension = *dimension;
        }
    }
}

std::optional<CheckSpec> parse_check(Reader& reader, const yaml::Node& item) {
    CheckSpec spec;
    spec.where = item.where;
    if (item.kind == yaml::Kind::scalar && yaml::infer_type(item) == yaml::ScalarType::string) {
        if (!set_type(reader, spec, item.text, item.where)) {
            return std::nullopt;
        }
        spec.params = Json::object({{"type", item.text}});
        spec.param_locations["type"] = item.where;
        return spec;
    }
    if (item.kind != yaml::Kind::mapping) {
        reader.error(item.where, fmt::format("a check: expected a mapping with 'type' (or a check type name), got {}",
                                             yaml::describe(item)));
        return std::nullopt;
    }
    if (const yaml::Entry* type = item.find_entry("type")) {
        const std::optional<std::string> written = reader.text(*type->value, "'type'");
        if (!written || !set_type(reader, spec, *written, type->value->where)) {
            return std::nullopt;
        }
        for (const yaml::Entry& entry : item.entries) {
            spec.params[entry.key] = to_json(*entry.value);
            spec.param_locations[entry.key] = entry.value->where;
        }
    } else {
        std::vector<const yaml::Entry*> named;
        for (const yaml::Entry& entry : item.entries) {
            if (!is_common_key(entry.key)) {
                named.push_back(&entry);
            }
        }
        if (named.size() != 1) {
            std::vector<std::string> keys;
            for (const yaml::Entry& entry : item.entries) {
                keys.push_back(entry.key);
            }
            reader.error(item.where, fmt::format("a check needs 'type' (or a single '<type>: <value>' entry); "
                                                 "found {}",
                                                 keys.empty() ? "no keys" : fmt::format("{}", fmt::join(keys, ", "))));
            return std::nullopt;
        }
        const yaml::Entry& shorthand = *named.front();
        if (!set_type(reader, spec, shorthand.key, shorthand.key_where)) {
            return std::nullopt;
        }
        spec.params["type"] = shorthand.key;
        spec.param_locations["type"] = shorthand.key_where;
        spec.params["value"] = to_json(*shorthand.value);
        spec.param_locations["value"] = shorthand.value->where;
        for (const yaml::Entry& entry : item.entries) {
            if (&entry != &shorthand) {
                spec.params[entry.key] = to_json(*entry.value);
                spec.param_locations[entry.key] = entry.value->where;
            }
        }
    }
    read_common_keys(reader, item, spec);
    return spec;
}

}  // namespace

std::vector<CheckSpec> parse_checks(Reader& reader, const yaml::Node& node) {
    std::vector<CheckSpec> checks;
    if (!reader.expect_sequence(node, "'checks'")) {
        return checks;
    }
    for (const yaml::NodePtr& item : node.items) {
        if (std::optional<CheckSpec> spec = parse_check(reader, *item)) {
            checks.push_back(std::move(*spec));
        }
    }
    return checks;
}

std::optional<MockSpec> parse_mock(Reader& reader, const yaml::Node& node) {
    if (!reader.expect_mapping(node, "'mock'")) {
        return std::nullopt;
    }
    reader.check_keys(node, Section::mock);
    MockSpec mock;
    if (const yaml::Node* value = node.find("response")) {
        mock.response = reader.text(*value, "'response'");
    }
    if (const yaml::Node* value = node.find("latency_ms")) {
        const std::optional<std::int64_t> latency = reader.integer(*value, "'latency_ms'", 0);
        if (latency) {
            mock.latency_ms = static_cast<int>(*latency);
        }
    }
    if (const yaml::Node* value = node.find("finish_reason")) {
        mock.finish_reason = reader.choice(*value, "'finish_reason'", schema::finish_reasons());
    }
    if (const yaml::Node* value = node.find("refusal")) {
        mock.refusal = reader.text(*value, "'refusal'");
    }
    if (const yaml::Node* value = node.find("error")) {
        mock.error = reader.text(*value, "'error'");
    }
    if (const yaml::Node* calls = node.find("tool_calls"); calls && reader.expect_sequence(*calls, "'tool_calls'")) {
        for (const yaml::NodePtr& call : calls->items) {
            if (!reader.expect_mapping(*call, "a mock tool call")) {
                continue;
            }
            reader.check_keys(*call, Section::mock_tool_call);
            Json entry = Json::object();
            if (const yaml::Node* name = reader.require(*call, "name", "a mock tool call")) {
                entry["name"] = reader.text(*name, "'name'").value_or("");
            }
            entry["arguments"] = Json::object();
            if (const yaml::Node* arguments = call->find("arguments")) {
                const bool text = arguments->kind == yaml::Kind::scalar &&
                                  yaml::infer_type(*arguments) == yaml::ScalarType::string;
                if (arguments->kind == yaml::Kind::mapping || text) {
                    entry["arguments"] = to_json(*arguments);
                } else {
                    reader.error(arguments->where,
                                 fmt::format("'arguments': expected a mapping or a JSON string, got {}",
                                             yaml::describe(*arguments)));
                }
            }
            mock.tool_calls.push_back(std::move(entry));
        }
    }
    return mock;
}

std::optional<Json> parse_tools(Reader& reader, const yaml::Node& node) {
    if (!reader.expect_sequence(node, "'tools'")) {
        return std::nullopt;
    }
    Json tools = Json::array();
    std::set<std::string> names;
    for (const yaml::NodePtr& item : node.items) {
        if (!reader.expect_mapping(*item, "a tool")) {
            continue;
        }
        reader.check_keys(*item, Section::tool);
        Json tool = Json::object();
        if (const yaml::Node* name = reader.require(*item, "name", "a tool")) {
            const std::optional<std::string> text = reader.text(*name, "'name'");
            if (text && !names.insert(*text).second) {
                reader.error(name->where, fmt::format("duplicate tool name '{}'", *text));
            }
            tool["name"] = text.value_or("");
        }
        if (const yaml::Node* description = item->find("description")) {
            tool["description"] = reader.text(*description, "'description'").value_or("");
        }
        if (const yaml::Node* parameters = item->find("parameters")) {
            tool["parameters"] = reader.object(*parameters, "'parameters'").value_or(Json::object());
        }
        tools.push_back(std::move(tool));
    }
    return tools;
}

std::optional<Json> parse_tool_choice(Reader& reader, const yaml::Node& node, const Json& tools) {
    if (node.kind != yaml::Kind::mapping) {
        if (node.kind != yaml::Kind::scalar) {
            reader.error(node.where, fmt::format("'tool_choice': expected auto, none, required or {{name: ...}}, got {}",
                                                 yaml::describe(node)));
            return std::nullopt;
        }
        const std::optional<std::string> choice = reader.choice(node, "'tool_choice'", schema::tool_choices());
        return choice ? std::optional<Json>(Json(*choice)) : std::nullopt;
    }
    reader.check_keys(node, Section::tool_choice);
    const yaml::Node* name = reader.require(node, "name", "'tool_choice'");
    const std::optional<std::string> text = name ? reader.text(*name, "'name'") : std::nullopt;
    if (!text) {
        return std::nullopt;
    }
    const bool declared = tools.is_array() && std::any_of(tools.begin(), tools.end(), [&](const Json& tool) {
                              return tool.value("name", "") == *text;
                          });
    if (!declared) {
        reader.error(name->where, fmt::format("'tool_choice' names '{}', which is not one of the case's tools", *text));
        return std::nullopt;
    }
    return Json::object({{"name", *text}});
}

}  // namespace evalbench::loading

// Reading the keywords of one schema object into its Node. Each reader
// checks the keyword's value (a count must be a non-negative integer, a
// pattern must compile, ...) and reports a problem at the keyword's pointer
// otherwise. Keywords are grouped by the instance type they constrain; a key
// no reader knows is recorded as unknown (json_schema_compile.cpp decides).
//
// Draft-07 with two 2020-12 spellings: `$defs` (a second `definitions`) and
// `prefixItems`. A schema object that has `prefixItems` is read as 2020-12
// reads it: `items` must be a schema and applies to the elements after the
// prefix, `additionalItems` is not allowed, and `$ref` applies together with
// its siblings. Elsewhere an assertion beside `$ref` is an error (the drafts
// disagree on it). `format` is an annotation: accepted, never checked.

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "json_schema_compiler.hpp"

namespace evalbench::schema {

namespace {

const std::set<std::string>& annotation_keywords() {
    static const std::set<std::string> keywords = {"$schema",  "$comment", "title",     "description", "default",
                                                   "examples", "readOnly", "writeOnly", "format"};
    return keywords;
}

std::optional<std::uint8_t> type_bit(const std::string& name) {
    static const std::pair<const char*, std::uint8_t> k_types[] = {
        {"null", k_type_null},     {"boolean", k_type_boolean}, {"object", k_type_object},   {"array", k_type_array},
        {"number", k_type_number}, {"string", k_type_string},   {"integer", k_type_integer},
    };
    for (const auto& [type, bit] : k_types) {
        if (name == type) {
            return bit;
        }
    }
    return std::nullopt;
}

bool is_schema_value(const Json& value) {
    return value.is_object() || value.is_boolean();
}

}  // namespace

void Compiler::compile_keywords(Node& node, const Json& schema) {
    node.modern = schema.contains("prefixItems");
    if (schema.contains("$ref") && !node.modern) {
        reject_ref_siblings(node, schema);
    }
    for (const auto& [key, value] : schema.items()) {
        const std::string at = node.pointer + "/" + escape_pointer_segment(key);
        if (annotation_keywords().contains(key)) {
            continue;
        }
        if (key == "$id") {
            if (!node.pointer.empty()) {
                problem(at,
                        "'$id' is only supported at the root: base-URI changes are not, so refer to "
                        "sub-schemas with local JSON pointers ('#/definitions/x')");
            }
            continue;
        }
        if (key == "$ref") {
            if (value.is_string()) {
                m_refs.push_back({&node, value.get<std::string>(), at});
            } else {
                problem(at, "'$ref' must be a string");
            }
            continue;
        }
        if (key == "definitions" || key == "$defs") {
            if (!value.is_object()) {
                problem(at, fmt::format("'{}' must be an object of schemas", key));
                continue;
            }
            for (const auto& [name, definition] : value.items()) {
                std::ignore = sub(definition, at + "/" + escape_pointer_segment(name));  // reached through $ref
            }
            continue;
        }
        if (read_type_keyword(node, key, value, at) || read_object_keyword(node, key, value, at) ||
            read_array_keyword(node, key, value, at, schema) || read_scalar_keyword(node, key, value, at) ||
            read_applicator_keyword(node, key, value, at)) {
            continue;
        }
        m_unknown.push_back({at, key});
    }
}

// Draft-07 ignores every keyword beside `$ref`; 2019-09 and later apply
// them. A schema that uses `$defs` may be either, and the two readings give
// different verdicts, so an assertion beside `$ref` is an error that says how
// to write it unambiguously. Annotations and definitions may stay.
void Compiler::reject_ref_siblings(const Node& node, const Json& schema) {
    for (const auto& [key, value] : schema.items()) {
        std::ignore = value;  // only the key matters here
        if (key == "$ref" || key == "$id" || key == "definitions" || key == "$defs" ||
            annotation_keywords().contains(key)) {
            continue;
        }
        problem(node.pointer + "/" + escape_pointer_segment(key),
                fmt::format("'{}' beside '$ref' is ambiguous (draft-07 ignores it, later drafts apply it): "
                            "write {{\"allOf\": [{{\"$ref\": ...}}, {{\"{}\": ...}}]}} to apply both",
                            key, key));
    }
}

bool Compiler::read_type_keyword(Node& node, const std::string& key, const Json& value, const std::string& at) {
    if (key == "type") {
        const Json names = value.is_array() ? value : Json::array({value});
        if (names.empty()) {
            problem(at, "'type' must name at least one type");
        }
        for (const Json& name : names) {
            const std::optional<std::uint8_t> bit = name.is_string() ? type_bit(name.get<std::string>()) : std::nullopt;
            if (!bit) {
                problem(at, fmt::format("'type' must name null, boolean, object, array, number, string or integer, "
                                        "not {}",
                                        brief(name)));
                continue;
            }
            node.types |= *bit;
        }
    } else if (key == "enum") {
        if (value.is_array()) {
            node.enum_values = std::vector<Json>(value.begin(), value.end());
        } else {
            problem(at, "'enum' must be an array");
        }
    } else if (key == "const") {
        node.const_value = value;
    } else {
        return false;
    }
    return true;
}

bool Compiler::read_object_keyword(Node& node, const std::string& key, const Json& value, const std::string& at) {
    if (key == "properties" || key == "patternProperties") {
        if (!value.is_object()) {
            problem(at, fmt::format("'{}' must be an object of schemas", key));
            return true;
        }
        for (const auto& [name, schema] : value.items()) {
            const std::string child_at = at + "/" + escape_pointer_segment(name);
            if (key == "properties") {
                node.property_index.emplace(name, node.properties.size());
                node.properties.emplace_back(name, sub(schema, child_at));
            } else if (std::optional<Pattern> pattern = regex(Json(name), child_at)) {
                node.pattern_properties.push_back({std::move(*pattern), sub(schema, child_at)});
            }
        }
    } else if (key == "additionalProperties") {
        node.additional_properties = sub(value, at);
    } else if (key == "propertyNames") {
        node.property_names = sub(value, at);
    } else if (key == "required") {
        if (!value.is_array() ||
            !std::all_of(value.begin(), value.end(), [](const Json& v) { return v.is_string(); })) {
            problem(at, "'required' must be an array of property names");
            return true;
        }
        for (const Json& name : value) {
            node.required.push_back(name.get<std::string>());
        }
    } else if (key == "minProperties") {
        node.min_properties = count(value, at, key);
    } else if (key == "maxProperties") {
        node.max_properties = count(value, at, key);
    } else if (key == "dependencies") {
        if (!value.is_object()) {
            problem(at, "'dependencies' must be an object");
            return true;
        }
        for (const auto& [name, dependency] : value.items()) {
            const std::string child_at = at + "/" + escape_pointer_segment(name);
            if (dependency.is_array() &&
                std::all_of(dependency.begin(), dependency.end(), [](const Json& v) { return v.is_string(); })) {
                node.dependent_required.emplace_back(name, dependency.get<std::vector<std::string>>());
            } else if (is_schema_value(dependency)) {
                node.dependent_schemas.emplace_back(name, sub(dependency, child_at));
            } else {
                problem(child_at, "a dependency must be an array of property names or a schema");
            }
        }
    } else {
        return false;
    }
    return true;
}

bool Compiler::read_array_keyword(Node& node, const std::string& key, const Json& value, const std::string& at,
                                  const Json& schema) {
    const bool modern = schema.contains("prefixItems");
    if (key == "items") {
        if (value.is_array() && !modern) {
            node.tuple = sub_list(value, at, true);
            // draft-07: additionalItems only means something beside the array form of items.
            if (const auto additional = schema.find("additionalItems"); additional != schema.end()) {
                node.rest = sub(*additional, node.pointer + "/additionalItems");
            }
        } else if (value.is_array()) {
            problem(at, "beside 'prefixItems' (2020-12), 'items' must be a schema for the elements after the prefix");
        } else if (modern) {
            node.rest = sub(value, at);
        } else {
            node.items = sub(value, at);
        }
    } else if (key == "prefixItems") {
        if (value.is_array()) {
            node.tuple = sub_list(value, at, false);
        } else {
            problem(at, "'prefixItems' must be a non-empty array of schemas");
        }
    } else if (key == "additionalItems") {
        if (modern) {
            problem(at,
                    "'additionalItems' cannot be used with 'prefixItems' (2020-12): use 'items' for the "
                    "elements after the prefix");
        } else if (!schema.contains("items") || !schema["items"].is_array()) {
            std::ignore = sub(value, at);  // checked, but draft-07 gives it no effect without an items array
        }
    } else if (key == "minItems") {
        node.min_items = count(value, at, key);
    } else if (key == "maxItems") {
        node.max_items = count(value, at, key);
    } else if (key == "uniqueItems") {
        if (value.is_boolean()) {
            node.unique_items = value.get<bool>();
        } else {
            problem(at, "'uniqueItems' must be true or false");
        }
    } else if (key == "contains") {
        node.contains = sub(value, at);
    } else {
        return false;
    }
    return true;
}

bool Compiler::read_scalar_keyword(Node& node, const std::string& key, const Json& value, const std::string& at) {
    if (key == "minimum" || key == "maximum" || key == "exclusiveMinimum" || key == "exclusiveMaximum") {
        if (!value.is_number()) {
            problem(at, fmt::format(
                            "'{}' must be a number{}", key,
                            value.is_boolean() ? " (draft-07 form; the draft-04 boolean form is not supported)" : ""));
            return true;
        }
        std::optional<Json>& bound = key == "minimum"            ? node.minimum
                                     : key == "maximum"          ? node.maximum
                                     : key == "exclusiveMinimum" ? node.exclusive_minimum
                                                                 : node.exclusive_maximum;
        bound = value;
    } else if (key == "multipleOf") {
        if (value.is_number() && compare_numbers(value, Json(0)) > 0) {
            node.multiple_of = value;
        } else {
            problem(at, "'multipleOf' must be a number greater than 0");
        }
    } else if (key == "minLength") {
        node.min_length = count(value, at, key);
    } else if (key == "maxLength") {
        node.max_length = count(value, at, key);
    } else if (key == "pattern") {
        node.pattern = regex(value, at);
    } else {
        return false;
    }
    return true;
}

bool Compiler::read_applicator_keyword(Node& node, const std::string& key, const Json& value, const std::string& at) {
    if (key == "allOf") {
        node.all_of = sub_list(value, at, false);
    } else if (key == "anyOf") {
        node.any_of = sub_list(value, at, false);
    } else if (key == "oneOf") {
        node.one_of = sub_list(value, at, false);
    } else if (key == "not") {
        node.not_schema = sub(value, at);
    } else if (key == "if") {
        node.if_schema = sub(value, at);
    } else if (key == "then") {
        node.then_schema = sub(value, at);  // without `if` it has no effect (draft-07)
    } else if (key == "else") {
        node.else_schema = sub(value, at);
    } else {
        return false;
    }
    return true;
}

const Node* Compiler::sub(const Json& value, const std::string& at) {
    return compile(value, at);
}

std::vector<const Node*> Compiler::sub_list(const Json& value, const std::string& at, bool allow_empty) {
    std::vector<const Node*> nodes;
    if (!value.is_array() || (value.empty() && !allow_empty)) {
        problem(at, fmt::format("'{}' must be a {}array of schemas", at.substr(at.rfind('/') + 1),
                                allow_empty ? "" : "non-empty "));
        return nodes;
    }
    for (std::size_t i = 0; i < value.size(); ++i) {
        nodes.push_back(sub(value[i], fmt::format("{}/{}", at, i)));
    }
    return nodes;
}

std::optional<std::size_t> Compiler::count(const Json& value, const std::string& at, const std::string& key) {
    if (!is_integer_value(value) || compare_numbers(value, Json(0)) < 0) {
        problem(at, fmt::format("'{}' must be a non-negative integer, not {}", key, brief(value)));
        return std::nullopt;
    }
    if (value.is_number_float()) {
        // 1.0 is an integer in draft-07; a huge count is as good as no limit.
        const double number = value.get<double>();
        return number >= 1e18 ? static_cast<std::size_t>(1e18) : static_cast<std::size_t>(number);
    }
    return value.get<std::size_t>();
}

std::optional<Pattern> Compiler::regex(const Json& value, const std::string& at) {
    if (!value.is_string()) {
        problem(at, "a pattern must be a string");
        return std::nullopt;
    }
    Pattern pattern;
    pattern.source = value.get<std::string>();
    re2::RE2::Options options;
    options.set_log_errors(false);
    options.set_encoding(re2::RE2::Options::EncodingUTF8);
    pattern.regex = std::make_unique<re2::RE2>(ecma_to_re2(pattern.source), options);
    if (!pattern.regex->ok()) {
        problem(at, fmt::format("invalid pattern '{}': {} (patterns use RE2 syntax: no lookaround, no "
                                "backreferences)",
                                pattern.source, pattern.regex->error()));
        return std::nullopt;
    }
    return pattern;
}

}  // namespace evalbench::schema

// The per-type keywords of the validating walk: scalars (type, enum, const,
// numeric bounds, multipleOf, string lengths in code points, patterns),
// objects (required, property counts, dependencies, propertyNames,
// properties / patternProperties / additionalProperties) and arrays (item
// counts, uniqueItems, contains, items / tuple / rest). Each returns whether
// the instance passed; in collecting mode it reports every failure.

#include <algorithm>

#include <fmt/format.h>

#include "json_schema_validator.hpp"

namespace evalbench::schema {

namespace {

bool type_matches(std::uint8_t types, const Json& value) {
    switch (value.type()) {
    case Json::value_t::null:
        return (types & k_type_null) != 0;
    case Json::value_t::boolean:
        return (types & k_type_boolean) != 0;
    case Json::value_t::object:
        return (types & k_type_object) != 0;
    case Json::value_t::array:
        return (types & k_type_array) != 0;
    case Json::value_t::string:
        return (types & k_type_string) != 0;
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
    case Json::value_t::number_float:
        return (types & k_type_number) != 0 || ((types & k_type_integer) != 0 && is_integer_value(value));
    default:
        return false;
    }
}

}  // namespace

bool Validator::check_scalar(const Node& node, const Json& instance) {
    bool ok = true;
    if (node.types != 0 && !type_matches(node.types, instance)) {
        // Nothing else about a value of the wrong type is worth reporting.
        return fail(node, "type", fmt::format("expected {}, got {}", type_names(node.types), type_name(instance)));
    }
    if (node.enum_values && std::none_of(node.enum_values->begin(), node.enum_values->end(),
                                         [&](const Json& allowed) { return json_equal(allowed, instance); })) {
        ok = fail(node, "enum", fmt::format("{} is not one of {}", brief(instance), brief(Json(*node.enum_values))));
    }
    if (node.const_value && !json_equal(*node.const_value, instance)) {
        ok = fail(node, "const",
                  fmt::format("{} is not the required value {}", brief(instance), brief(*node.const_value)));
    }
    if (instance.is_number()) {
        if (node.minimum && compare_numbers(instance, *node.minimum) < 0) {
            ok = fail(node, "minimum",
                      fmt::format("{} is less than the minimum {}", brief(instance), brief(*node.minimum)));
        }
        if (node.exclusive_minimum && compare_numbers(instance, *node.exclusive_minimum) <= 0) {
            ok = fail(node, "exclusiveMinimum",
                      fmt::format("{} is not greater than {}", brief(instance), brief(*node.exclusive_minimum)));
        }
        if (node.maximum && compare_numbers(instance, *node.maximum) > 0) {
            ok = fail(node, "maximum",
                      fmt::format("{} is greater than the maximum {}", brief(instance), brief(*node.maximum)));
        }
        if (node.exclusive_maximum && compare_numbers(instance, *node.exclusive_maximum) >= 0) {
            ok = fail(node, "exclusiveMaximum",
                      fmt::format("{} is not less than {}", brief(instance), brief(*node.exclusive_maximum)));
        }
        if (node.multiple_of && !is_multiple_of(instance, *node.multiple_of)) {
            ok = fail(node, "multipleOf",
                      fmt::format("{} is not a multiple of {}", brief(instance), brief(*node.multiple_of)));
        }
    }
    if (instance.is_string() && (node.min_length || node.max_length || node.pattern)) {
        const std::string& text = instance.get_ref<const std::string&>();
        const std::size_t length = (node.min_length || node.max_length) ? code_point_count(text) : 0;
        if (node.min_length && length < *node.min_length) {
            ok = fail(node, "minLength",
                      fmt::format("string has {} characters; at least {} required", length, *node.min_length));
        }
        if (node.max_length && length > *node.max_length) {
            ok = fail(node, "maxLength",
                      fmt::format("string has {} characters; at most {} allowed", length, *node.max_length));
        }
        if (node.pattern && !re2::RE2::PartialMatch(text, *node.pattern->regex)) {
            ok = fail(node, "pattern",
                      fmt::format("{} does not match the pattern '{}'", brief(instance), node.pattern->source));
        }
    }
    return ok;
}

bool Validator::check_object(const Node& node, const Json& instance) {
    if (!instance.is_object()) {
        return true;
    }
    bool ok = true;
    for (const std::string& name : node.required) {
        if (!instance.contains(name)) {
            ok = fail(node, "required", fmt::format("missing required property '{}'", name));
        }
    }
    if (node.min_properties && instance.size() < *node.min_properties) {
        ok = fail(node, "minProperties",
                  fmt::format("object has {} properties; at least {} required", instance.size(), *node.min_properties));
    }
    if (node.max_properties && instance.size() > *node.max_properties) {
        ok = fail(node, "maxProperties",
                  fmt::format("object has {} properties; at most {} allowed", instance.size(), *node.max_properties));
    }
    for (const auto& [name, needed] : node.dependent_required) {
        if (!instance.contains(name)) {
            continue;
        }
        for (const std::string& other : needed) {
            if (!instance.contains(other)) {
                ok = fail(node, "dependencies", fmt::format("property '{}' requires property '{}'", name, other));
            }
        }
    }
    for (const auto& [name, schema] : node.dependent_schemas) {
        if (instance.contains(name) && !check(*schema, instance)) {
            ok = false;
        }
    }
    if (!ok && m_out == nullptr) {
        return false;
    }
    for (const auto& [key, value] : instance.items()) {
        if (node.property_names != nullptr && !matches(*node.property_names, Json(key))) {
            ok = fail(node, "propertyNames", fmt::format("property name '{}' is not allowed by propertyNames", key));
        }
        bool described = false;
        if (const auto found = node.property_index.find(key); found != node.property_index.end()) {
            described = true;
            ok = child(*node.properties[found->second].second, value, key) && ok;
        }
        for (const PatternProperty& pattern : node.pattern_properties) {
            if (re2::RE2::PartialMatch(key, *pattern.pattern.regex)) {
                described = true;
                ok = child(*pattern.schema, value, key) && ok;
            }
        }
        if (!described && node.additional_properties != nullptr) {
            if (node.additional_properties->boolean == false) {
                ok = fail(node, "additionalProperties", fmt::format("property '{}' is not allowed", key));
            } else {
                ok = child(*node.additional_properties, value, key) && ok;
            }
        }
        if (!ok && m_out == nullptr) {
            return false;
        }
    }
    return ok;
}

bool Validator::check_array(const Node& node, const Json& instance) {
    if (!instance.is_array()) {
        return true;
    }
    bool ok = true;
    const std::size_t size = instance.size();
    if (node.min_items && size < *node.min_items) {
        ok = fail(node, "minItems", fmt::format("array has {} items; at least {} required", size, *node.min_items));
    }
    if (node.max_items && size > *node.max_items) {
        ok = fail(node, "maxItems", fmt::format("array has {} items; at most {} allowed", size, *node.max_items));
    }
    if (node.unique_items) {
        for (std::size_t i = 0; i < size && ok; ++i) {
            for (std::size_t j = i + 1; j < size; ++j) {
                if (json_equal(instance[i], instance[j])) {
                    ok = fail(node, "uniqueItems", fmt::format("items {} and {} are equal", i, j));
                    break;
                }
            }
        }
    }
    if (node.contains != nullptr && std::none_of(instance.begin(), instance.end(),
                                                 [&](const Json& item) { return matches(*node.contains, item); })) {
        ok = fail(node, "contains", "no item matches the 'contains' schema");
    }
    for (std::size_t i = 0; i < size && (ok || m_out != nullptr); ++i) {
        const Node* schema = node.items;
        if (i < node.tuple.size()) {
            schema = node.tuple[i];
        } else if (!node.tuple.empty() || node.rest != nullptr) {
            schema = node.rest;
        }
        if (schema == nullptr) {
            continue;
        }
        if (schema->boolean == false && i >= node.tuple.size()) {
            const bool draft7_rest = node.items == nullptr && !node.modern;
            ok = fail(node, draft7_rest ? "additionalItems" : "items",
                      fmt::format("array has {} items; at most {} allowed", size, node.tuple.size()));
            break;
        }
        ok = child(*schema, instance[i], i) && ok;
    }
    return ok;
}

}  // namespace evalbench::schema

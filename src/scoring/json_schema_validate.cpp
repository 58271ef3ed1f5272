// Validating an instance against the compiled node tree. One walk, two
// modes: collecting (every violation, each with the instance pointer and the
// schema keyword that failed) and deciding (stop at the first violation).
// Applicators that only ask "does it match?" (anyOf, oneOf, not, if,
// contains, propertyNames) run a deciding walk, so a failed branch costs
// nothing to report unless the whole keyword fails; then, in collecting
// mode, each branch's first violation is added to the message to say why.
//
// The walk recurses once per schema level and instance level; a depth limit
// turns a pathologically deep answer into a violation instead of a stack
// overflow. (Same-instance loops cannot happen: compiling rejects them.)

#include <algorithm>

#include <fmt/format.h>

#include "json_schema_tree.hpp"

namespace evalbench::schema {

namespace {

constexpr int k_max_depth = 512;

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

std::string display(const std::string& pointer) {
    return pointer.empty() ? "(root)" : pointer;
}

class Validator {
public:
    explicit Validator(std::vector<SchemaProblem>* out, int depth = 0) : m_out(out), m_depth(depth) {}

    bool check(const Node& node, const Json& instance);

    std::string path;  // the instance pointer being validated (collecting mode only)

private:
    bool check_object(const Node& node, const Json& instance);
    bool check_array(const Node& node, const Json& instance);
    bool check_scalar(const Node& node, const Json& instance);
    bool check_applicators(const Node& node, const Json& instance);
    bool child(const Node& node, const Json& instance, const std::string& key);
    bool child(const Node& node, const Json& instance, std::size_t index);
    bool matches(const Node& node, const Json& instance) const;
    std::string why_not(const std::vector<const Node*>& branches, const Json& instance) const;
    bool fail(const Node& node, const char* keyword, const std::string& message);

    std::vector<SchemaProblem>* m_out;  // null: deciding mode
    int m_depth;
};

bool Validator::fail(const Node& node, const char* keyword, const std::string& message) {
    if (m_out != nullptr) {
        m_out->push_back({path, fmt::format("{} (schema #{}{}{})", message, node.pointer, *keyword ? "/" : "", keyword)});
    }
    return false;
}

bool Validator::matches(const Node& node, const Json& instance) const {
    Validator decider(nullptr, m_depth);
    return decider.check(node, instance);
}

std::string Validator::why_not(const std::vector<const Node*>& branches, const Json& instance) const {
    std::string reasons;
    for (std::size_t i = 0; i < branches.size() && i < 4; ++i) {
        std::vector<SchemaProblem> problems;
        Validator collector(&problems, m_depth);
        collector.path = path;
        if (!collector.check(*branches[i], instance) && !problems.empty()) {
            reasons += fmt::format("{}{}: {}: {}", reasons.empty() ? "" : "; ", i, display(problems[0].pointer),
                                   problems[0].message);
        }
    }
    return reasons;
}

bool Validator::child(const Node& node, const Json& instance, const std::string& key) {
    const std::size_t length = path.size();
    if (m_out != nullptr) {
        path += '/';
        path += escape_pointer_segment(key);
    }
    const bool ok = check(node, instance);
    path.resize(length);
    return ok;
}

bool Validator::child(const Node& node, const Json& instance, std::size_t index) {
    const std::size_t length = path.size();
    if (m_out != nullptr) {
        path += fmt::format("/{}", index);
    }
    const bool ok = check(node, instance);
    path.resize(length);
    return ok;
}

bool Validator::check(const Node& node, const Json& instance) {
    if (node.boolean) {
        return *node.boolean || fail(node, "", "no value is allowed here (the schema is false)");
    }
    if (m_depth >= k_max_depth) {
        return fail(node, "", fmt::format("nested deeper than {} levels; not validated", k_max_depth));
    }
    ++m_depth;
    bool ok = true;
    if (node.ref != nullptr) {
        ok = check(*node.ref, instance);
    }
    if (node.ref == nullptr || !node.ref_alone) {
        // Each step stops early in deciding mode once something failed.
        ok = (ok || m_out != nullptr) && check_scalar(node, instance) && ok;
        ok = (ok || m_out != nullptr) && check_object(node, instance) && ok;
        ok = (ok || m_out != nullptr) && check_array(node, instance) && ok;
        ok = (ok || m_out != nullptr) && check_applicators(node, instance) && ok;
    }
    --m_depth;
    return ok;
}

bool Validator::check_scalar(const Node& node, const Json& instance) {
    bool ok = true;
    if (node.types != 0 && !type_matches(node.types, instance)) {
        // Nothing else about a value of the wrong type is worth reporting.
        return fail(node, "type", fmt::format("expected {}, got {}", type_names(node.types), type_name(instance)));
    }
    if (node.enum_values &&
        std::none_of(node.enum_values->begin(), node.enum_values->end(),
                     [&](const Json& allowed) { return json_equal(allowed, instance); })) {
        ok = fail(node, "enum", fmt::format("{} is not one of {}", brief(instance), brief(Json(*node.enum_values))));
    }
    if (node.const_value && !json_equal(*node.const_value, instance)) {
        ok = fail(node, "const", fmt::format("{} is not the required value {}", brief(instance), brief(*node.const_value)));
    }
    if (instance.is_number()) {
        if (node.minimum && compare_numbers(instance, *node.minimum) < 0) {
            ok = fail(node, "minimum", fmt::format("{} is less than the minimum {}", brief(instance), brief(*node.minimum)));
        }
        if (node.exclusive_minimum && compare_numbers(instance, *node.exclusive_minimum) <= 0) {
            ok = fail(node, "exclusiveMinimum",
                      fmt::format("{} is not greater than {}", brief(instance), brief(*node.exclusive_minimum)));
        }
        if (node.maximum && compare_numbers(instance, *node.maximum) > 0) {
            ok = fail(node, "maximum", fmt::format("{} is greater than the maximum {}", brief(instance), brief(*node.maximum)));
        }
        if (node.exclusive_maximum && compare_numbers(instance, *node.exclusive_maximum) >= 0) {
            ok = fail(node, "exclusiveMaximum",
                      fmt::format("{} is not less than {}", brief(instance), brief(*node.exclusive_maximum)));
        }
        if (node.multiple_of && !is_multiple_of(instance, *node.multiple_of)) {
            ok = fail(node, "multipleOf", fmt::format("{} is not a multiple of {}", brief(instance), brief(*node.multiple_of)));
        }
    }
    if (instance.is_string() && (node.min_length || node.max_length || node.pattern)) {
        const std::string& text = instance.get_ref<const std::string&>();
        const std::size_t length = (node.min_length || node.max_length) ? code_point_count(text) : 0;
        if (node.min_length && length < *node.min_length) {
            ok = fail(node, "minLength", fmt::format("string has {} characters; at least {} required", length, *node.min_length));
        }
        if (node.max_length && length > *node.max_length) {
            ok = fail(node, "maxLength", fmt::format("string has {} characters; at most {} allowed", length, *node.max_length));
        }
        if (node.pattern && !re2::RE2::PartialMatch(text, *node.pattern->regex)) {
            ok = fail(node, "pattern", fmt::format("{} does not match the pattern '{}'", brief(instance), node.pattern->source));
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
    if (node.contains != nullptr &&
        std::none_of(instance.begin(), instance.end(), [&](const Json& item) { return matches(*node.contains, item); })) {
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
            const bool draft7_rest = node.items == nullptr && node.ref_alone;
            ok = fail(node, draft7_rest ? "additionalItems" : "items",
                      fmt::format("array has {} items; at most {} allowed", size, node.tuple.size()));
            break;
        }
        ok = child(*schema, instance[i], i) && ok;
    }
    return ok;
}

bool Validator::check_applicators(const Node& node, const Json& instance) {
    bool ok = true;
    for (const Node* schema : node.all_of) {
        ok = check(*schema, instance) && ok;
        if (!ok && m_out == nullptr) {
            return false;
        }
    }
    if (!node.any_of.empty() &&
        std::none_of(node.any_of.begin(), node.any_of.end(), [&](const Node* schema) { return matches(*schema, instance); })) {
        ok = fail(node, "anyOf",
                  m_out == nullptr ? "" : fmt::format("matches none of the anyOf schemas ({})", why_not(node.any_of, instance)));
    }
    if (!node.one_of.empty()) {
        std::vector<std::size_t> matched;
        for (std::size_t i = 0; i < node.one_of.size() && matched.size() < 2; ++i) {
            if (matches(*node.one_of[i], instance)) {
                matched.push_back(i);
            }
        }
        if (matched.empty()) {
            ok = fail(node, "oneOf",
                      m_out == nullptr ? "" : fmt::format("matches none of the oneOf schemas ({})", why_not(node.one_of, instance)));
        } else if (matched.size() > 1) {
            ok = fail(node, "oneOf", fmt::format("matches oneOf schemas {} and {}; exactly one must match", matched[0], matched[1]));
        }
    }
    if (node.not_schema != nullptr && matches(*node.not_schema, instance)) {
        ok = fail(node, "not", "matches the schema under 'not'");
    }
    if (node.if_schema != nullptr) {
        const Node* branch = matches(*node.if_schema, instance) ? node.then_schema : node.else_schema;
        if (branch != nullptr) {
            ok = check(*branch, instance) && ok;
        }
    }
    return ok;
}

}  // namespace

}  // namespace evalbench::schema

namespace evalbench {

std::vector<SchemaProblem> JsonSchema::validate(const Json& instance) const {
    std::vector<SchemaProblem> problems;
    schema::Validator validator(&problems);
    std::ignore = validator.check(*m_impl->root, instance);  // the problems say it all
    return problems;
}

}  // namespace evalbench

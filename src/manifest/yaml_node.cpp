// Lookups on a yaml::Node and the reading of plain scalars by YAML 1.2's
// core schema: `null`, `~`, `Null`, `NULL` and empty are null; `true` and
// `false` (also capitalised or upper case) are booleans; decimal integers and
// floats are numbers. Hex, octal, `.inf` and `.nan` stay strings (JSON cannot
// hold the last two, and a manifest has no use for the first two), and so
// does YAML 1.1's `yes`/`no`.

#include <algorithm>

#include <fmt/format.h>

#include "yaml_tree.hpp"

namespace evalbench::yaml {

const Entry* Node::find_entry(const std::string& key) const {
    const auto found = std::find_if(entries.begin(), entries.end(), [&](const Entry& e) { return e.key == key; });
    return found == entries.end() ? nullptr : &*found;
}

const Node* Node::find(const std::string& key) const {
    const Entry* entry = find_entry(key);
    return entry == nullptr ? nullptr : entry->value.get();
}

ScalarType infer_type(const Node& node) {
    if (node.kind == Kind::null) {
        return ScalarType::null;
    }
    if (node.kind != Kind::scalar || !node.plain) {
        return ScalarType::string;
    }
    const std::string& t = node.text;
    if (t.empty() || t == "~" || t == "null" || t == "Null" || t == "NULL") {
        return ScalarType::null;
    }
    if (t == "true" || t == "True" || t == "TRUE" || t == "false" || t == "False" || t == "FALSE") {
        return ScalarType::boolean;
    }
    std::size_t i = (t[0] == '-' || t[0] == '+') ? 1 : 0;
    const std::size_t digits_start = i;
    while (i < t.size() && t[i] >= '0' && t[i] <= '9') {
        ++i;
    }
    const bool int_digits = i > digits_start;
    if (i == t.size() && int_digits) {
        return ScalarType::integer;
    }
    // [-+]? ( digits [. digits*] | . digits ) ([eE] [-+]? digits)?
    bool mantissa = int_digits;
    if (i < t.size() && t[i] == '.') {
        ++i;
        const std::size_t fraction_start = i;
        while (i < t.size() && t[i] >= '0' && t[i] <= '9') {
            ++i;
        }
        mantissa = mantissa || i > fraction_start;
    }
    if (!mantissa) {
        return ScalarType::string;
    }
    if (i < t.size() && (t[i] == 'e' || t[i] == 'E')) {
        ++i;
        if (i < t.size() && (t[i] == '-' || t[i] == '+')) {
            ++i;
        }
        const std::size_t exponent_start = i;
        while (i < t.size() && t[i] >= '0' && t[i] <= '9') {
            ++i;
        }
        if (i == exponent_start) {
            return ScalarType::string;
        }
    }
    return i == t.size() ? ScalarType::floating : ScalarType::string;
}

std::string describe(const Node& node) {
    switch (node.kind) {
        case Kind::mapping: return "a mapping";
        case Kind::sequence: return "a list";
        case Kind::null: return "null";
        case Kind::scalar: break;
    }
    switch (infer_type(node)) {
        case ScalarType::null: return "null";
        case ScalarType::boolean: return "a boolean";
        case ScalarType::integer: return "an integer";
        case ScalarType::floating: return "a number";
        case ScalarType::string: break;
    }
    return fmt::format("the string '{}'", node.text.size() > 40 ? node.text.substr(0, 37) + "..." : node.text);
}

}  // namespace evalbench::yaml

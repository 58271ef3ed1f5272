#include "reader.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

#include <fmt/format.h>

namespace evalbench::loading {

namespace {

std::string prefix(std::string_view what) {
    return what.empty() ? std::string() : std::string(what) + ": ";
}

std::optional<std::int64_t> parse_integer(const std::string& text) {
    std::string_view digits = text;
    if (!digits.empty() && digits.front() == '+') {
        digits.remove_prefix(1);
    }
    std::int64_t value = 0;
    const auto [end, code] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (code != std::errc() || end != digits.data() + digits.size()) {
        return std::nullopt;
    }
    return value;
}

std::optional<double> parse_double(const std::string& text) {
    std::string_view digits = text;
    if (!digits.empty() && digits.front() == '+') {
        digits.remove_prefix(1);
    }
    double value = 0.0;
    const auto [end, code] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (code != std::errc() || end != digits.data() + digits.size() || !std::isfinite(value)) {
        return std::nullopt;
    }
    return value;
}

}  // namespace

std::string key_label(std::string_view key) {
    return fmt::format("'{}'", key);
}

void Reader::error(const SourceLocation& where, std::string message) {
    m_diagnostics.push_back(Diagnostic{where, std::move(message)});
}

std::size_t Reader::error_count() const {
    return static_cast<std::size_t>(std::count_if(m_diagnostics.begin(), m_diagnostics.end(),
                                                  [](const Diagnostic& d) { return d.severity == Severity::error; }));
}

void Reader::type_error(const yaml::Node& node, std::string_view what, std::string_view expected) {
    error(node.where, fmt::format("{}expected {}, got {}", prefix(what), expected, yaml::describe(node)));
}

bool Reader::expect_mapping(const yaml::Node& node, std::string_view what) {
    if (node.kind == yaml::Kind::mapping) {
        return true;
    }
    type_error(node, what, "a mapping");
    return false;
}

bool Reader::expect_sequence(const yaml::Node& node, std::string_view what) {
    if (node.kind == yaml::Kind::sequence) {
        return true;
    }
    type_error(node, what, "a list");
    return false;
}

bool Reader::expect_non_empty_sequence(const yaml::Node& node, std::string_view what) {
    if (!expect_sequence(node, what)) {
        return false;
    }
    if (node.items.empty()) {
        error(node.where, fmt::format("{}must not be empty", prefix(what)));
        return false;
    }
    return true;
}

void Reader::check_keys(const yaml::Node& mapping, schema::Section section) {
    const std::vector<std::string>& allowed = schema::keys(section);
    const std::vector<std::string>& unsupported = schema::unsupported_keys();
    for (const yaml::Entry& entry : mapping.entries) {
        if (std::find(allowed.begin(), allowed.end(), entry.key) != allowed.end()) {
            continue;
        }
        if (std::find(unsupported.begin(), unsupported.end(), entry.key) != unsupported.end()) {
            error(entry.key_where, fmt::format("'{}' is not supported by this evalbench yet", entry.key));
            continue;
        }
        m_unknown_entries.push_back(&entry);
        error(entry.key_where, fmt::format("unknown key '{}' in {}{}", entry.key, schema::describe(section),
                                           did_you_mean(entry.key, allowed)));
    }
}

const yaml::Node* Reader::require(const yaml::Node& mapping, std::string_view key, std::string_view owner) {
    const yaml::Node* value = mapping.find(std::string(key));
    if (value == nullptr && mapping.had_merge_key) {
        return nullptr;  // the `<<` error already explains; the key may be in the merged mapping
    }
    if (value == nullptr) {
        // A misspelt key was reported with a did-you-mean naming this one:
        // saying it is missing as well would only repeat that.
        const std::vector<std::string> wanted = {std::string(key)};
        for (const yaml::Entry& entry : mapping.entries) {
            const bool unknown = std::find(m_unknown_entries.begin(), m_unknown_entries.end(), &entry) !=
                                 m_unknown_entries.end();
            if (unknown && !closest_match(entry.key, wanted).empty()) {
                return nullptr;
            }
        }
        error(mapping.where, fmt::format("{} needs '{}'", owner, key));
    }
    return value;
}

std::optional<std::string> Reader::text(const yaml::Node& node, std::string_view what) {
    if (node.kind != yaml::Kind::scalar || yaml::infer_type(node) == yaml::ScalarType::null) {
        type_error(node, what, "a string");
        return std::nullopt;
    }
    return node.text;
}

std::optional<bool> Reader::boolean(const yaml::Node& node, std::string_view what) {
    if (node.kind != yaml::Kind::scalar || yaml::infer_type(node) != yaml::ScalarType::boolean) {
        type_error(node, what, "true or false");
        return std::nullopt;
    }
    return node.text[0] == 't' || node.text[0] == 'T';
}

std::optional<std::int64_t> Reader::integer(const yaml::Node& node, std::string_view what, std::int64_t min) {
    const std::string expected = fmt::format("an integer >= {}", min);
    if (node.kind != yaml::Kind::scalar || yaml::infer_type(node) != yaml::ScalarType::integer) {
        type_error(node, what, expected);
        return std::nullopt;
    }
    // Counts, limits and milliseconds: anything above two billion is a typo.
    constexpr std::int64_t k_largest = 2'000'000'000;
    const std::optional<std::int64_t> value = parse_integer(node.text);
    if (!value || *value > k_largest) {
        error(node.where, fmt::format("{}expected an integer <= {}, got {}", prefix(what), k_largest, node.text));
        return std::nullopt;
    }
    if (*value < min) {
        error(node.where, fmt::format("{}expected {}, got {}", prefix(what), expected, node.text));
        return std::nullopt;
    }
    return value;
}

std::optional<double> Reader::number(const yaml::Node& node, std::string_view what, const Range& range) {
    const yaml::ScalarType type = yaml::infer_type(node);
    const bool numeric =
        node.kind == yaml::Kind::scalar && (type == yaml::ScalarType::integer || type == yaml::ScalarType::floating);
    const std::optional<double> value = numeric ? parse_double(node.text) : std::nullopt;
    if (!value) {
        type_error(node, what, range.text);
        return std::nullopt;
    }
    const bool below = range.min_exclusive ? *value <= range.min : *value < range.min;
    const bool above = range.max && *value > *range.max;
    if (below || above) {
        error(node.where, fmt::format("{}expected {}, got {}", prefix(what), range.text, node.text));
        return std::nullopt;
    }
    return value;
}

std::optional<std::string> Reader::choice(const yaml::Node& node, std::string_view what,
                                          const std::vector<std::string>& choices) {
    std::optional<std::string> value = text(node, what);
    if (!value) {
        return std::nullopt;
    }
    if (std::find(choices.begin(), choices.end(), *value) == choices.end()) {
        error(node.where, fmt::format("{}'{}' is not one of {}{}", prefix(what), *value,
                                      fmt::join(choices, ", "), did_you_mean(*value, choices)));
        return std::nullopt;
    }
    return value;
}

std::optional<std::vector<std::string>> Reader::strings(const yaml::Node& node, std::string_view what) {
    if (node.kind != yaml::Kind::sequence) {
        type_error(node, what, "a list of strings");
        return std::nullopt;
    }
    std::vector<std::string> values;
    bool ok = true;
    for (const yaml::NodePtr& item : node.items) {
        std::optional<std::string> value = text(*item, what);
        if (value) {
            values.push_back(std::move(*value));
        } else {
            ok = false;
        }
    }
    if (!ok) {
        return std::nullopt;
    }
    return values;
}

std::optional<Json> Reader::object(const yaml::Node& node, std::string_view what) {
    if (!expect_mapping(node, what)) {
        return std::nullopt;
    }
    return to_json(node);
}

Json to_json(const yaml::Node& node) {
    switch (node.kind) {
        case yaml::Kind::null: return Json(nullptr);
        case yaml::Kind::sequence: {
            Json array = Json::array();
            for (const yaml::NodePtr& item : node.items) {
                array.push_back(to_json(*item));
            }
            return array;
        }
        case yaml::Kind::mapping: {
            Json object = Json::object();
            for (const yaml::Entry& entry : node.entries) {
                object[entry.key] = to_json(*entry.value);
            }
            return object;
        }
        case yaml::Kind::scalar: break;
    }
    switch (yaml::infer_type(node)) {
        case yaml::ScalarType::null: return Json(nullptr);
        case yaml::ScalarType::boolean: return Json(node.text[0] == 't' || node.text[0] == 'T');
        case yaml::ScalarType::integer:
            if (const std::optional<std::int64_t> value = parse_integer(node.text)) {
                return Json(*value);
            }
            [[fallthrough]];  // too large for 64 bits: keep it as a float
        case yaml::ScalarType::floating:
            if (const std::optional<double> value = parse_double(node.text)) {
                return Json(*value);
            }
            return Json(node.text);
        case yaml::ScalarType::string: break;
    }
    return Json(node.text);
}

}  // namespace evalbench::loading

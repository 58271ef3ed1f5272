#pragma once
// Typed, located access to a yaml::Node tree. Every accessor reports what it
// expected and what it got ("'repeat': expected an integer >= 1, got the
// string 'two'") into one Diagnostics list and returns nullopt, so callers
// keep going and one pass finds every problem.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "evalbench/core/error.hpp"
#include "evalbench/core/json.hpp"
#include "schema.hpp"
#include "yaml_tree.hpp"

namespace evalbench::loading {

// Accepted range of a number; the text is how messages name it.
struct Range {
    double min = 0.0;
    bool min_exclusive = false;
    std::optional<double> max;
    std::string_view text;
};
inline constexpr Range k_any_number{-1e308, false, std::nullopt, "a number"};
inline constexpr Range k_non_negative{0.0, false, std::nullopt, "a number >= 0"};
inline constexpr Range k_positive{0.0, true, std::nullopt, "a number > 0"};
inline constexpr Range k_unit_interval{0.0, false, 1.0, "a number between 0 and 1"};

class Reader {
public:
    explicit Reader(Diagnostics& diagnostics) : m_diagnostics(diagnostics) {}

    void error(const SourceLocation& where, std::string message);
    std::size_t error_count() const;

    // Type checks that report "'what': expected a mapping, got a list".
    bool expect_mapping(const yaml::Node& node, std::string_view what);
    bool expect_sequence(const yaml::Node& node, std::string_view what);
    // A list with at least one item ("'suites' must not be empty").
    bool expect_non_empty_sequence(const yaml::Node& node, std::string_view what);

    // Reports keys the section does not accept (with a did-you-mean) and keys
    // that are planned but not built yet.
    void check_keys(const yaml::Node& mapping, schema::Section section);
    // The value of a required key, or null after reporting it missing.
    const yaml::Node* require(const yaml::Node& mapping, std::string_view key, std::string_view owner);

    // Any scalar as written (YAML `1.0` stays "1.0"); null, lists and
    // mappings are errors.
    std::optional<std::string> text(const yaml::Node& node, std::string_view what);
    std::optional<bool> boolean(const yaml::Node& node, std::string_view what);
    // A plain integer >= `min`.
    std::optional<std::int64_t> integer(const yaml::Node& node, std::string_view what, std::int64_t min);
    std::optional<double> number(const yaml::Node& node, std::string_view what, const Range& range);
    // A string that is one of `choices`, with a did-you-mean otherwise.
    std::optional<std::string> choice(const yaml::Node& node, std::string_view what,
                                      const std::vector<std::string>& choices);
    std::optional<std::vector<std::string>> strings(const yaml::Node& node, std::string_view what);
    // A mapping converted to a JSON object.
    std::optional<Json> object(const yaml::Node& node, std::string_view what);

private:
    void type_error(const yaml::Node& node, std::string_view what, std::string_view expected);

    Diagnostics& m_diagnostics;
    std::vector<const yaml::Entry*> m_unknown_entries;  // reported by check_keys
};

// YAML -> JSON: plain scalars by YAML's core schema (null, booleans,
// integers, floats, otherwise strings); quoted scalars always strings.
Json to_json(const yaml::Node& node);

// "'key'" for messages.
std::string key_label(std::string_view key);

}  // namespace evalbench::loading

#pragma once
// Private: reading a check's parameters, every problem a located diagnostic.
//
// A check's compile function asks a ParamReader for each parameter with the
// type it needs ("a non-empty list of strings", "a number > 0"). A missing
// or ill-typed parameter becomes one diagnostic at that parameter's value
// (or at the check when the key is absent), worded the same way for every
// check type, and the getter returns nothing; the compile function carries on
// so that one `validate` reports every problem, then checks `ok()`.
//
//     ParamReader params(spec, diagnostics);
//     std::optional<std::string> value = params.text("value", Presence::required);
//     std::optional<std::int64_t> limit = params.integer("max", Presence::optional, {.min = 0});
//     if (!params.ok()) { return nullptr; }

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "evalbench/core/error.hpp"
#include "evalbench/core/json.hpp"
#include "evalbench/core/test_case.hpp"

namespace evalbench {

enum class Presence { required, optional };
enum class Emptiness { reject, allow };  // for lists and strings

// Bounds a number must respect; any may be absent.
struct NumberRange {
    std::optional<double> min = std::nullopt;           // value >= min
    std::optional<double> greater_than = std::nullopt;  // value > greater_than
    std::optional<double> max = std::nullopt;           // value <= max
};

// "a string", "an array", "a number", ... for messages.
std::string json_type_name(const Json& value);

class ParamReader {
public:
    ParamReader(const CheckSpec& spec, Diagnostics& diagnostics);

    const CheckSpec& spec() const { return *m_spec; }
    bool has(std::string_view key) const;
    // The raw value, or null when absent (reported when required).
    const Json* value(std::string_view key, Presence presence);

    // A string. Only a JSON string is accepted.
    std::optional<std::string> string(std::string_view key, Presence presence,
                                      Emptiness emptiness = Emptiness::allow);
    // Text to look for in an answer: a string, or a number or boolean taken
    // as written (YAML reads `value: 42` as a number, the user meant "42").
    std::optional<std::string> text(std::string_view key, Presence presence,
                                     Emptiness emptiness = Emptiness::allow);
    // A list of texts (as `text`); an empty list is rejected unless allowed.
    std::optional<std::vector<std::string>> text_list(std::string_view key, Presence presence,
                                                      Emptiness emptiness = Emptiness::reject);
    std::optional<bool> boolean(std::string_view key, Presence presence);
    std::optional<double> number(std::string_view key, Presence presence, NumberRange range = {});
    // A whole number (4 and 4.0 are accepted, 4.5 is not).
    std::optional<std::int64_t> integer(std::string_view key, Presence presence, NumberRange range = {});
    // One of a fixed set of strings; a near miss gets a did-you-mean.
    std::optional<std::string> choice(std::string_view key, Presence presence,
                                      const std::vector<std::string>& allowed);
    // Checks a word (e.g. one list element) against a fixed set, reporting at `key`.
    bool check_choice(std::string_view key, const std::string& word, const std::vector<std::string>& allowed);

    // How many of `keys` are present; reports when the count is wrong.
    // Use for "exactly one of" (1, 1) and "at least one of" (1, keys.size()).
    std::size_t expect_count_of(std::initializer_list<std::string_view> keys, std::size_t min, std::size_t max);

    // Adds a located error (or warning) about `key`; the message is prefixed
    // with "check '<name>': ".
    void error(std::string_view key, const std::string& message);
    void warning(std::string_view key, const std::string& message);

    SourceLocation location_of(std::string_view key) const;
    // True when no error was added through this reader.
    bool ok() const { return m_errors == 0; }

private:
    const Json* find(std::string_view key) const;
    void wrong_type(std::string_view key, const std::string& expected, const Json& got);
    bool check_range(std::string_view key, double number, const NumberRange& range);

    const CheckSpec* m_spec;
    Diagnostics* m_diagnostics;
    std::size_t m_errors = 0;
};

}  // namespace evalbench

// Reading check parameters with located diagnostics; see params.hpp.

#include "params.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

namespace evalbench {

namespace {

// A short rendering of a user's value for "got ..." in messages.
std::string shown(const Json& value) {
    constexpr std::size_t k_max_shown = 40;
    std::string text = value.dump(-1, ' ', false, Json::error_handler_t::replace);
    if (text.size() > k_max_shown) {
        text = text.substr(0, k_max_shown) + "...";
    }
    return text;
}

}  // namespace

std::string json_type_name(const Json& value) {
    switch (value.type()) {
        case Json::value_t::null: return "null";
        case Json::value_t::object: return "a mapping";
        case Json::value_t::array: return "a list";
        case Json::value_t::string: return "a string";
        case Json::value_t::boolean: return "a boolean";
        case Json::value_t::number_integer:
        case Json::value_t::number_unsigned:
        case Json::value_t::number_float: return "a number";
        case Json::value_t::binary: return "binary data";
        case Json::value_t::discarded: break;
    }
    return "an invalid value";
}

ParamReader::ParamReader(const CheckSpec& spec, Diagnostics& diagnostics)
    : m_spec(&spec), m_diagnostics(&diagnostics) {}

const Json* ParamReader::find(std::string_view key) const {
    if (!m_spec->params.is_object()) {
        return nullptr;
    }
    const auto found = m_spec->params.find(std::string(key));
    return found == m_spec->params.end() ? nullptr : &*found;
}

bool ParamReader::has(std::string_view key) const {
    return find(key) != nullptr;
}

SourceLocation ParamReader::location_of(std::string_view key) const {
    return m_spec->location_of(std::string(key));
}

void ParamReader::error(std::string_view key, const std::string& message) {
    m_diagnostics->push_back(
        {location_of(key), fmt::format("check '{}': {}", m_spec->display_name(), message), Severity::error});
    ++m_errors;
}

void ParamReader::warning(std::string_view key, const std::string& message) {
    m_diagnostics->push_back(
        {location_of(key), fmt::format("check '{}': {}", m_spec->display_name(), message), Severity::warning});
}

void ParamReader::wrong_type(std::string_view key, const std::string& expected, const Json& got) {
    error(key, fmt::format("parameter '{}' must be {}, got {} ({})", key, expected, json_type_name(got), shown(got)));
}

const Json* ParamReader::value(std::string_view key, Presence presence) {
    const Json* found = find(key);
    if (found == nullptr && presence == Presence::required) {
        error(key, fmt::format("missing required parameter '{}'", key));
    }
    return found;
}

std::optional<std::string> ParamReader::string(std::string_view key, Presence presence, Emptiness emptiness) {
    const Json* found = value(key, presence);
    if (found == nullptr) {
        return std::nullopt;
    }
    if (!found->is_string()) {
        wrong_type(key, "a string", *found);
        return std::nullopt;
    }
    std::string result = found->get<std::string>();
    if (result.empty() && emptiness == Emptiness::reject) {
        error(key, fmt::format("parameter '{}' must not be empty", key));
        return std::nullopt;
    }
    return result;
}

namespace {

// A scalar as text: strings as they are, numbers and booleans as written.
std::optional<std::string> scalar_text(const Json& value) {
    if (value.is_string()) {
        return value.get<std::string>();
    }
    if (value.is_number() || value.is_boolean()) {
        return value.dump();
    }
    return std::nullopt;
}

}  // namespace

std::optional<std::string> ParamReader::text(std::string_view key, Presence presence, Emptiness emptiness) {
    const Json* found = value(key, presence);
    if (found == nullptr) {
        return std::nullopt;
    }
    std::optional<std::string> result = scalar_text(*found);
    if (!result) {
        wrong_type(key, "a string", *found);
        return std::nullopt;
    }
    if (result->empty() && emptiness == Emptiness::reject) {
        error(key, fmt::format("parameter '{}' must not be empty", key));
        return std::nullopt;
    }
    return result;
}

std::optional<std::vector<std::string>> ParamReader::text_list(std::string_view key, Presence presence,
                                                               Emptiness emptiness) {
    const Json* found = value(key, presence);
    if (found == nullptr) {
        return std::nullopt;
    }
    if (!found->is_array()) {
        wrong_type(key, "a list of strings", *found);
        return std::nullopt;
    }
    if (found->empty() && emptiness == Emptiness::reject) {
        error(key, fmt::format("parameter '{}' must be a non-empty list of strings", key));
        return std::nullopt;
    }
    std::vector<std::string> result;
    bool good = true;
    for (std::size_t index = 0; index < found->size(); ++index) {
        std::optional<std::string> item = scalar_text((*found)[index]);
        if (!item) {
            error(key, fmt::format("element {} of '{}' must be a string, got {} ({})", index + 1, key,
                                   json_type_name((*found)[index]), shown((*found)[index])));
            good = false;
            continue;
        }
        result.push_back(std::move(*item));
    }
    if (!good) {
        return std::nullopt;
    }
    return result;
}

std::optional<bool> ParamReader::boolean(std::string_view key, Presence presence) {
    const Json* found = value(key, presence);
    if (found == nullptr) {
        return std::nullopt;
    }
    if (!found->is_boolean()) {
        wrong_type(key, "true or false", *found);
        return std::nullopt;
    }
    return found->get<bool>();
}

bool ParamReader::check_range(std::string_view key, double number, const NumberRange& range) {
    if (!std::isfinite(number)) {
        error(key, fmt::format("parameter '{}' must be a finite number", key));
        return false;
    }
    if (range.min && number < *range.min) {
        error(key, fmt::format("parameter '{}' must be >= {}, got {}", key, *range.min, number));
        return false;
    }
    if (range.greater_than && number <= *range.greater_than) {
        error(key, fmt::format("parameter '{}' must be > {}, got {}", key, *range.greater_than, number));
        return false;
    }
    if (range.max && number > *range.max) {
        error(key, fmt::format("parameter '{}' must be <= {}, got {}", key, *range.max, number));
        return false;
    }
    return true;
}

std::optional<double> ParamReader::number(std::string_view key, Presence presence, NumberRange range) {
    const Json* found = value(key, presence);
    if (found == nullptr) {
        return std::nullopt;
    }
    if (!found->is_number()) {
        wrong_type(key, "a number", *found);
        return std::nullopt;
    }
    const double number = found->get<double>();
    if (!check_range(key, number, range)) {
        return std::nullopt;
    }
    return number;
}

std::optional<std::int64_t> ParamReader::integer(std::string_view key, Presence presence, NumberRange range) {
    const Json* found = value(key, presence);
    if (found == nullptr) {
        return std::nullopt;
    }
    if (found->is_number_integer() || found->is_number_unsigned()) {
        if (found->is_number_unsigned() && found->get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX)) {
            error(key, fmt::format("parameter '{}' is too large", key));
            return std::nullopt;
        }
        const std::int64_t number = found->get<std::int64_t>();
        if (!check_range(key, static_cast<double>(number), range)) {
            return std::nullopt;
        }
        return number;
    }
    constexpr double k_int_limit = 9.0e15;  // integral doubles are exact below 2^53
    if (found->is_number_float()) {
        const double number = found->get<double>();
        if (std::isfinite(number) && std::trunc(number) == number && std::fabs(number) < k_int_limit) {
            if (!check_range(key, number, range)) {
                return std::nullopt;
            }
            return static_cast<std::int64_t>(number);
        }
    }
    wrong_type(key, "a whole number", *found);
    return std::nullopt;
}

bool ParamReader::check_choice(std::string_view key, const std::string& word, const std::vector<std::string>& allowed) {
    if (std::find(allowed.begin(), allowed.end(), word) != allowed.end()) {
        return true;
    }
    error(key, fmt::format("'{}' is not a valid value for '{}'{}; expected one of: {}", word, key,
                           did_you_mean(word, allowed), fmt::join(allowed, ", ")));
    return false;
}

std::optional<std::string> ParamReader::choice(std::string_view key, Presence presence,
                                               const std::vector<std::string>& allowed) {
    std::optional<std::string> word = string(key, presence);
    if (!word || !check_choice(key, *word, allowed)) {
        return std::nullopt;
    }
    return word;
}

std::size_t ParamReader::expect_count_of(std::initializer_list<std::string_view> keys, std::size_t min,
                                         std::size_t max) {
    std::vector<std::string> present;
    std::vector<std::string> quoted;
    for (std::string_view key : keys) {
        quoted.push_back(fmt::format("'{}'", key));
        if (has(key)) {
            present.emplace_back(key);
        }
    }
    const std::string names = fmt::format("{}", fmt::join(quoted, ", "));
    if (present.size() < min) {
        std::string wanted = min == 1 && max == 1 ? "exactly one" : (min == 1 ? "at least one" : std::to_string(min));
        error("type", fmt::format("needs {} of {}", wanted, names));
    } else if (present.size() > max) {
        // Point at the first surplus key, where the user will look.
        error(present[max], max == 1 ? fmt::format("takes only one of {}; got {}", names,
                                                   fmt::format("'{}'", fmt::join(present, "', '")))
                                     : fmt::format("takes at most {} of {}", max, names));
    }
    return present.size();
}

}  // namespace evalbench

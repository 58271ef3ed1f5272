// Value helpers for the JSON Schema validator: JSON equality and number
// comparison as the specification defines them (not as nlohmann's operators
// do: ordered_json compares objects in key order), code point counting,
// JSON pointer escaping, message formatting, and the ECMA-262 -> RE2 bridge.

#include <cctype>
#include <cmath>
#include <cstdint>
#include <string>

#include <fmt/format.h>

#include "json_schema_tree.hpp"

namespace evalbench::schema {

namespace {

bool is_integral_type(const Json& value) {
    return value.is_number_integer() || value.is_number_unsigned();
}

// |value| of an integer JSON number, exactly (also for INT64_MIN).
std::uint64_t magnitude(const Json& value) {
    if (value.is_number_unsigned()) {
        return value.get<std::uint64_t>();
    }
    const std::int64_t signed_value = value.get<std::int64_t>();
    return signed_value < 0 ? 0U - static_cast<std::uint64_t>(signed_value) : static_cast<std::uint64_t>(signed_value);
}

bool is_negative(const Json& value) {
    return value.is_number_integer() && !value.is_number_unsigned() && value.get<std::int64_t>() < 0;
}

// long double holds every int64 and uint64 exactly on x86-64, so a mixed
// integer/float comparison does not lose the integer's low bits.
long double as_long_double(const Json& value) {
    if (value.is_number_unsigned()) {
        return static_cast<long double>(value.get<std::uint64_t>());
    }
    if (value.is_number_integer()) {
        return static_cast<long double>(value.get<std::int64_t>());
    }
    return static_cast<long double>(value.get<double>());
}

void append_code_point(std::string& out, std::uint32_t code_point) {
    out += fmt::format("\\x{{{:X}}}", code_point);
}

bool is_hex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// ECMA-262 WhiteSpace and LineTerminator, as the body of a character class.
constexpr const char* k_ecma_space =
    "\\t\\n\\x{0B}\\f\\r \\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}";

}  // namespace

bool json_equal(const Json& left, const Json& right) {
    if (left.is_number() && right.is_number()) {
        return compare_numbers(left, right) == 0;
    }
    if (left.type() != right.type()) {
        return false;
    }
    if (left.is_object()) {
        if (left.size() != right.size()) {
            return false;
        }
        for (const auto& [key, value] : left.items()) {
            const auto found = right.find(key);
            if (found == right.end() || !json_equal(value, *found)) {
                return false;
            }
        }
        return true;
    }
    if (left.is_array()) {
        if (left.size() != right.size()) {
            return false;
        }
        for (std::size_t i = 0; i < left.size(); ++i) {
            if (!json_equal(left[i], right[i])) {
                return false;
            }
        }
        return true;
    }
    return left == right;
}

int compare_numbers(const Json& left, const Json& right) {
    if (is_integral_type(left) && is_integral_type(right)) {
        const bool left_negative = is_negative(left);
        const bool right_negative = is_negative(right);
        if (left_negative != right_negative) {
            return left_negative ? -1 : 1;
        }
        const std::uint64_t a = magnitude(left);
        const std::uint64_t b = magnitude(right);
        const int by_magnitude = a < b ? -1 : (a > b ? 1 : 0);
        return left_negative ? -by_magnitude : by_magnitude;
    }
    const long double a = as_long_double(left);
    const long double b = as_long_double(right);
    return a < b ? -1 : (a > b ? 1 : 0);
}

bool is_integer_value(const Json& value) {
    if (is_integral_type(value)) {
        return true;
    }
    if (!value.is_number_float()) {
        return false;
    }
    const double number = value.get<double>();
    return std::isfinite(number) && std::floor(number) == number;
}

bool is_multiple_of(const Json& value, const Json& divisor) {
    if (is_integral_type(value) && is_integral_type(divisor)) {
        return magnitude(value) % magnitude(divisor) == 0;
    }
    const double quotient = value.get<double>() / divisor.get<double>();
    // Beyond 2^53 a double has no fractional digits left to disagree about
    // (and an overflow to infinity means a huge quotient): call it a multiple.
    if (!std::isfinite(quotient) || std::fabs(quotient) >= 9007199254740992.0) {
        return true;
    }
    // Decimal divisors such as 0.0001 are not exact in binary; allow the
    // rounding error of one division, relative to the quotient.
    const double tolerance = 1e-12 * std::fmax(1.0, std::fabs(quotient));
    return std::fabs(quotient - std::round(quotient)) <= tolerance;
}

std::size_t code_point_count(const std::string& text) {
    std::size_t count = 0;
    for (const char c : text) {
        // Count every byte that does not continue a UTF-8 sequence.
        if ((static_cast<unsigned char>(c) & 0xC0U) != 0x80U) {
            ++count;
        }
    }
    return count;
}

std::string escape_pointer_segment(const std::string& segment) {
    std::string out;
    out.reserve(segment.size());
    for (const char c : segment) {
        if (c == '~') {
            out += "~0";
        } else if (c == '/') {
            out += "~1";
        } else {
            out += c;
        }
    }
    return out;
}

std::string type_name(const Json& value) {
    if (value.is_number()) {
        return is_integer_value(value) ? "integer" : "number";
    }
    return value.type_name();  // null, boolean, string, array, object
}

std::string type_names(std::uint8_t types) {
    static const std::pair<std::uint8_t, const char*> k_names[] = {
        {k_type_null, "null"},     {k_type_boolean, "boolean"}, {k_type_object, "object"},   {k_type_array, "array"},
        {k_type_number, "number"}, {k_type_string, "string"},   {k_type_integer, "integer"},
    };
    std::string out;
    for (const auto& [bit, name] : k_names) {
        if ((types & bit) != 0) {
            out += out.empty() ? "" : " or ";
            out += name;
        }
    }
    return out;
}

std::string brief(const Json& value) {
    constexpr std::size_t k_max = 60;
    std::string text = value.dump(-1, ' ', false, nlohmann::detail::error_handler_t::replace);
    if (text.size() > k_max) {
        text.resize(k_max);
        text += "...";
    }
    return text;
}

std::string ecma_to_re2(const std::string& pattern) {
    std::string out;
    out.reserve(pattern.size() + 8);
    bool in_class = false;
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        const char c = pattern[i];
        if (c != '\\' || i + 1 >= pattern.size()) {
            if (c == '[' && !in_class) {
                in_class = true;
            } else if (c == ']' && in_class) {
                in_class = false;
            }
            out += c;
            continue;
        }
        const char next = pattern[i + 1];
        if (next == 'u' && i + 5 < pattern.size() && is_hex(pattern[i + 2]) && is_hex(pattern[i + 3]) &&
            is_hex(pattern[i + 4]) && is_hex(pattern[i + 5])) {
            std::uint32_t code = static_cast<std::uint32_t>(std::stoul(pattern.substr(i + 2, 4), nullptr, 16));
            i += 5;
            // A UTF-16 surrogate pair written as two escapes is one code point.
            if (code >= 0xD800 && code <= 0xDBFF && i + 6 < pattern.size() && pattern[i + 1] == '\\' &&
                pattern[i + 2] == 'u' && is_hex(pattern[i + 3]) && is_hex(pattern[i + 4]) && is_hex(pattern[i + 5]) &&
                is_hex(pattern[i + 6])) {
                const auto low = static_cast<std::uint32_t>(std::stoul(pattern.substr(i + 3, 4), nullptr, 16));
                if (low >= 0xDC00 && low <= 0xDFFF) {
                    code = 0x10000 + ((code - 0xD800) << 10U) + (low - 0xDC00);
                    i += 6;
                }
            }
            append_code_point(out, code);
        } else if (next == 's') {
            out += in_class ? std::string(k_ecma_space) : "[" + std::string(k_ecma_space) + "]";
            ++i;
        } else if (next == 'S' && !in_class) {
            out += "[^" + std::string(k_ecma_space) + "]";
            ++i;
        } else if (next == 'c' && i + 2 < pattern.size() && std::isalpha(static_cast<unsigned char>(pattern[i + 2]))) {
            append_code_point(out, static_cast<std::uint32_t>(pattern[i + 2]) % 32U);
            i += 2;
        } else if (next == '0' &&
                   (i + 2 >= pattern.size() || !std::isdigit(static_cast<unsigned char>(pattern[i + 2])))) {
            out += "\\x00";
            ++i;
        } else {
            out += c;
            out += next;
            ++i;
        }
    }
    return out;
}

}  // namespace evalbench::schema

// Normalisation for exact-match.
//
// Order matters and is fixed: punctuation is dropped first (so "a - b"
// leaves a double space), then whitespace runs collapse to one space, then
// both ends are trimmed, then case is folded. Case folding is simple
// one-to-one lowercasing for ASCII, Latin-1, Latin Extended-A, Greek and
// Cyrillic (no locale, no "ß" -> "ss"); punctuation means ASCII punctuation,
// the Latin-1 marks (¡ « » ¿ · ...) and the General Punctuation block
// (dashes, curly quotes, ellipsis). Anything wider needs Unicode tables the
// project does not carry; the limits are stated in the check's docs.

#include "metrics_normalize.hpp"

#include <algorithm>
#include <array>

#include <fmt/format.h>

#include "metrics_unicode.hpp"

namespace evalbench {

namespace {

char32_t to_lower(char32_t c) {
    if ((c >= U'A' && c <= U'Z') || (c >= 0xC0 && c <= 0xDE && c != 0xD7)) {
        return c + 0x20;  // ASCII and Latin-1
    }
    if (c >= 0x100 && c <= 0x17F) {
        // Latin Extended-A pairs upper/lower as even/odd, except the run
        // 0x139-0x148 and 0x179-0x17E, where the upper case is odd.
        const bool odd_upper = (c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E);
        if (c == 0x178) {
            return 0xFF;  // Ÿ pairs with Latin-1's ÿ
        }
        if (c == 0x130 || c == 0x131 || c == 0x138 || c == 0x149 || c == 0x17F) {
            return c == 0x130 ? U'i' : c;
        }
        if (odd_upper) {
            return (c % 2 == 1) ? c + 1 : c;
        }
        return (c % 2 == 0) ? c + 1 : c;
    }
    if ((c >= 0x391 && c <= 0x3A9 && c != 0x3A2) || (c >= 0x410 && c <= 0x42F)) {
        return c + 0x20;  // Greek and Cyrillic capitals
    }
    if (c >= 0x400 && c <= 0x40F) {
        return c + 0x50;  // Cyrillic Ѐ..Џ
    }
    return c;
}

bool is_punctuation(char32_t c) {
    if (c < 0x80) {
        return (c >= U'!' && c <= U'/') || (c >= U':' && c <= U'@') || (c >= U'[' && c <= U'`') ||
               (c >= U'{' && c <= U'~');
    }
    constexpr std::array<char32_t, 8> k_latin1 = {0xA1, 0xA7, 0xAB, 0xB6, 0xB7, 0xBB, 0xBF, 0xB4};
    if (std::find(k_latin1.begin(), k_latin1.end(), c) != k_latin1.end()) {
        return true;
    }
    return c >= 0x2010 && c <= 0x205E;
}

}  // namespace

std::string normalize_text(std::string_view text, const TextNormalization& normalization) {
    std::u32string out;
    bool pending_space = false;
    for (const char32_t c : unicode::decode_utf8(text)) {
        if (normalization.drop_punctuation && is_punctuation(c)) {
            continue;
        }
        if (normalization.collapse_whitespace && unicode::is_python_space(c)) {
            pending_space = true;
            continue;
        }
        if (pending_space) {
            out.push_back(U' ');
            pending_space = false;
        }
        out.push_back(normalization.fold_case ? to_lower(c) : c);
    }
    std::size_t begin = 0;
    std::size_t end = out.size();
    while (begin < end && unicode::is_python_space(out[begin])) {
        ++begin;
    }
    while (end > begin && unicode::is_python_space(out[end - 1])) {
        --end;
    }
    return unicode::encode_utf8(std::u32string_view(out).substr(begin, end - begin));
}

bool read_normalization(const CheckSpec& spec, TextNormalization& normalization, Diagnostics& diagnostics) {
    if (!spec.params.is_object() || !spec.params.contains("normalize")) {
        return true;
    }
    static const std::vector<std::string> k_names = {"case", "whitespace", "punctuation"};
    const Json& value = spec.params.at("normalize");
    const SourceLocation where = spec.location_of("normalize");
    std::vector<Json> items;
    if (value.is_array()) {
        items.assign(value.begin(), value.end());
    } else {
        items.push_back(value);
    }
    bool usable = true;
    for (const Json& item : items) {
        const std::string name = item.is_string() ? item.get<std::string>() : item.dump();
        if (name == "case") {
            normalization.fold_case = true;
        } else if (name == "whitespace") {
            normalization.collapse_whitespace = true;
        } else if (name == "punctuation") {
            normalization.drop_punctuation = true;
        } else {
            diagnostics.push_back({where, fmt::format("unknown normalization '{}' for check '{}'{}; expected one of: "
                                                      "case, whitespace, punctuation",
                                                      name, spec.type, did_you_mean(name, k_names))});
            usable = false;
        }
    }
    return usable;
}

}  // namespace evalbench

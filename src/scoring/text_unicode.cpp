// UTF-8 decoding, simple case folding, whitespace and punctuation classes,
// normalisation and quoting for reasons. Every function takes an ASCII fast
// path first: most answers are mostly ASCII, and the checks run per answer.

#include "text_unicode.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>

#include <fmt/format.h>

namespace evalbench::text {

namespace {

constexpr char32_t k_replacement = 0xFFFD;

bool is_continuation(unsigned char byte) {
    return (byte & 0xC0U) == 0x80U;
}

bool in(char32_t code_point, char32_t low, char32_t high) {
    return code_point >= low && code_point <= high;
}

}  // namespace

Decoded decode(std::string_view text, std::size_t at) {
    const auto lead = static_cast<unsigned char>(text[at]);
    if (lead < 0x80U) {
        return {lead, 1};
    }
    std::size_t length = 0;
    char32_t code_point = 0;
    char32_t minimum = 0;  // rejects overlong encodings
    if ((lead & 0xE0U) == 0xC0U) {
        length = 2;
        code_point = lead & 0x1FU;
        minimum = 0x80;
    } else if ((lead & 0xF0U) == 0xE0U) {
        length = 3;
        code_point = lead & 0x0FU;
        minimum = 0x800;
    } else if ((lead & 0xF8U) == 0xF0U) {
        length = 4;
        code_point = lead & 0x07U;
        minimum = 0x10000;
    } else {
        return {k_replacement, 1};
    }
    if (at + length > text.size()) {
        return {k_replacement, 1};
    }
    for (std::size_t index = 1; index < length; ++index) {
        const auto byte = static_cast<unsigned char>(text[at + index]);
        if (!is_continuation(byte)) {
            return {k_replacement, 1};
        }
        code_point = (code_point << 6U) | (byte & 0x3FU);
    }
    if (code_point < minimum || code_point > 0x10FFFF || in(code_point, 0xD800, 0xDFFF)) {
        return {k_replacement, 1};
    }
    return {code_point, length};
}

namespace {

std::size_t encode_utf8(char32_t code_point, char* out) {
    if (code_point < 0x80) {
        out[0] = static_cast<char>(code_point);
        return 1;
    }
    if (code_point < 0x800) {
        out[0] = static_cast<char>(0xC0U | (code_point >> 6U));
        out[1] = static_cast<char>(0x80U | (code_point & 0x3FU));
        return 2;
    }
    if (code_point < 0x10000) {
        out[0] = static_cast<char>(0xE0U | (code_point >> 12U));
        out[1] = static_cast<char>(0x80U | ((code_point >> 6U) & 0x3FU));
        out[2] = static_cast<char>(0x80U | (code_point & 0x3FU));
        return 3;
    }
    out[0] = static_cast<char>(0xF0U | (code_point >> 18U));
    out[1] = static_cast<char>(0x80U | ((code_point >> 12U) & 0x3FU));
    out[2] = static_cast<char>(0x80U | ((code_point >> 6U) & 0x3FU));
    out[3] = static_cast<char>(0x80U | (code_point & 0x3FU));
    return 4;
}

}  // namespace

void append_utf8(std::string& out, char32_t code_point) {
    if (code_point > 0x10FFFF || in(code_point, 0xD800, 0xDFFF)) {
        code_point = k_replacement;  // never write bytes that are not UTF-8
    }
    char encoded[4];
    out.append(encoded, encode_utf8(code_point, encoded));
}

std::size_t length(std::string_view text) {
    return char_index(text, text.size());
}

std::size_t char_index(std::string_view text, std::size_t byte) {
    constexpr std::size_t k_word = sizeof(std::uint64_t);
    constexpr std::uint64_t k_high_bits = 0x8080808080808080ULL;
    std::size_t count = 0;
    std::size_t at = 0;
    const std::size_t end = std::min(byte, text.size());
    while (at < end) {
        // Eight ASCII bytes at a time: they are eight characters.
        std::uint64_t word = 0;
        if (at + k_word <= end && (std::memcpy(&word, text.data() + at, k_word), (word & k_high_bits) == 0)) {
            at += k_word;
            count += k_word;
            continue;
        }
        if (static_cast<unsigned char>(text[at]) < 0x80U) {
            ++at;
        } else {
            at += decode(text, at).length;
        }
        ++count;
    }
    return count;
}

std::size_t byte_offset(std::string_view text, std::size_t index) {
    std::size_t at = 0;
    for (std::size_t count = 0; count < index && at < text.size(); ++count) {
        at += decode(text, at).length;
    }
    return at;
}

bool is_space(char32_t code_point) {
    if (code_point < 0x80) {
        return code_point == ' ' || in(code_point, 0x09, 0x0D);
    }
    return code_point == 0x85 || code_point == 0xA0 || code_point == 0x1680 || in(code_point, 0x2000, 0x200A) ||
           code_point == 0x2028 || code_point == 0x2029 || code_point == 0x202F || code_point == 0x205F ||
           code_point == 0x3000;
}

bool is_punctuation(char32_t code_point) {
    if (code_point < 0x80) {
        return in(code_point, 0x21, 0x2F) || in(code_point, 0x3A, 0x40) || in(code_point, 0x5B, 0x60) ||
               in(code_point, 0x7B, 0x7E);
    }
    switch (code_point) {
        case 0xA1: case 0xA7: case 0xAB: case 0xB6: case 0xB7: case 0xBB: case 0xBF: return true;
        default: break;
    }
    return in(code_point, 0x2010, 0x2027) || in(code_point, 0x2030, 0x205E) || in(code_point, 0x3001, 0x3003) ||
           in(code_point, 0x3008, 0x3011) || in(code_point, 0x3014, 0x301F) || in(code_point, 0xFF01, 0xFF0F) ||
           in(code_point, 0xFF1A, 0xFF20) || in(code_point, 0xFF3B, 0xFF40) || in(code_point, 0xFF5B, 0xFF65);
}

char32_t fold_case(char32_t code_point) {
    if (code_point < 0x80) {
        return in(code_point, 'A', 'Z') ? code_point + 0x20 : code_point;
    }
    if (in(code_point, 0xC0, 0xDE) && code_point != 0xD7) {
        return code_point + 0x20;  // Latin-1 capitals
    }
    if (in(code_point, 0x100, 0x17F)) {
        // Latin Extended-A pairs capitals and small letters; the parity of
        // the capital flips at U+0139 and back at U+014A.
        if (code_point == 0x130) {
            return 'i';  // İ
        }
        if (code_point == 0x178) {
            return 0xFF;  // Ÿ
        }
        if (code_point == 0x17F) {
            return 's';  // long s
        }
        const bool odd_capitals = in(code_point, 0x139, 0x148) || in(code_point, 0x179, 0x17E);
        if (code_point == 0x131 || code_point == 0x138 || code_point == 0x149) {
            return code_point;
        }
        const bool is_capital = odd_capitals ? (code_point % 2 == 1) : (code_point % 2 == 0);
        return is_capital ? code_point + 1 : code_point;
    }
    if (in(code_point, 0x391, 0x3A9) && code_point != 0x3A2) {
        return code_point + 0x20;  // Greek capitals
    }
    switch (code_point) {
        case 0x386: return 0x3AC;
        case 0x388: case 0x389: case 0x38A: return code_point + 0x25;
        case 0x38C: return 0x3CC;
        case 0x38E: case 0x38F: return code_point + 0x3F;
        case 0x3C2: return 0x3C3;  // final sigma folds to sigma
        default: break;
    }
    if (in(code_point, 0x410, 0x42F)) {
        return code_point + 0x20;  // Cyrillic capitals
    }
    if (in(code_point, 0x400, 0x40F)) {
        return code_point + 0x50;
    }
    return code_point;
}

std::string_view trim_start(std::string_view text) {
    std::size_t at = 0;
    while (at < text.size()) {
        const Decoded decoded = decode(text, at);
        if (!is_space(decoded.code_point)) {
            break;
        }
        at += decoded.length;
    }
    return text.substr(at);
}

std::string_view trim(std::string_view text) {
    text = trim_start(text);
    // Walk back over whole code points: find each one's lead byte first.
    std::size_t end = text.size();
    while (end > 0) {
        std::size_t lead = end - 1;
        while (lead > 0 && end - lead < 4 && is_continuation(static_cast<unsigned char>(text[lead]))) {
            --lead;
        }
        const Decoded decoded = decode(text, lead);
        if (lead + decoded.length != end || !is_space(decoded.code_point)) {
            break;
        }
        end = lead;
    }
    return text.substr(0, end);
}

namespace {

// ASCII classes by table: the loops below see mostly ASCII.
constexpr unsigned char k_plain = 0;
constexpr unsigned char k_space = 1;
constexpr unsigned char k_punct = 2;
constexpr unsigned char k_upper = 4;

constexpr std::array<unsigned char, 128> k_ascii = [] {
    std::array<unsigned char, 128> table{};
    for (std::size_t c = 0; c < table.size(); ++c) {
        const bool space = c == ' ' || (c >= 0x09 && c <= 0x0D);
        const bool punct = (c >= 0x21 && c <= 0x2F) || (c >= 0x3A && c <= 0x40) || (c >= 0x5B && c <= 0x60) ||
                           (c >= 0x7B && c <= 0x7E);
        table[c] = static_cast<unsigned char>((space ? k_space : 0) | (punct ? k_punct : 0) |
                                              (c >= 'A' && c <= 'Z' ? k_upper : 0));
    }
    return table;
}();

// The code point at `at`, ASCII without a call.
Decoded next_code_point(std::string_view text, std::size_t at) {
    const auto byte = static_cast<unsigned char>(text[at]);
    return byte < 0x80U ? Decoded{byte, 1} : decode(text, at);
}

char* put_utf8(char* out, char32_t code_point) {
    char encoded[4];
    const std::size_t size = encode_utf8(code_point, encoded);
    return std::copy(encoded, encoded + size, out);
}

}  // namespace

std::size_t count_words(std::string_view text) {
    std::size_t words = 0;
    bool in_word = false;
    std::size_t at = 0;
    while (at < text.size()) {
        const Decoded decoded = next_code_point(text, at);
        at += decoded.length;
        const bool space = decoded.code_point < 0x80 ? (k_ascii[decoded.code_point] & k_space) != 0
                                                     : is_space(decoded.code_point);
        if (!space && !in_word) {
            ++words;
        }
        in_word = !space;
    }
    return words;
}

void normalize_into(std::string_view text, const Normalization& normalization, std::string& out) {
    // The result is never longer than the input: folding maps a code point
    // to one of the same UTF-8 length or shorter (İ, ſ), punctuation goes,
    // whitespace runs shrink to one byte. So write through a pointer into a
    // buffer of the input's size, then cut it to length.
    out.resize(text.size());
    char* const begin = out.data();
    char* write = begin;
    bool pending_space = false;
    std::size_t at = 0;
    while (at < text.size()) {
        const Decoded decoded = next_code_point(text, at);
        at += decoded.length;
        char32_t code_point = decoded.code_point;
        const unsigned char ascii = code_point < 0x80 ? k_ascii[code_point] : k_plain;
        if (normalization.strip_punctuation &&
            (code_point < 0x80 ? (ascii & k_punct) != 0 : is_punctuation(code_point))) {
            continue;
        }
        if (normalization.collapse_whitespace && (code_point < 0x80 ? (ascii & k_space) != 0 : is_space(code_point))) {
            pending_space = write != begin;  // leading whitespace is dropped
            continue;
        }
        if (pending_space) {
            *write++ = ' ';  // trailing whitespace never gets here
            pending_space = false;
        }
        if (code_point < 0x80) {
            *write++ = static_cast<char>(normalization.fold_case && (ascii & k_upper) != 0 ? code_point + 0x20 : code_point);
            continue;
        }
        if (normalization.fold_case) {
            code_point = fold_case(code_point);
        }
        if (code_point == k_replacement && decoded.length == 1) {
            *write++ = text[at - 1];  // keep an invalid byte as it was
        } else {
            write = put_utf8(write, code_point);
        }
    }
    out.resize(static_cast<std::size_t>(write - begin));
}

std::string normalize(std::string_view text, const Normalization& normalization) {
    std::string out;
    normalize_into(text, normalization, out);
    return out;
}

namespace {

// Appends at most `chars_left` code points of `text`, escaped; returns the
// bytes consumed.
std::size_t append_escaped(std::string& out, std::string_view text, std::size_t chars_left) {
    std::size_t at = 0;
    while (at < text.size() && chars_left > 0) {
        const char c = text[at];
        if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') {
            out.push_back(c);  // printable ASCII as is
            ++at;
            --chars_left;
            continue;
        }
        const Decoded decoded = decode(text, at);
        at += decoded.length;
        --chars_left;
        switch (decoded.code_point) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                if (decoded.code_point < 0x20 || decoded.code_point == 0x7F) {
                    out += fmt::format("\\x{:02x}", static_cast<unsigned>(decoded.code_point));
                } else {
                    append_utf8(out, decoded.code_point);  // invalid bytes become U+FFFD: reasons stay valid UTF-8
                }
        }
    }
    return at;
}

}  // namespace

std::string valid_utf8(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    std::size_t at = 0;
    while (at < text.size()) {
        const Decoded decoded = next_code_point(text, at);
        if (decoded.code_point == k_replacement && decoded.length == 1) {
            append_utf8(out, k_replacement);
        } else {
            out.append(text.substr(at, decoded.length));
        }
        at += decoded.length;
    }
    return out;
}

std::string quote(std::string_view text, std::size_t max_chars) {
    std::string out = "\"";
    const std::size_t consumed = append_escaped(out, text, max_chars);
    if (consumed < text.size()) {
        out += fmt::format("…\" ({} chars)", length(text));
    } else {
        out += '"';
    }
    return out;
}

std::string quote_window(std::string_view text, std::size_t begin, std::size_t end, std::size_t context_chars) {
    constexpr std::size_t k_max_match_chars = 80;
    // Step back `context_chars` code points from `begin`.
    std::size_t start = std::min(begin, text.size());
    for (std::size_t steps = 0; steps < context_chars && start > 0; ++steps) {
        --start;
        while (start > 0 && is_continuation(static_cast<unsigned char>(text[start]))) {
            --start;
        }
    }
    const std::size_t before_chars = length(text.substr(start, begin - start));
    const std::size_t match_chars = std::min(length(text.substr(begin, end - begin)), k_max_match_chars);
    std::string out = start > 0 ? "\"…" : "\"";
    const std::size_t consumed =
        append_escaped(out, text.substr(start), before_chars + match_chars + context_chars);
    out += start + consumed < text.size() ? "…\"" : "\"";
    return out;
}

}  // namespace evalbench::text

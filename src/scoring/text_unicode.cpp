// UTF-8 decoding, simple case folding, whitespace and punctuation classes,
// normalisation and quoting for reasons. Every function takes an ASCII fast
// path first: most answers are mostly ASCII, and the checks run per answer.

#include "text_unicode.hpp"

#include <algorithm>

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

void append_utf8(std::string& out, char32_t code_point) {
    if (code_point < 0x80) {
        out.push_back(static_cast<char>(code_point));
    } else if (code_point < 0x800) {
        out.push_back(static_cast<char>(0xC0U | (code_point >> 6U)));
        out.push_back(static_cast<char>(0x80U | (code_point & 0x3FU)));
    } else if (code_point < 0x10000) {
        out.push_back(static_cast<char>(0xE0U | (code_point >> 12U)));
        out.push_back(static_cast<char>(0x80U | ((code_point >> 6U) & 0x3FU)));
        out.push_back(static_cast<char>(0x80U | (code_point & 0x3FU)));
    } else {
        out.push_back(static_cast<char>(0xF0U | (code_point >> 18U)));
        out.push_back(static_cast<char>(0x80U | ((code_point >> 12U) & 0x3FU)));
        out.push_back(static_cast<char>(0x80U | ((code_point >> 6U) & 0x3FU)));
        out.push_back(static_cast<char>(0x80U | (code_point & 0x3FU)));
    }
}

std::size_t length(std::string_view text) {
    return char_index(text, text.size());
}

std::size_t char_index(std::string_view text, std::size_t byte) {
    std::size_t count = 0;
    std::size_t at = 0;
    while (at < byte && at < text.size()) {
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

std::size_t count_words(std::string_view text) {
    std::size_t words = 0;
    bool in_word = false;
    std::size_t at = 0;
    while (at < text.size()) {
        const Decoded decoded = decode(text, at);
        at += decoded.length;
        const bool space = is_space(decoded.code_point);
        if (!space && !in_word) {
            ++words;
        }
        in_word = !space;
    }
    return words;
}

void normalize_into(std::string_view text, const Normalization& normalization, std::string& out) {
    out.clear();
    bool pending_space = false;
    std::size_t at = 0;
    while (at < text.size()) {
        const Decoded decoded = decode(text, at);
        at += decoded.length;
        char32_t code_point = decoded.code_point;
        if (normalization.strip_punctuation && is_punctuation(code_point)) {
            continue;
        }
        if (normalization.collapse_whitespace && is_space(code_point)) {
            pending_space = !out.empty();  // leading whitespace is dropped
            continue;
        }
        if (pending_space) {
            out.push_back(' ');  // trailing whitespace never gets here
            pending_space = false;
        }
        if (normalization.fold_case) {
            code_point = fold_case(code_point);
        }
        if (code_point == k_replacement && decoded.length == 1) {
            out.push_back(text[at - 1]);  // keep an invalid byte as it was
        } else {
            append_utf8(out, code_point);
        }
    }
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

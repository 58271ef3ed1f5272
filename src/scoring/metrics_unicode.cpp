// UTF-8 decoding and Python-compatible whitespace for the text metrics.
//
// Decoding is strict (RFC 3629): overlong forms, surrogates and values past
// U+10FFFF are invalid, and an invalid lead or truncated sequence costs one
// U+FFFD per offending byte, so a stray byte never swallows the text after it.

#include "metrics_unicode.hpp"

#include "text_unicode.hpp"

namespace evalbench::unicode {

// Decoding and encoding are the text checks' (text_unicode.hpp), so every
// check reads an answer's characters the same way.
std::u32string decode_utf8(std::string_view text) {
    std::u32string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        const text::Decoded decoded = text::decode(text, i);
        out.push_back(decoded.code_point);
        i += decoded.length;
    }
    return out;
}

void append_utf8(std::string& out, char32_t code_point) {
    text::append_utf8(out, code_point);
}

std::string encode_utf8(std::u32string_view text) {
    std::string out;
    out.reserve(text.size());
    for (const char32_t code_point : text) {
        append_utf8(out, code_point);
    }
    return out;
}

bool is_python_space(char32_t c) {
    // CPython's _PyUnicode_IsWhitespace: bidi classes WS, B, S and category Zs.
    switch (c) {
        case 0x09: case 0x0A: case 0x0B: case 0x0C: case 0x0D:
        case 0x1C: case 0x1D: case 0x1E: case 0x1F: case 0x20:
        case 0x85: case 0xA0: case 0x1680:
        case 0x2028: case 0x2029: case 0x202F: case 0x205F: case 0x3000:
            return true;
        default:
            return c >= 0x2000 && c <= 0x200A;
    }
}

std::vector<std::u32string_view> split_whitespace(std::u32string_view text) {
    std::vector<std::u32string_view> pieces;
    std::size_t i = 0;
    while (i < text.size()) {
        while (i < text.size() && is_python_space(text[i])) {
            ++i;
        }
        const std::size_t start = i;
        while (i < text.size() && !is_python_space(text[i])) {
            ++i;
        }
        if (i > start) {
            pieces.push_back(text.substr(start, i - start));
        }
    }
    return pieces;
}

}  // namespace evalbench::unicode

#pragma once
// Private: the little Unicode the text metrics need. The reference tools are
// Python programs that work on code points and split on Python's notion of
// whitespace, so agreeing with them means doing the same here.

#include <string>
#include <string_view>
#include <vector>

namespace evalbench::unicode {

// UTF-8 to code points; each byte that does not start a valid, shortest-form
// sequence becomes U+FFFD on its own.
std::u32string decode_utf8(std::string_view text);

// Code points to UTF-8 (surrogates and values past U+10FFFF become U+FFFD).
std::string encode_utf8(std::u32string_view text);
void append_utf8(std::string& out, char32_t code_point);

// Python's str.isspace(), which str.split() and re's \s use.
bool is_python_space(char32_t code_point);

// Python's str.split() without arguments: runs of whitespace separate, no
// empty pieces.
std::vector<std::u32string_view> split_whitespace(std::u32string_view text);

}  // namespace evalbench::unicode

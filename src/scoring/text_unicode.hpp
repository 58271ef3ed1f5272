#pragma once
// Private: the small amount of Unicode the text checks need, without ICU.
//
// Answers are UTF-8. Lengths count code points; a byte that is not valid
// UTF-8 counts as one character and decodes as U+FFFD, so nothing throws on
// a broken answer. Case folding is simple (one code point to one) and
// covers ASCII, Latin-1, Latin Extended-A, Greek and Cyrillic; whitespace
// and punctuation follow Unicode's White_Space property and the common
// punctuation blocks (ASCII as Python's string.punctuation, Latin-1, General
// Punctuation, CJK and fullwidth forms).

#include <cstddef>
#include <string>
#include <string_view>

namespace evalbench::text {

struct Decoded {
    char32_t code_point = 0;
    std::size_t length = 1;  // bytes consumed, at least 1
};

// The code point starting at byte `at` (which must be < text.size()).
Decoded decode(std::string_view text, std::size_t at);
void append_utf8(std::string& out, char32_t code_point);

// Code points in `text` (an invalid byte counts as one).
std::size_t length(std::string_view text);
// The code point index of byte offset `byte` (for "at char N" in reasons).
std::size_t char_index(std::string_view text, std::size_t byte);
// The byte offset of code point number `index` (text.size() past the end).
std::size_t byte_offset(std::string_view text, std::size_t index);

bool is_space(char32_t code_point);
bool is_punctuation(char32_t code_point);
char32_t fold_case(char32_t code_point);

// `text` without leading and trailing whitespace.
std::string_view trim(std::string_view text);
std::string_view trim_start(std::string_view text);
// Maximal runs of non-whitespace.
std::size_t count_words(std::string_view text);

struct Normalization {
    bool fold_case = false;
    bool collapse_whitespace = false;  // trim, and runs of whitespace become one space
    bool strip_punctuation = false;    // punctuation is removed ("U.S." -> "US")
    bool any() const { return fold_case || collapse_whitespace || strip_punctuation; }
};

// Writes the normalised `text` into `out` (cleared first; reusing `out`
// avoids an allocation per answer).
void normalize_into(std::string_view text, const Normalization& normalization, std::string& out);
std::string normalize(std::string_view text, const Normalization& normalization);

// `text` with every invalid UTF-8 byte replaced by U+FFFD, so it can go
// into a JSON journal.
std::string valid_utf8(std::string_view text);

// `"text"` with quotes, escapes and at most `max_chars` code points; a cut is
// marked with "…" and the total length: `"Hello wor…" (523 chars)`.
std::string quote(std::string_view text, std::size_t max_chars = 80);
// The bytes [begin, end) with a little context on each side, quoted:
// `"…context [match] context…"`.
std::string quote_window(std::string_view text, std::size_t begin, std::size_t end, std::size_t context_chars = 24);

}  // namespace evalbench::text

#pragma once
// Private: the `normalize` option of exact-match, and the text folding it
// names. Trimming always happens; the rest is opt-in.

#include <string>
#include <string_view>

#include "evalbench/core/error.hpp"
#include "evalbench/core/test_case.hpp"

namespace evalbench {

struct TextNormalization {
    bool fold_case = false;            // "case"
    bool collapse_whitespace = false;  // "whitespace": runs of whitespace become one space
    bool drop_punctuation = false;     // "punctuation"
};

// Trims (Python whitespace) and applies the chosen normalisations.
std::string normalize_text(std::string_view text, const TextNormalization& normalization);

// Reads `normalize: case` or `normalize: [case, whitespace, punctuation]`;
// reports a bad value at its location and returns false.
bool read_normalization(const CheckSpec& spec, TextNormalization& normalization, Diagnostics& diagnostics);

}  // namespace evalbench

#pragma once
// Private: edit distance over code points for the consistency statistics.

#include <cstddef>
#include <string_view>
#include <vector>

namespace evalbench::repeats {

// Decodes UTF-8 leniently: a byte that does not start a well-formed
// sequence becomes one code point of its own, so no input is rejected.
std::vector<char32_t> code_points(std::string_view text);

// Levenshtein distance (insert, delete, substitute; each costs 1).
std::size_t levenshtein_distance(const std::vector<char32_t>& left, const std::vector<char32_t>& right);

}  // namespace evalbench::repeats

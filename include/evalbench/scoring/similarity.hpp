#pragma once
// Vector similarity for the `similar` check (embedding cosine).

#include <expected>
#include <string>
#include <vector>

namespace evalbench {

// cos(a, b) = a·b / (|a| |b|), in [-1, 1]. Fails (with a message) on empty
// vectors, vectors of different lengths, a zero vector (no direction to
// compare) or a non-finite component.
std::expected<double, std::string> cosine_similarity(const std::vector<double>& a, const std::vector<double>& b);

}  // namespace evalbench

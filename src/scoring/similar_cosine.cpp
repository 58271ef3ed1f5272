// Cosine similarity. Sums run in long double and the result is clamped to
// [-1, 1]: rounding can push the cosine of a vector with itself to
// 1.0000000000000002, which would read as "more similar than identical".

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "evalbench/scoring/similarity.hpp"

namespace evalbench {

std::expected<double, std::string> cosine_similarity(const std::vector<double>& a, const std::vector<double>& b) {
    if (a.empty() || b.empty()) {
        return std::unexpected(std::string("an embedding is empty"));
    }
    if (a.size() != b.size()) {
        return std::unexpected(fmt::format("embeddings differ in length ({} and {})", a.size(), b.size()));
    }
    long double dot = 0.0L;
    long double norm_a = 0.0L;
    long double norm_b = 0.0L;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (!std::isfinite(a[i]) || !std::isfinite(b[i])) {
            return std::unexpected(fmt::format("an embedding has a non-finite component at index {}", i));
        }
        dot += static_cast<long double>(a[i]) * b[i];
        norm_a += static_cast<long double>(a[i]) * a[i];
        norm_b += static_cast<long double>(b[i]) * b[i];
    }
    if (norm_a == 0.0L || norm_b == 0.0L) {
        return std::unexpected(std::string("an embedding is the zero vector"));
    }
    const long double cosine = dot / (std::sqrt(norm_a) * std::sqrt(norm_b));
    return std::clamp(static_cast<double>(cosine), -1.0, 1.0);
}

}  // namespace evalbench

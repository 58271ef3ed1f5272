// Repeat statistics.
//
// pass@k uses the product form of Chen et al. 2021 instead of binomial
// coefficients: C(n-c, k) / C(n, k) = prod_{i=n-c+1}^{n} (1 - k/i), which
// never forms a large number, so n = 200 samples is as exact as n = 2.
// When fewer than k samples failed (n - c < k) every draw of k contains a
// pass and the value is exactly 1.
//
// Consistency compares every pair of answers with a bit-parallel edit
// distance (repeats_levenshtein.cpp); exact agreement compares the trimmed
// texts byte for byte.

#include "evalbench/analysis/repeats.hpp"

#include "repeats_levenshtein.hpp"

#include <algorithm>
#include <cstdint>
#include <stdexcept>
#include <string_view>

#include <fmt/format.h>

namespace evalbench {

std::optional<double> pass_at_k(int n, int c, int k) {
    if (n < 1 || c < 0 || c > n || k < 1) {
        throw std::invalid_argument(fmt::format("pass_at_k needs n >= 1, 0 <= c <= n, k >= 1 (got n={}, c={}, k={})",
                                                n, c, k));
    }
    if (k > n) {
        return std::nullopt;
    }
    if (n - c < k) {
        return 1.0;
    }
    double all_fail = 1.0;
    for (int i = n - c + 1; i <= n; ++i) {
        all_fail *= 1.0 - static_cast<double>(k) / static_cast<double>(i);
    }
    return 1.0 - all_fail;
}

std::optional<double> mean_pass_at_k(const std::vector<RepeatCounts>& cases, int k) {
    double sum = 0.0;
    int counted = 0;
    for (const RepeatCounts& counts : cases) {
        if (const std::optional<double> value = pass_at_k(counts.n, counts.c, k)) {
            sum += *value;
            ++counted;
        }
    }
    if (counted == 0) {
        return std::nullopt;
    }
    return sum / counted;
}

namespace {

std::string_view trimmed(std::string_view text) {
    const std::size_t first = text.find_first_not_of(" \t\r\n\f\v");
    if (first == std::string_view::npos) {
        return {};
    }
    const std::size_t last = text.find_last_not_of(" \t\r\n\f\v");
    return text.substr(first, last - first + 1);
}

}  // namespace

double normalized_levenshtein_similarity(const std::string& left, const std::string& right) {
    const std::vector<char32_t> left_points = repeats::code_points(left);
    const std::vector<char32_t> right_points = repeats::code_points(right);
    const std::size_t longest = std::max(left_points.size(), right_points.size());
    if (longest == 0) {
        return 1.0;
    }
    const std::size_t distance = repeats::levenshtein_distance(left_points, right_points);
    return 1.0 - static_cast<double>(distance) / static_cast<double>(longest);
}

Consistency consistency(const std::vector<std::string>& answers) {
    Consistency result;
    if (answers.size() < 2) {
        return result;
    }
    std::vector<std::vector<char32_t>> decoded;
    decoded.reserve(answers.size());
    for (const std::string& answer : answers) {
        decoded.push_back(repeats::code_points(answer));
    }
    double similarity_sum = 0.0;
    int identical = 0;
    for (std::size_t a = 0; a < answers.size(); ++a) {
        for (std::size_t b = a + 1; b < answers.size(); ++b) {
            const std::size_t longest = std::max(decoded[a].size(), decoded[b].size());
            if (longest == 0) {
                similarity_sum += 1.0;
            } else {
                const std::size_t distance = repeats::levenshtein_distance(decoded[a], decoded[b]);
                similarity_sum += 1.0 - static_cast<double>(distance) / static_cast<double>(longest);
            }
            if (trimmed(answers[a]) == trimmed(answers[b])) {
                ++identical;
            }
            ++result.pairs;
        }
    }
    result.mean_similarity = similarity_sum / result.pairs;
    result.exact_agreement = static_cast<double>(identical) / result.pairs;
    return result;
}

}  // namespace evalbench

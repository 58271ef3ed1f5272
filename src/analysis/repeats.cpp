// Repeat statistics.
//
// pass@k uses the product form of Chen et al. 2021 instead of binomial
// coefficients: C(n-c, k) / C(n, k) = prod_{i=n-c+1}^{n} (1 - k/i), which
// never forms a large number, so n = 200 samples is as exact as n = 2.
// When fewer than k samples failed (n - c < k) every draw of k contains a
// pass and the value is exactly 1.
//
// Consistency compares every pair of answers. Repeats of one prompt tend to
// share long openings and endings, so the edit distance first strips the
// common prefix and suffix and runs the two-row dynamic programme only on
// the differing middle; that keeps the pairwise cost low in practice.

#include "evalbench/analysis/repeats.hpp"

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

// Decodes UTF-8 leniently: a byte that does not start a well-formed
// sequence becomes one code point of its own, so no input is rejected.
std::vector<char32_t> code_points(std::string_view text) {
    std::vector<char32_t> points;
    points.reserve(text.size());
    std::size_t at = 0;
    while (at < text.size()) {
        const auto lead = static_cast<unsigned char>(text[at]);
        int length = 1;
        char32_t point = lead;
        if (lead >= 0xC2 && lead <= 0xDF) {
            length = 2;
            point = lead & 0x1Fu;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            length = 3;
            point = lead & 0x0Fu;
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            length = 4;
            point = lead & 0x07u;
        }
        bool valid = at + static_cast<std::size_t>(length) <= text.size();
        for (int i = 1; valid && i < length; ++i) {
            const auto next = static_cast<unsigned char>(text[at + static_cast<std::size_t>(i)]);
            valid = (next & 0xC0u) == 0x80u;
            point = (point << 6) | (next & 0x3Fu);
        }
        if (!valid) {
            length = 1;
            point = 0xDC00u + lead;  // an unpaired surrogate: distinct per byte, never a real character
        }
        points.push_back(point);
        at += static_cast<std::size_t>(length);
    }
    return points;
}

std::size_t edit_distance(const std::vector<char32_t>& left, const std::vector<char32_t>& right) {
    std::size_t prefix = 0;
    while (prefix < left.size() && prefix < right.size() && left[prefix] == right[prefix]) {
        ++prefix;
    }
    std::size_t suffix = 0;
    while (suffix < left.size() - prefix && suffix < right.size() - prefix &&
           left[left.size() - 1 - suffix] == right[right.size() - 1 - suffix]) {
        ++suffix;
    }
    const std::size_t rows = left.size() - prefix - suffix;
    const std::size_t columns = right.size() - prefix - suffix;
    if (rows == 0 || columns == 0) {
        return rows + columns;
    }
    std::vector<std::size_t> previous(columns + 1);
    std::vector<std::size_t> current(columns + 1);
    for (std::size_t j = 0; j <= columns; ++j) {
        previous[j] = j;
    }
    for (std::size_t i = 1; i <= rows; ++i) {
        current[0] = i;
        const char32_t left_point = left[prefix + i - 1];
        for (std::size_t j = 1; j <= columns; ++j) {
            const std::size_t substitute = previous[j - 1] + (left_point == right[prefix + j - 1] ? 0 : 1);
            current[j] = std::min({previous[j] + 1, current[j - 1] + 1, substitute});
        }
        std::swap(previous, current);
    }
    return previous[columns];
}

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
    const std::vector<char32_t> left_points = code_points(left);
    const std::vector<char32_t> right_points = code_points(right);
    const std::size_t longest = std::max(left_points.size(), right_points.size());
    if (longest == 0) {
        return 1.0;
    }
    return 1.0 - static_cast<double>(edit_distance(left_points, right_points)) / static_cast<double>(longest);
}

Consistency consistency(const std::vector<std::string>& answers) {
    Consistency result;
    if (answers.size() < 2) {
        return result;
    }
    std::vector<std::vector<char32_t>> decoded;
    decoded.reserve(answers.size());
    for (const std::string& answer : answers) {
        decoded.push_back(code_points(answer));
    }
    double similarity_sum = 0.0;
    int identical = 0;
    for (std::size_t a = 0; a < answers.size(); ++a) {
        for (std::size_t b = a + 1; b < answers.size(); ++b) {
            const std::size_t longest = std::max(decoded[a].size(), decoded[b].size());
            similarity_sum += longest == 0 ? 1.0
                                           : 1.0 - static_cast<double>(edit_distance(decoded[a], decoded[b])) /
                                                       static_cast<double>(longest);
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

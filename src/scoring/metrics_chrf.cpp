// Sentence chrF exactly as sacreBLEU 2.x computes it.
//
// Reference: sacrebleu/metrics/chrf.py and helpers.py (extract_all_char_ngrams).
//
// Both texts lose all whitespace (Python's "".join(s.split())) unless asked
// to keep it; then for each order n = 1..6 we count character n-grams over
// code points and record [hypothesis n-grams, reference n-grams, matches],
// where matches clip each hypothesis n-gram count by the reference's (the
// hypothesis count is reported as 0 when the reference has no n-gram of that
// order, as sacreBLEU does). From those statistics:
//   - effective-order averaging (the 2.x default, eps_smoothing=False):
//     average precision and recall over the orders where both sides have
//     n-grams, then F-beta = (1 + b^2) P R / (b^2 P + R);
//   - epsilon smoothing (eps_smoothing=True, chrF++.py): the mean over all
//     orders of each order's F-beta, an empty order counting as 1e-16.
// With several references the one with the best score wins (the first on a
// tie). Results are on sacreBLEU's 0-100 scale.

#include <algorithm>
#include <unordered_map>

#include "evalbench/scoring/text_metrics.hpp"
#include "metrics_unicode.hpp"

namespace evalbench {

namespace {

struct OrderStatistics {
    std::size_t hypothesis = 0;
    std::size_t reference = 0;
    std::size_t matches = 0;
};

// Keys are views into the (kept alive) preprocessed text; n-grams of
// different orders have different lengths, so one map serves all orders.
using CharNgrams = std::unordered_map<std::u32string_view, std::size_t>;

std::u32string preprocess(std::string_view text, ChrfWhitespace whitespace) {
    std::u32string decoded = unicode::decode_utf8(text);
    if (whitespace == ChrfWhitespace::keep) {
        return decoded;
    }
    std::u32string joined;
    joined.reserve(decoded.size());
    for (const char32_t c : decoded) {
        if (!unicode::is_python_space(c)) {
            joined.push_back(c);
        }
    }
    return joined;
}

CharNgrams count_char_ngrams(std::u32string_view text, std::size_t max_order) {
    CharNgrams counts;
    for (std::size_t n = 1; n <= max_order; ++n) {
        for (std::size_t i = 0; i + n <= text.size(); ++i) {
            ++counts[text.substr(i, n)];
        }
    }
    return counts;
}

std::size_t ngrams_of_order(std::size_t length, std::size_t n) {
    return length >= n ? length - n + 1 : 0;
}

std::vector<OrderStatistics> match_statistics(const CharNgrams& hypothesis, std::size_t hypothesis_length,
                                              const CharNgrams& reference, std::size_t reference_length,
                                              std::size_t max_order) {
    std::vector<OrderStatistics> statistics(max_order);
    for (std::size_t n = 1; n <= max_order; ++n) {
        statistics[n - 1].reference = ngrams_of_order(reference_length, n);
        // sacreBLEU: "don't count hits if no reference exists for that n-gram"
        statistics[n - 1].hypothesis =
            statistics[n - 1].reference > 0 ? ngrams_of_order(hypothesis_length, n) : 0;
    }
    for (const auto& [ngram, count] : hypothesis) {
        const auto found = reference.find(ngram);
        if (found != reference.end()) {
            statistics[ngram.size() - 1].matches += std::min(count, found->second);
        }
    }
    return statistics;
}

double f_score(const std::vector<OrderStatistics>& statistics, const ChrfOptions& options) {
    constexpr double k_epsilon = 1e-16;
    const double factor = options.beta * options.beta;
    double epsilon_sum = 0.0;
    double average_precision = 0.0;
    double average_recall = 0.0;
    std::size_t effective_order = 0;
    for (const OrderStatistics& order : statistics) {
        const double precision =
            order.hypothesis > 0 ? static_cast<double>(order.matches) / static_cast<double>(order.hypothesis) : k_epsilon;
        const double recall =
            order.reference > 0 ? static_cast<double>(order.matches) / static_cast<double>(order.reference) : k_epsilon;
        const double denominator = factor * precision + recall;
        epsilon_sum += denominator > 0.0 ? (1.0 + factor) * precision * recall / denominator : k_epsilon;
        if (order.hypothesis > 0 && order.reference > 0) {
            average_precision += precision;
            average_recall += recall;
            ++effective_order;
        }
    }
    if (options.smoothing == ChrfSmoothing::epsilon) {
        return 100.0 * epsilon_sum / static_cast<double>(statistics.size());
    }
    if (effective_order == 0) {
        return 0.0;
    }
    average_precision /= static_cast<double>(effective_order);
    average_recall /= static_cast<double>(effective_order);
    if (average_precision + average_recall == 0.0) {
        return 0.0;
    }
    return 100.0 * (1.0 + factor) * average_precision * average_recall /
           (factor * average_precision + average_recall);
}

}  // namespace

double sentence_chrf(std::string_view hypothesis, const std::vector<std::string>& references,
                     const ChrfOptions& options) {
    const auto max_order = static_cast<std::size_t>(std::max(options.char_order, 1));
    const std::u32string hypothesis_text = preprocess(hypothesis, options.whitespace);
    const CharNgrams hypothesis_ngrams = count_char_ngrams(hypothesis_text, max_order);
    double best = 0.0;
    bool scored = false;
    for (const std::string& reference : references) {
        if (reference.empty()) {
            continue;  // sacreBLEU drops empty references
        }
        const std::u32string reference_text = preprocess(reference, options.whitespace);
        const CharNgrams reference_ngrams = count_char_ngrams(reference_text, max_order);
        const double score = f_score(match_statistics(hypothesis_ngrams, hypothesis_text.size(), reference_ngrams,
                                                      reference_text.size(), max_order),
                                     options);
        if (!scored || score > best) {
            best = score;
            scored = true;
        }
    }
    return best;
}

}  // namespace evalbench

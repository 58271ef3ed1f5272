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

#include "evalbench/scoring/text_metrics.hpp"
#include "metrics_ngrams.hpp"
#include "metrics_unicode.hpp"

namespace evalbench {

namespace {

struct OrderStatistics {
    std::size_t hypothesis = 0;
    std::size_t reference = 0;
    std::size_t matches = 0;
};

// A text after preprocessing, with its n-grams grouped per order.
struct Prepared {
    std::u32string text;
    std::vector<ngrams::Groups> orders;
};

Prepared prepare(std::string_view raw, const ChrfOptions& options, std::size_t max_order) {
    Prepared prepared;
    std::u32string decoded = unicode::decode_utf8(raw);
    if (options.whitespace == ChrfWhitespace::keep) {
        prepared.text = std::move(decoded);
    } else {
        prepared.text.reserve(decoded.size());
        for (const char32_t c : decoded) {
            if (!unicode::is_python_space(c)) {
                prepared.text.push_back(c);
            }
        }
    }
    for (std::size_t n = 1; n <= max_order; ++n) {
        prepared.orders.push_back(ngrams::group(prepared.text, n));
    }
    return prepared;
}

std::vector<OrderStatistics> match_statistics(const Prepared& hypothesis, const Prepared& reference) {
    std::vector<OrderStatistics> statistics(hypothesis.orders.size());
    for (std::size_t n = 1; n <= statistics.size(); ++n) {
        const ngrams::Groups& ours = hypothesis.orders[n - 1];
        const ngrams::Groups& theirs = reference.orders[n - 1];
        OrderStatistics& order = statistics[n - 1];
        order.reference = theirs.total;
        // sacreBLEU: "don't count hits if no reference exists for that n-gram"
        order.hypothesis = theirs.total > 0 ? ours.total : 0;
        const std::vector<std::size_t> in_reference =
            ngrams::counts_in(ours, hypothesis.text, theirs, reference.text, n);
        for (std::size_t g = 0; g < in_reference.size(); ++g) {
            order.matches += std::min(ours.count[g], in_reference[g]);
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
    const Prepared prepared_hypothesis = prepare(hypothesis, options, max_order);
    double best = 0.0;
    bool scored = false;
    for (const std::string& reference : references) {
        if (reference.empty()) {
            continue;  // sacreBLEU drops empty references
        }
        const double score = f_score(match_statistics(prepared_hypothesis, prepare(reference, options, max_order)), options);
        if (!scored || score > best) {
            best = score;
            scored = true;
        }
    }
    return best;
}

}  // namespace evalbench

// Sentence BLEU exactly as sacreBLEU 2.x computes it by default.
//
// Reference: sacrebleu/metrics/bleu.py, sacrebleu/metrics/helpers.py,
// sacrebleu/tokenizers/tokenizer_13a.py and tokenizer_re.py.
//
// 1. Each segment is right-stripped and tokenised with 13a (mteval-v13a):
//    drop "<skipped>", join "-\n", newlines become spaces, unescape four
//    HTML entities, then four regex passes on the padded line: split off
//    the ASCII punctuation class {|}~[\]^_`!"#$%&()*+:;<=>?@/, split "." and
//    "," unless preceded by a digit, then unless followed by a digit, split
//    "-" after a digit; finally split on whitespace. Each pass is a
//    two-character pattern, so Python's leftmost, non-overlapping re.sub is
//    reproduced by a single left-to-right scan that skips what it replaced.
// 2. Count hypothesis n-grams (n = 1..4); clip each by its highest count in
//    any one reference; the reference length is the closest one to the
//    hypothesis length, the shorter on a tie.
// 3. BLEU = BP * exp(mean log p_n) with BP = exp(1 - r/c) when c < r.
//    'exp' smoothing: the k-th order with no match gets 100 / (2^k * total).
//    Effective order stops the mean at the highest order the hypothesis has
//    n-grams of. No match at any order scores 0.

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "evalbench/scoring/text_metrics.hpp"
#include "metrics_ngrams.hpp"
#include "metrics_unicode.hpp"

namespace evalbench {

namespace {

void replace_all(std::u32string& text, std::u32string_view from, std::u32string_view to) {
    std::size_t position = text.find(from);
    while (position != std::u32string::npos) {
        text.replace(position, from.size(), to);
        position = text.find(from, position + to.size());
    }
}

bool is_digit(char32_t c) {
    return c >= U'0' && c <= U'9';
}

// [\{-\~\[-\` -\&\(-\+\:-\@\/] from tokenizer_re.py.
bool is_13a_symbol(char32_t c) {
    return (c >= U'{' && c <= U'~') || (c >= U'[' && c <= U'`') || (c >= U' ' && c <= U'&') ||
           (c >= U'(' && c <= U'+') || (c >= U':' && c <= U'@') || c == U'/';
}

// One pass of re.sub for a two-character pattern: `matches(a, b)` says
// whether the pair at i matches; `emit` writes its replacement.
template <typename Matches, typename Emit>
std::u32string substitute_pairs(const std::u32string& text, Matches matches, Emit emit) {
    std::u32string out;
    out.reserve(text.size() + text.size() / 2);
    std::size_t i = 0;
    while (i < text.size()) {
        if (i + 1 < text.size() && matches(text[i], text[i + 1])) {
            emit(out, text[i], text[i + 1]);
            i += 2;
        } else {
            out.push_back(text[i]);
            ++i;
        }
    }
    return out;
}

std::vector<std::u32string> tokenize_13a_code_points(std::string_view line) {
    std::u32string text = unicode::decode_utf8(line);
    while (!text.empty() && unicode::is_python_space(text.back())) {
        text.pop_back();  // sacreBLEU's _preprocess_segment: sent.rstrip()
    }
    replace_all(text, U"<skipped>", U"");
    replace_all(text, U"-\n", U"");
    replace_all(text, U"\n", U" ");
    replace_all(text, U"&quot;", U"\"");
    replace_all(text, U"&amp;", U"&");
    replace_all(text, U"&lt;", U"<");
    replace_all(text, U"&gt;", U">");

    std::u32string padded;
    padded.reserve(text.size() * 2 + 2);
    padded.push_back(U' ');
    for (const char32_t c : text) {
        if (is_13a_symbol(c)) {
            padded.append({U' ', c, U' '});
        } else {
            padded.push_back(c);
        }
    }
    padded.push_back(U' ');

    const auto is_period_or_comma = [](char32_t c) { return c == U'.' || c == U','; };
    padded = substitute_pairs(
        padded, [&](char32_t a, char32_t b) { return !is_digit(a) && is_period_or_comma(b); },
        [](std::u32string& out, char32_t a, char32_t b) { out.append({a, U' ', b, U' '}); });
    padded = substitute_pairs(
        padded, [&](char32_t a, char32_t b) { return is_period_or_comma(a) && !is_digit(b); },
        [](std::u32string& out, char32_t a, char32_t b) { out.append({U' ', a, U' ', b}); });
    padded = substitute_pairs(
        padded, [](char32_t a, char32_t b) { return is_digit(a) && b == U'-'; },
        [](std::u32string& out, char32_t a, char32_t b) { out.append({a, U' ', b, U' '}); });

    std::vector<std::u32string> tokens;
    for (const std::u32string_view token : unicode::split_whitespace(padded)) {
        tokens.emplace_back(token);
    }
    return tokens;
}

// Tokens become small integers so n-grams compare as short code-unit runs.
class TokenIds {
public:
    std::u32string encode(const std::vector<std::u32string>& tokens) {
        std::u32string ids;
        ids.reserve(tokens.size());
        for (const std::u32string& token : tokens) {
            ids.push_back(static_cast<char32_t>(m_ids.try_emplace(token, m_ids.size()).first->second));
        }
        return ids;
    }

private:
    std::unordered_map<std::u32string, std::size_t> m_ids;
};

std::size_t closest_reference_length(std::size_t hypothesis_length, const std::vector<std::size_t>& lengths) {
    std::size_t best = 0;
    std::size_t best_difference = 0;
    bool found = false;
    for (const std::size_t length : lengths) {
        const std::size_t difference =
            length > hypothesis_length ? length - hypothesis_length : hypothesis_length - length;
        if (!found || difference < best_difference || (difference == best_difference && length < best)) {
            best = length;
            best_difference = difference;
            found = true;
        }
    }
    return best;
}

// sacrebleu.utils.my_log: log(0) is a large negative number, not -inf.
double log_or_floor(double value) {
    return value == 0.0 ? -9999999999.0 : std::log(value);
}

}  // namespace

BleuStatistics& BleuStatistics::operator+=(const BleuStatistics& other) {
    hypothesis_length += other.hypothesis_length;
    reference_length += other.reference_length;
    for (std::size_t n = 0; n < k_bleu_max_order; ++n) {
        correct[n] += other.correct[n];
        total[n] += other.total[n];
    }
    return *this;
}

std::vector<std::string> tokenize_13a(std::string_view line) {
    std::vector<std::string> tokens;
    for (const std::u32string& token : tokenize_13a_code_points(line)) {
        tokens.push_back(unicode::encode_utf8(token));
    }
    return tokens;
}

BleuStatistics bleu_statistics(std::string_view hypothesis, const std::vector<std::string>& references) {
    TokenIds ids;
    std::vector<std::u32string> reference_ids;
    std::vector<std::size_t> reference_lengths;
    for (const std::string& reference : references) {
        if (reference.empty()) {
            continue;  // sacreBLEU drops empty references
        }
        reference_ids.push_back(ids.encode(tokenize_13a_code_points(reference)));
        reference_lengths.push_back(reference_ids.back().size());
    }
    const std::u32string hypothesis_ids = ids.encode(tokenize_13a_code_points(hypothesis));
    BleuStatistics statistics;
    statistics.hypothesis_length = hypothesis_ids.size();
    statistics.reference_length = closest_reference_length(hypothesis_ids.size(), reference_lengths);
    for (std::size_t n = 1; n <= k_bleu_max_order; ++n) {
        const ngrams::Groups groups = ngrams::group(hypothesis_ids, n);
        statistics.total[n - 1] = groups.total;
        // Clip by the highest count of the n-gram in any one reference.
        std::vector<std::size_t> clip(groups.start.size(), 0);
        for (const std::u32string& reference : reference_ids) {
            const std::vector<std::size_t> in_reference =
                ngrams::counts_in(groups, hypothesis_ids, ngrams::group(reference, n), reference, n);
            for (std::size_t g = 0; g < clip.size(); ++g) {
                clip[g] = std::max(clip[g], in_reference[g]);
            }
        }
        for (std::size_t g = 0; g < clip.size(); ++g) {
            statistics.correct[n - 1] += std::min(groups.count[g], clip[g]);
        }
    }
    return statistics;
}

double bleu_from_statistics(const BleuStatistics& statistics, EffectiveOrder effective_order) {
    const auto hypothesis_length = static_cast<double>(statistics.hypothesis_length);
    const auto reference_length = static_cast<double>(statistics.reference_length);
    double brevity_penalty = 1.0;
    if (statistics.hypothesis_length < statistics.reference_length) {
        brevity_penalty = statistics.hypothesis_length > 0 ? std::exp(1.0 - reference_length / hypothesis_length) : 0.0;
    }
    bool any_match = false;
    for (const std::size_t correct : statistics.correct) {
        any_match = any_match || correct > 0;
    }
    if (!any_match) {
        return 0.0;
    }
    std::array<double, k_bleu_max_order> precisions{};
    std::size_t orders = k_bleu_max_order;
    double smoothing = 1.0;
    for (std::size_t n = 0; n < k_bleu_max_order; ++n) {
        const auto total = static_cast<double>(statistics.total[n]);
        if (statistics.total[n] == 0) {
            break;
        }
        if (effective_order == EffectiveOrder::yes) {
            orders = n + 1;
        }
        if (statistics.correct[n] == 0) {
            smoothing *= 2.0;
            precisions[n] = 100.0 / (smoothing * total);
        } else {
            precisions[n] = 100.0 * static_cast<double>(statistics.correct[n]) / total;
        }
    }
    double log_sum = 0.0;
    for (std::size_t n = 0; n < orders; ++n) {
        log_sum += log_or_floor(precisions[n]);
    }
    return brevity_penalty * std::exp(log_sum / static_cast<double>(orders));
}

double sentence_bleu(std::string_view hypothesis, const std::vector<std::string>& references) {
    return bleu_from_statistics(bleu_statistics(hypothesis, references), EffectiveOrder::yes);
}

}  // namespace evalbench

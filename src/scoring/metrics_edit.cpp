// Edit-distance metrics: Levenshtein similarity and ROUGE-L.
//
// Both are the classic O(n*m) dynamic programmes, kept to two rows over the
// shorter sequence so memory is O(min(n, m)) even for long answers.
//
// Levenshtein works on code points: "é" is one character whether the answer
// spells it in two bytes or not. Similarity = 1 - d / max(|a|, |b|).
//
// ROUGE-L follows Google's rouge-score (rouge_scorer.py, tokenize.py):
// lowercase, replace every run of characters outside [a-z0-9] by a space,
// split, and score the longest common subsequence of the token lists:
// P = LCS / |prediction|, R = LCS / |target|, F = 2PR / (P + R); any empty
// side scores 0. Python's str.lower() turns two non-ASCII letters into ASCII
// ones (U+0130 -> "i" + U+0307, U+212A KELVIN SIGN -> "k"); they are mapped
// the same way so the token lists agree with rouge-score's.

#include <algorithm>
#include <unordered_map>

#include "evalbench/scoring/text_metrics.hpp"
#include "metrics_unicode.hpp"

namespace evalbench {

namespace {

template <typename Sequence>
std::size_t edit_distance(const Sequence& first, const Sequence& second) {
    const Sequence& shorter = first.size() <= second.size() ? first : second;
    const Sequence& longer = first.size() <= second.size() ? second : first;
    std::vector<std::size_t> previous(shorter.size() + 1);
    std::vector<std::size_t> current(shorter.size() + 1);
    for (std::size_t j = 0; j <= shorter.size(); ++j) {
        previous[j] = j;
    }
    for (std::size_t i = 1; i <= longer.size(); ++i) {
        const auto symbol = longer[i - 1];
        current[0] = i;
        for (std::size_t j = 1; j <= shorter.size(); ++j) {
            const std::size_t substitution = previous[j - 1] + (symbol == shorter[j - 1] ? 0 : 1);
            const std::size_t insertion_or_deletion = std::min(previous[j], current[j - 1]) + 1;
            current[j] = std::min(substitution, insertion_or_deletion);
        }
        std::swap(previous, current);
    }
    return previous[shorter.size()];
}

std::size_t lcs_length(const std::vector<int>& first, const std::vector<int>& second) {
    const std::vector<int>& shorter = first.size() <= second.size() ? first : second;
    const std::vector<int>& longer = first.size() <= second.size() ? second : first;
    std::vector<std::size_t> previous(shorter.size() + 1, 0);
    std::vector<std::size_t> current(shorter.size() + 1, 0);
    for (const int token : longer) {
        for (std::size_t j = 1; j <= shorter.size(); ++j) {
            current[j] = token == shorter[j - 1] ? previous[j - 1] + 1 : std::max(previous[j], current[j - 1]);
        }
        std::swap(previous, current);
    }
    return previous[shorter.size()];
}

// Python's lower() for the letters whose lowercase contains ASCII a-z;
// any other non-ASCII character is a separator either way.
void append_lowered(std::string& out, char32_t c) {
    if (c >= 'A' && c <= 'Z') {
        out.push_back(static_cast<char>(c - 'A' + 'a'));
    } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        out.push_back(static_cast<char>(c));
    } else if (c == 0x0130) {
        out.push_back('i');  // "i" followed by U+0307, which separates
        out.push_back(' ');
    } else if (c == 0x212A) {
        out.push_back('k');
    } else {
        out.push_back(' ');
    }
}

}  // namespace

std::size_t levenshtein_distance(std::string_view a, std::string_view b) {
    return edit_distance(unicode::decode_utf8(a), unicode::decode_utf8(b));
}

double levenshtein_similarity(std::string_view a, std::string_view b) {
    const std::u32string first = unicode::decode_utf8(a);
    const std::u32string second = unicode::decode_utf8(b);
    const std::size_t longest = std::max(first.size(), second.size());
    if (longest == 0) {
        return 1.0;
    }
    return 1.0 - static_cast<double>(edit_distance(first, second)) / static_cast<double>(longest);
}

std::vector<std::string> rouge_tokenize(std::string_view text) {
    std::string lowered;
    lowered.reserve(text.size());
    for (const char32_t c : unicode::decode_utf8(text)) {
        append_lowered(lowered, c);
    }
    std::vector<std::string> tokens;
    std::size_t i = 0;
    while (i < lowered.size()) {
        while (i < lowered.size() && lowered[i] == ' ') {
            ++i;
        }
        const std::size_t start = i;
        while (i < lowered.size() && lowered[i] != ' ') {
            ++i;
        }
        if (i > start) {
            tokens.emplace_back(lowered.substr(start, i - start));
        }
    }
    return tokens;
}

RougeScore rouge_l(std::string_view target, std::string_view prediction) {
    const std::vector<std::string> target_tokens = rouge_tokenize(target);
    const std::vector<std::string> prediction_tokens = rouge_tokenize(prediction);
    if (target_tokens.empty() || prediction_tokens.empty()) {
        return {};
    }
    // Compare small integers instead of strings inside the O(n*m) loop.
    std::unordered_map<std::string, int> ids;
    auto to_ids = [&ids](const std::vector<std::string>& tokens) {
        std::vector<int> out;
        out.reserve(tokens.size());
        for (const std::string& token : tokens) {
            out.push_back(ids.try_emplace(token, static_cast<int>(ids.size())).first->second);
        }
        return out;
    };
    const std::vector<int> target_ids = to_ids(target_tokens);
    const std::vector<int> prediction_ids = to_ids(prediction_tokens);
    const auto common = static_cast<double>(lcs_length(target_ids, prediction_ids));
    RougeScore score;
    score.precision = common / static_cast<double>(prediction_ids.size());
    score.recall = common / static_cast<double>(target_ids.size());
    if (score.precision + score.recall > 0.0) {
        score.fmeasure = 2.0 * score.precision * score.recall / (score.precision + score.recall);
    }
    return score;
}

double rouge_l_f(std::string_view prediction, std::string_view reference) {
    return rouge_l(reference, prediction).fmeasure;
}

}  // namespace evalbench

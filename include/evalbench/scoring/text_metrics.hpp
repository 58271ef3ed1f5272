#pragma once
// Text similarity metrics as pure functions, each agreeing with the tool
// people know it from:
//   - levenshtein_similarity: 1 - edit distance / longer length, over Unicode
//     code points (not bytes).
//   - sentence_bleu: sacreBLEU 2.x `sentence_bleu` with its defaults (13a
//     tokeniser, mixed case, 4-grams, 'exp' smoothing, effective order,
//     closest reference length), on sacreBLEU's 0-100 scale.
//   - sentence_chrf: sacreBLEU 2.x `sentence_chrf` with its defaults
//     (character 6-grams, no word n-grams, beta 2, whitespace removed,
//     effective-order averaging), on the 0-100 scale.
//   - rouge_l: Google's rouge-score `RougeScorer(['rougeL'])` without
//     stemming (lowercased, non-alphanumerics as separators, LCS based).
//
// Text is UTF-8; bytes that are not valid UTF-8 count as U+FFFD each. The
// check wrappers (levenshtein, exact-match, bleu, chrf, rouge-l) live in
// src/scoring/metric_checks.cpp and divide the 0-100 scales by 100.

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace evalbench {

// ---- edit distance -------------------------------------------------------

// Insertions, deletions and substitutions of code points to turn a into b.
std::size_t levenshtein_distance(std::string_view a, std::string_view b);

// 1 - distance / max(length a, length b) in code points; 1 when both are empty.
double levenshtein_similarity(std::string_view a, std::string_view b);

// ---- BLEU ----------------------------------------------------------------

inline constexpr std::size_t k_bleu_max_order = 4;

// sacreBLEU's Tokenizer13a (mteval-v13a): returns the tokens. Applies the
// right-strip sacreBLEU does before tokenising.
std::vector<std::string> tokenize_13a(std::string_view line);

// The sufficient statistics of BLEU for one hypothesis (sums for a corpus).
struct BleuStatistics {
    std::size_t hypothesis_length = 0;
    std::size_t reference_length = 0;  // the closest reference length
    std::array<std::size_t, k_bleu_max_order> correct{};  // clipped matches per order
    std::array<std::size_t, k_bleu_max_order> total{};    // hypothesis n-grams per order

    BleuStatistics& operator+=(const BleuStatistics& other);
};

// Statistics of a hypothesis against references (13a-tokenised, mixed
// case). Empty references are ignored, as sacreBLEU drops them.
BleuStatistics bleu_statistics(std::string_view hypothesis, const std::vector<std::string>& references);

// sacreBLEU's effective order: stop at the highest order the hypothesis has
// n-grams of (on for sentence BLEU, off for corpus BLEU).
enum class EffectiveOrder { no, yes };

// BLEU (0-100) from statistics with 'exp' smoothing and the brevity penalty.
double bleu_from_statistics(const BleuStatistics& statistics, EffectiveOrder effective_order);

// sacreBLEU 2.x `sentence_bleu(hypothesis, references)`, 0-100. With no
// non-empty reference the score is 0 (sacreBLEU raises instead).
double sentence_bleu(std::string_view hypothesis, const std::vector<std::string>& references);

// ---- chrF ----------------------------------------------------------------

enum class ChrfWhitespace { remove, keep };
// effective_order: average precision and recall over the orders both sides
// have n-grams of, then F-beta (sacreBLEU 2.x default). epsilon: mean of the
// per-order F-beta with chrF++.py's epsilon for empty orders.
enum class ChrfSmoothing { effective_order, epsilon };

struct ChrfOptions {
    int char_order = 6;
    double beta = 2.0;
    ChrfWhitespace whitespace = ChrfWhitespace::remove;
    ChrfSmoothing smoothing = ChrfSmoothing::effective_order;
};

// sacreBLEU 2.x `sentence_chrf` (word_order 0), 0-100; the best reference
// wins. With no non-empty reference the score is 0 (sacreBLEU raises).
double sentence_chrf(std::string_view hypothesis, const std::vector<std::string>& references,
                     const ChrfOptions& options = {});

// ---- ROUGE-L -------------------------------------------------------------

// rouge-score's default tokeniser without stemming: lowercase, runs of
// [a-z0-9] are the tokens, everything else separates.
std::vector<std::string> rouge_tokenize(std::string_view text);

struct RougeScore {
    double precision = 0.0;
    double recall = 0.0;
    double fmeasure = 0.0;
};

// rouge-score's `RougeScorer(['rougeL']).score(target, prediction)`; note
// the argument order: the reference (target) first, as rouge-score has it.
RougeScore rouge_l(std::string_view target, std::string_view prediction);

// The F-measure of rouge_l, in [0, 1].
double rouge_l_f(std::string_view prediction, std::string_view reference);

}  // namespace evalbench

#pragma once
// Statistics over the repeats of one case for one configuration: pass@k
// (how likely k samples contain a pass) and consistency (how alike the
// answers are). Pure functions; the caller groups trials by case and model.

#include <optional>
#include <string>
#include <vector>

namespace evalbench {

// Unbiased pass@k estimator of Chen et al. 2021 ("Evaluating Large Language
// Models Trained on Code"): with n samples of which c passed, the chance
// that k samples drawn without replacement contain at least one pass,
// 1 - C(n-c, k) / C(n, k). Requires n >= 1, 0 <= c <= n, k >= 1 (throws
// std::invalid_argument otherwise). With fewer samples than k (k > n) the
// estimator is undefined: n/a (std::nullopt), never a guess.
std::optional<double> pass_at_k(int n, int c, int k);

// One case's repeat outcome: n trials scored, c of them passed.
struct RepeatCounts {
    int n = 0;
    int c = 0;
};

// pass@k averaged over cases, as the paper reports it. Cases with fewer than
// k samples are left out (their pass@k is n/a); n/a when no case is left.
std::optional<double> mean_pass_at_k(const std::vector<RepeatCounts>& cases, int k);

// How alike the answers to repeats of one case are.
struct Consistency {
    // Mean over all pairs of normalised Levenshtein similarity over Unicode
    // code points, 1 - distance / max(length): 1 = identical. n/a (nullopt)
    // with fewer than two answers.
    std::optional<double> mean_similarity;
    // Share of pairs that are identical once leading and trailing whitespace
    // is trimmed. n/a with fewer than two answers.
    std::optional<double> exact_agreement;
    int pairs = 0;  // n * (n - 1) / 2
};

Consistency consistency(const std::vector<std::string>& answers);

// Normalised Levenshtein similarity over code points (invalid UTF-8 bytes
// count as one code point each): 1 - distance / max(length); two empty
// texts are identical (1).
double normalized_levenshtein_similarity(const std::string& left, const std::string& right);

}  // namespace evalbench

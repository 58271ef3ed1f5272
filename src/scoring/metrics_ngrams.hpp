#pragma once
// Private: counting n-grams by sorting instead of hashing.
//
// BLEU (over token ids) and chrF (over code points) both need, for each
// order n, the distinct n-grams of the hypothesis with their counts, and how
// often each occurs in a reference. Sorting the start positions of the
// n-grams (comparing at most n elements) groups equal n-grams together; a
// merge walk of two sorted lists then pairs the groups. No hashing, no
// per-n-gram allocation, exact for any order: O(L log L * n) per side.

#include <algorithm>
#include <cstddef>
#include <numeric>
#include <string_view>
#include <vector>

namespace evalbench::ngrams {

// The distinct n-grams of one order: a start position of each, and its count.
struct Groups {
    std::vector<std::size_t> start;
    std::vector<std::size_t> count;
    std::size_t total = 0;  // all n-grams of this order
};

inline Groups group(std::u32string_view sequence, std::size_t n) {
    Groups groups;
    if (n == 0 || sequence.size() < n) {
        return groups;
    }
    std::vector<std::size_t> starts(sequence.size() - n + 1);
    std::iota(starts.begin(), starts.end(), std::size_t{0});
    std::sort(starts.begin(), starts.end(), [&](std::size_t a, std::size_t b) {
        return sequence.substr(a, n) < sequence.substr(b, n);
    });
    for (std::size_t i = 0; i < starts.size(); ++i) {
        if (i > 0 && sequence.substr(starts[i], n) == sequence.substr(starts[i - 1], n)) {
            ++groups.count.back();
        } else {
            groups.start.push_back(starts[i]);
            groups.count.push_back(1);
        }
    }
    groups.total = starts.size();
    return groups;
}

// For each group of `first`, its count among the groups of `second` (0 when absent).
inline std::vector<std::size_t> counts_in(const Groups& first, std::u32string_view first_sequence,
                                          const Groups& second, std::u32string_view second_sequence,
                                          std::size_t n) {
    std::vector<std::size_t> counts(first.start.size(), 0);
    std::size_t j = 0;
    for (std::size_t i = 0; i < first.start.size() && j < second.start.size();) {
        const int order = first_sequence.substr(first.start[i], n).compare(second_sequence.substr(second.start[j], n));
        if (order == 0) {
            counts[i] = second.count[j];
            ++i;
            ++j;
        } else if (order < 0) {
            ++i;
        } else {
            ++j;
        }
    }
    return counts;
}

}  // namespace evalbench::ngrams

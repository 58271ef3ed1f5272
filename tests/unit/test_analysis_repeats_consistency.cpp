#include <catch2/catch.hpp>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "evalbench/analysis/repeats.hpp"

using evalbench::consistency;
using evalbench::Consistency;
using evalbench::normalized_levenshtein_similarity;

TEST_CASE("normalised Levenshtein similarity is 1 - distance / longer length", "[analysis]") {
    // kitten -> sitting: 2 substitutions + 1 insertion, longer length 7
    CHECK(normalized_levenshtein_similarity("kitten", "sitting") == Approx(1.0 - 3.0 / 7.0));
    CHECK(normalized_levenshtein_similarity("abc", "abc") == 1.0);
    CHECK(normalized_levenshtein_similarity("abc", "") == 0.0);
    CHECK(normalized_levenshtein_similarity("", "") == 1.0);
    // the common prefix and suffix shortcut must not change the answer
    CHECK(normalized_levenshtein_similarity("prefix-abc-suffix", "prefix-xbz-suffix") == Approx(1.0 - 2.0 / 17.0));
    CHECK(normalized_levenshtein_similarity("aaaa", "aa") == Approx(0.5));
}

TEST_CASE("similarity counts code points, not bytes", "[analysis]") {
    // "héllo" is 6 bytes but 5 code points: one substitution in five.
    CHECK(normalized_levenshtein_similarity("h\xC3\xA9llo", "hello") == Approx(0.8));
    // two different accented letters sharing a lead byte still differ once
    CHECK(normalized_levenshtein_similarity("\xC3\xA9", "\xC3\xA8") == 0.0);
    // a stray byte is one code point of its own
    CHECK(normalized_levenshtein_similarity("a\xFF", "ab") == Approx(0.5));
}

TEST_CASE("consistency averages over every pair of answers", "[analysis]") {
    // pairs: (abc, abc) = 1, (abc, abd) = 2/3 twice -> (1 + 4/3) / 3 = 7/9
    const Consistency result = consistency({"abc", "abc", "abd"});
    CHECK(result.pairs == 3);
    CHECK(result.mean_similarity.value() == Approx(7.0 / 9.0));
    CHECK(result.exact_agreement.value() == Approx(1.0 / 3.0));
}

TEST_CASE("exact agreement ignores surrounding whitespace, similarity does not", "[analysis]") {
    const Consistency result = consistency({" yes\n", "yes"});
    CHECK(result.exact_agreement.value() == 1.0);
    // " yes\n" -> "yes": two deletions over 5 code points
    CHECK(result.mean_similarity.value() == Approx(0.6));
}

TEST_CASE("consistency of identical answers is 1 and of disjoint ones 0", "[analysis]") {
    const Consistency same = consistency({"42", "42", "42", "42"});
    CHECK(same.pairs == 6);
    CHECK(same.mean_similarity.value() == 1.0);
    CHECK(same.exact_agreement.value() == 1.0);
    const Consistency apart = consistency({"aaa", "bbb"});
    CHECK(apart.mean_similarity.value() == 0.0);
    CHECK(apart.exact_agreement.value() == 0.0);
}

TEST_CASE("consistency of fewer than two answers is n/a", "[analysis]") {
    const Consistency one = consistency({"only"});
    CHECK_FALSE(one.mean_similarity.has_value());
    CHECK_FALSE(one.exact_agreement.has_value());
    CHECK(one.pairs == 0);
    CHECK_FALSE(consistency({}).mean_similarity.has_value());
}

namespace {

// The textbook table, as the oracle for the bit-parallel distance.
std::size_t reference_distance(const std::u32string& a, const std::u32string& b) {
    std::vector<std::size_t> previous(b.size() + 1);
    std::vector<std::size_t> current(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) {
        previous[j] = j;
    }
    for (std::size_t i = 1; i <= a.size(); ++i) {
        current[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
        }
        std::swap(previous, current);
    }
    return previous[b.size()];
}

std::string utf8(const std::u32string& text) {
    std::string out;
    for (char32_t c : text) {
        if (c < 0x80) {
            out += static_cast<char>(c);
        } else {  // the test alphabet stays below U+0800
            out += static_cast<char>(0xC0 | (c >> 6));
            out += static_cast<char>(0x80 | (c & 0x3F));
        }
    }
    return out;
}

}  // namespace

TEST_CASE("the fast edit distance agrees with the textbook table on random texts", "[analysis]") {
    // Lengths up to 300 cross several 64-bit blocks; a 3-letter alphabet
    // (with a two-byte letter) makes long matching runs and many ties.
    std::mt19937 rng(20240611);
    const std::u32string alphabet = U"ab\u00e9";
    for (int round = 0; round < 400; ++round) {
        std::u32string a;
        std::u32string b;
        const std::size_t a_length = rng() % 300;
        const std::size_t b_length = round % 4 == 0 ? a_length : rng() % 300;
        for (std::size_t i = 0; i < a_length; ++i) {
            a += alphabet[rng() % alphabet.size()];
        }
        for (std::size_t i = 0; i < b_length; ++i) {
            b += alphabet[rng() % alphabet.size()];
        }
        const std::size_t longest = std::max(a.size(), b.size());
        const double expected = longest == 0 ? 1.0 : 1.0 - static_cast<double>(reference_distance(a, b)) / longest;
        INFO("round " << round << ", lengths " << a.size() << " and " << b.size());
        REQUIRE(normalized_levenshtein_similarity(utf8(a), utf8(b)) == Approx(expected).epsilon(1e-12));
    }
}

// Levenshtein similarity and ROUGE-L.
// ROUGE-L values come from Google's rouge-score tests
// (github.com/google-research/google-research, rouge/rouge_scorer_test.py,
// with rouge/testdata/target.txt and prediction.txt); Levenshtein values are
// worked out by hand and say so.

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "evalbench/scoring/text_metrics.hpp"

namespace evalbench {

TEST_CASE("levenshtein similarity is 1 - distance / longer length", "[scoring]") {
    // By hand: kitten -> sitting is 3 edits over 7 characters.
    CHECK(levenshtein_distance("kitten", "sitting") == 3);
    CHECK(levenshtein_similarity("kitten", "sitting") == Approx(1.0 - 3.0 / 7.0));
    CHECK(levenshtein_similarity("sitting", "kitten") == Approx(1.0 - 3.0 / 7.0));
    CHECK(levenshtein_similarity("same", "same") == 1.0);
    CHECK(levenshtein_similarity("", "") == 1.0);
    CHECK(levenshtein_similarity("abc", "") == 0.0);
    CHECK(levenshtein_distance("flaw", "lawn") == 2);
}

TEST_CASE("levenshtein counts code points, not bytes", "[scoring]") {
    // By hand: one substitution in four characters (bytes would give 2 of 5).
    CHECK(levenshtein_distance("café", "cafe") == 1);
    CHECK(levenshtein_similarity("café", "cafe") == Approx(0.75));
    // Three CJK characters (9 bytes), one deleted.
    CHECK(levenshtein_similarity("日本語", "日本") == Approx(1.0 - 1.0 / 3.0));
    // An emoji outside the BMP is one character.
    CHECK(levenshtein_distance("a😀b", "ab") == 1);
    // An invalid byte counts as one replacement character.
    CHECK(levenshtein_distance(std::string("a\xff") + "b", "ab") == 1);
}

TEST_CASE("levenshtein handles long texts in linear memory", "[scoring]") {
    const std::string long_text(3000, 'a');
    std::string changed = long_text;
    changed[1500] = 'b';
    CHECK(levenshtein_distance(long_text, changed) == 1);
    CHECK(levenshtein_distance(long_text, "") == 3000);
}

TEST_CASE("rouge tokenisation lowercases and splits on non-alphanumerics", "[scoring]") {
    using Strings = std::vector<std::string>;
    // By hand from tokenize.py.
    CHECK(rouge_tokenize("Hello, World! It's 2024.") == Strings{"hello", "world", "it", "s", "2024"});
    CHECK(rouge_tokenize("naïve café") == Strings{"na", "ve", "caf"});
    CHECK(rouge_tokenize("/").empty());
    // Python lowercases U+212A KELVIN SIGN to ASCII "k".
    CHECK(rouge_tokenize("\u212Aelvin") == Strings{"kelvin"});
}

TEST_CASE("ROUGE-L matches rouge-score's published values", "[scoring]") {
    SECTION("consecutive and non-consecutive subsequences") {
        // testRougeLConsecutive / testRougeLNonConsecutive: P 1, R 2/3, F 4/5.
        for (const char* prediction : {"testing one", "testing two"}) {
            const RougeScore score = rouge_l("testing one two", prediction);
            CHECK(score.precision == Approx(1.0));
            CHECK(score.recall == Approx(2.0 / 3.0));
            CHECK(score.fmeasure == Approx(4.0 / 5.0));
        }
    }
    SECTION("an empty prediction scores 0") {
        // testRougeEmpty.
        const RougeScore score = rouge_l("testing one two", "");
        CHECK(score.precision == 0.0);
        CHECK(score.recall == 0.0);
        CHECK(score.fmeasure == 0.0);
    }
    SECTION("agreement with ROUGE-1.5.5 on the test data") {
        // testRougeLAgainstRouge155, 5 decimal places; lines 0 and 1 of
        // rouge/testdata/target.txt and prediction.txt.
        const std::string target0 =
            "ZfbCUIUuePaiLVUlCaUXxkpu XPeWing tUHfPMuZ',-Xd Y BrUgVJing M-HV.-DgdDaY.rFDJCRing Ht-LM "
            "EKBDXkME,yz'RBr q'wtion wIojNbN wL,b .a-'XdQggyFl jB-RPP'iyOIcUxer tKM L\n";
        const std::string prediction0 =
            "rFDJCRtion Ht-LM EKtDXkME,yz'RBr q'wer wrojNbN wL,b .a-'XdQggyFl jB-RPP'iyOIcUxi\n";
        const std::string target1 =
            "KsJdPByEtAor fE-Qg Dpdbring cw-WeFyu vC MoBL Xdn g wkvcEiGvKtion BDFhrpMtion psing sbKao Q m qiing "
            "LMmer HqqLFXe,XPY,J XsurkMer ,ed nB'wH'bWVHjWFEing tQ.saefZwJtKrTlixYpMMsJing UCAPwNHeYVjDing c T "
            "BUySKtion gMPfJpwGw p'NvxAoping eu pBwMBKV'I DNxqelhu,PHPxDEq,mtion SN\n";
        const std::string prediction1 =
            "n cw-WeFyu vC MoBL Xdn g wkvcEiGvKtion BDFhrpMer pstion sbKao Q m qier LMmed HqqLFXe,XPY,J XsurkMeo "
            ",ed nB'wH'bWVHjWFEer tQ.saefZwJtKrTlixYpMMNJtion UCAPwNHeYVjD\n";
        const RougeScore first = rouge_l(target0, prediction0);
        CHECK(first.recall == Approx(0.40741).margin(5e-6));
        CHECK(first.precision == Approx(0.68750).margin(5e-6));
        CHECK(first.fmeasure == Approx(0.51163).margin(5e-6));
        const RougeScore second = rouge_l(target1, prediction1);
        CHECK(second.recall == Approx(0.40476).margin(5e-6));
        CHECK(second.precision == Approx(0.65385).margin(5e-6));
        CHECK(second.fmeasure == Approx(0.50000).margin(5e-6));
    }
    SECTION("the docstring example of rouge_scorer.py") {
        // Computed by hand: LCS "the quick brown jumps the" = 5 of 8 and 9 tokens.
        CHECK(rouge_l_f("The quick brown dog jumps on the log.", "The quick brown fox jumps over the lazy dog") ==
              Approx(2.0 * (5.0 / 8.0) * (5.0 / 9.0) / (5.0 / 8.0 + 5.0 / 9.0)));
    }
}

}  // namespace evalbench

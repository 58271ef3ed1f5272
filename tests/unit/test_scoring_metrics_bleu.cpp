// Sentence BLEU against values published by sacreBLEU's own test suite.
// Sources (github.com/mjpost/sacrebleu):
//   test/test_sentence_bleu.py  -- sentence_bleu with the 2.x defaults
//   test/test_bleu.py           -- statistics, scoring, corpus BLEU
// Where a value was derived by hand from the rules rather than copied, the
// comment says so.

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "evalbench/scoring/text_metrics.hpp"

namespace evalbench {
namespace {

using Strings = std::vector<std::string>;

}  // namespace

TEST_CASE("13a tokenisation splits punctuation the way mteval-v13a does", "[scoring]") {
    // Expected token lists derived by hand from tokenizer_13a.py / tokenizer_re.py.
    CHECK(tokenize_13a("Hello, world.") == Strings{"Hello", ",", "world", "."});
    SECTION("periods and commas inside numbers stay") {
        CHECK(tokenize_13a("pi is 3.14, not 1,000.") == Strings{"pi", "is", "3.14", ",", "not", "1,000", "."});
    }
    SECTION("a dash after a digit is split, elsewhere it is kept") {
        CHECK(tokenize_13a("well-known 5-3") == Strings{"well-known", "5", "-", "3"});
    }
    SECTION("apostrophes are not split, the symbol class is") {
        CHECK(tokenize_13a("It wasn't (x+y)/2!") ==
              Strings{"It", "wasn't", "(", "x", "+", "y", ")", "/", "2", "!"});
    }
    SECTION("entities are unescaped and hyphenated line breaks joined") {
        CHECK(tokenize_13a("Tom &amp; Jerry &quot;hi&quot; co-\noperate\nnow") ==
              Strings{"Tom", "&", "Jerry", "\"", "hi", "\"", "cooperate", "now"});
    }
    SECTION("non-ASCII letters are ordinary word characters") {
        CHECK(tokenize_13a("zahăr alb;") == Strings{"zahăr", "alb", ";"});
    }
}

TEST_CASE("sentence BLEU matches sacreBLEU's published sentence scores", "[scoring]") {
    SECTION("the Romanian pair of sacreBLEU issue #98 scores 8.493 with exp smoothing and 13a") {
        // test_sentence_bleu.py: ('exp', None, False, '13a', 8.493), EPSILON = 1e-3.
        const std::string reference = "producţia de zahăr brut se exprimă în zahăr alb;";
        const std::string hypothesis = "Producția de zahăr primă va fi exprimată în ceea ce privește zahărul alb;";
        CHECK(sentence_bleu(hypothesis, {reference}) == Approx(8.493).margin(1e-3));
        // Statistics from a line-by-line transcription of bleu.py run under
        // Python 3 here (not published): 14 vs 10 tokens, 5 and 2 matches.
        const BleuStatistics statistics = bleu_statistics(hypothesis, {reference});
        CHECK(statistics.hypothesis_length == 14);
        CHECK(statistics.reference_length == 10);
        CHECK(statistics.correct == std::array<std::size_t, 4>{5, 2, 0, 0});
        CHECK(statistics.total == std::array<std::size_t, 4>{14, 13, 12, 11});
    }
    SECTION("no matching n-gram at all scores 0 (sacreBLEU issue #141)") {
        // test_sentence_bleu.py: SYS_0 / REF_0, expected 0.0.
        CHECK(sentence_bleu("this is a cat", {"okay thanks"}) == 0.0);
    }
    SECTION("effective order scores a one-word hypothesis by its unigrams and brevity penalty") {
        // test_bleu.py test_case_effective_order: 0.3678794411714425 and 1.0
        // (raw_corpus_bleu; identical here because no order lacks a match and
        // 13a leaves these strings unchanged).
        CHECK(sentence_bleu("test", {"a test"}) == Approx(36.78794411714425).margin(1e-8));
        CHECK(sentence_bleu("a test", {"a test"}) == Approx(100.0).margin(1e-8));
        // Derived by hand for exp smoothing: p = 2/3, 1/(2*2), 1/(4*1) over 3
        // orders, BP = 1: 100 * (2/3 * 1/4 * 1/4)^(1/3).
        CHECK(sentence_bleu("a little test", {"a test"}) == Approx(34.66806371).margin(1e-6));
    }
    SECTION("an identical answer scores 100 and an empty one 0") {
        CHECK(sentence_bleu("The cat sat on the mat.", {"The cat sat on the mat."}) == Approx(100.0));
        CHECK(sentence_bleu("", {"The cat sat on the mat."}) == 0.0);
    }
}

TEST_CASE("BLEU statistics clip matches and pick the closest reference length", "[scoring]") {
    SECTION("sacreBLEU's published statistics") {
        // test_bleu.py test_case_statistics: counts [4, 2, 1, 0], totals [6, 5, 4, 3].
        const BleuStatistics statistics =
            bleu_statistics("am I am a character sequence", {"I am a symbol string sequence a a"});
        CHECK(statistics.correct == std::array<std::size_t, 4>{4, 2, 1, 0});
        CHECK(statistics.total == std::array<std::size_t, 4>{6, 5, 4, 3});
    }
    SECTION("a tie in reference length goes to the shorter reference") {
        // By hand: hypothesis 3 tokens, references of 2 and 4 tokens.
        CHECK(bleu_statistics("a b c", {"a b c d", "a b"}).reference_length == 2);
        CHECK(bleu_statistics("a b c", {"x y z w v", "a b c d"}).reference_length == 4);
    }
    SECTION("each n-gram is clipped by its highest count in any one reference") {
        // By hand: "the" x3 in the hypothesis, at most 2 in one reference.
        const BleuStatistics statistics = bleu_statistics("the the the", {"the the cat", "the cat"});
        CHECK(statistics.correct[0] == 2);
    }
    SECTION("empty references are ignored") {
        CHECK(sentence_bleu("a test", {"", "a test"}) == Approx(100.0));
        CHECK(sentence_bleu("a test", {""}) == 0.0);
    }
}

TEST_CASE("BLEU from statistics reproduces sacreBLEU's scoring and corpus results", "[scoring]") {
    SECTION("published statistics score 0.8375922397") {
        // test_bleu.py test_case_scoring (smooth 'none'; every order has a
        // match, so 'exp' gives the same).
        BleuStatistics statistics;
        statistics.correct = {9, 7, 5, 3};
        statistics.total = {10, 8, 6, 4};
        statistics.hypothesis_length = 11;
        statistics.reference_length = 11;
        CHECK(bleu_from_statistics(statistics, EffectiveOrder::no) / 100.0 == Approx(0.8375922397).margin(1e-8));
    }
    SECTION("the README corpus scores 48.530827 with default corpus BLEU") {
        // test_bleu.py test_corpus_bleu_cases: (_hyps, _refs, {}, 48.530827), EPSILON 1e-8.
        const Strings hypotheses = {"The dog bit the man.", "It wasn't surprising.", "The man had just bitten him."};
        const std::vector<Strings> references = {
            {"The dog bit the man.", "The dog had bit the man."},
            {"It was not unexpected.", "No one was surprised."},
            {"The man bit him first.", "The man had bitten the dog."},
        };
        BleuStatistics corpus;
        BleuStatistics empty_corpus;
        for (std::size_t i = 0; i < hypotheses.size(); ++i) {
            corpus += bleu_statistics(hypotheses[i], references[i]);
            empty_corpus += bleu_statistics("", references[i]);
        }
        CHECK(bleu_from_statistics(corpus, EffectiveOrder::no) == Approx(48.530827).margin(1e-6));
        // (('', '', ''), _refs, {}, 0.0): empty hypotheses score 0.
        CHECK(bleu_from_statistics(empty_corpus, EffectiveOrder::no) == 0.0);
    }
}

}  // namespace evalbench

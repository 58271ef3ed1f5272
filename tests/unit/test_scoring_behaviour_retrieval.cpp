#include <catch2/catch.hpp>

#include "evalbench/scoring/retrieval.hpp"
#include "test_scoring_behaviour_support.hpp"

using namespace evalbench;  // NOLINT: test file brevity
using evalbench::test::answer;
using evalbench::test::run_check;
using evalbench::test::single_diagnostic;

using Ranking = std::vector<std::string>;

TEST_CASE("retrieval metrics match hand-computed values with binary relevance", "[scoring]") {
    const Ranking ranked = {"d1", "d5", "d2", "d9", "d3"};
    const Relevance relevant = {{"d1", 1}, {"d2", 1}, {"d3", 1}, {"d4", 1}};
    const RetrievalMetrics metrics = retrieval_metrics(ranked, relevant, 5);
    // hits in the top 5: d1, d2, d3 -> 3 / 5
    CHECK(metrics.precision == Approx(0.6));
    // 3 of the 4 relevant items
    CHECK(metrics.recall == Approx(0.75));
    // first hit at rank 1
    CHECK(metrics.mrr == Approx(1.0));
    // DCG  = 1/log2(2) + 1/log2(4) + 1/log2(6)           = 1 + 0.5 + 0.386853 = 1.886853
    // IDCG = 1/log2(2) + 1/log2(3) + 1/log2(4) + 1/log2(5) = 1 + 0.630930 + 0.5 + 0.430677 = 2.561606
    CHECK(metrics.ndcg == Approx(1.886853 / 2.561606).epsilon(1e-6));
}

TEST_CASE("nDCG uses the grades as gains and the ideal ordering of the grades", "[scoring]") {
    const Ranking ranked = {"c", "x", "a", "b"};
    const Relevance graded = {{"a", 3}, {"b", 2}, {"c", 1}};
    // DCG@3  = 1/log2(2) + 0/log2(3) + 3/log2(4) = 1 + 0 + 1.5 = 2.5
    // IDCG@3 = 3/log2(2) + 2/log2(3) + 1/log2(4) = 3 + 1.261860 + 0.5 = 4.761860
    CHECK(ndcg_at_k(ranked, graded, 3) == Approx(2.5 / 4.761860).epsilon(1e-6));
    CHECK(precision_at_k(ranked, graded, 3) == Approx(2.0 / 3.0));
    CHECK(recall_at_k(ranked, graded, 3) == Approx(2.0 / 3.0));
    // the perfect order scores 1
    CHECK(ndcg_at_k({"a", "b", "c"}, graded, 3) == Approx(1.0));
    // a grade-0 entry is listed but not relevant
    const Relevance with_zero = {{"a", 1}, {"z", 0}};
    CHECK(precision_at_k({"z", "a"}, with_zero, 2) == Approx(0.5));
    CHECK(recall_at_k({"z"}, with_zero, 2) == 0.0);
}

TEST_CASE("reciprocal rank is cut at k", "[scoring]") {
    const Relevance relevant = {{"b", 1}};
    CHECK(reciprocal_rank_at_k({"x", "y", "b"}, relevant, 3) == Approx(1.0 / 3.0));
    CHECK(reciprocal_rank_at_k({"x", "y", "b"}, relevant, 2) == 0.0);
    CHECK(reciprocal_rank_at_k({}, relevant, 10) == 0.0);
}

TEST_CASE("a repeated id gains only at its first rank", "[scoring]") {
    const Relevance relevant = {{"d1", 1}, {"d2", 1}};
    const RetrievalMetrics metrics = retrieval_metrics({"d1", "d1", "d1"}, relevant, 3);
    CHECK(metrics.precision == Approx(1.0 / 3.0));
    CHECK(metrics.recall == Approx(0.5));
    // DCG = 1; IDCG = 1 + 1/log2(3) = 1.630930
    CHECK(metrics.ndcg == Approx(1.0 / 1.630930).epsilon(1e-6));
}

TEST_CASE("precision divides by k even when the list is shorter", "[scoring]") {
    const Relevance relevant = {{"d1", 1}};
    const RetrievalMetrics metrics = retrieval_metrics({"d1"}, relevant, 10);
    CHECK(metrics.precision == Approx(0.1));
    CHECK(metrics.recall == 1.0);
    CHECK(metrics.ndcg == Approx(1.0));
}

TEST_CASE("an answer is read as a ranked list", "[scoring]") {
    SECTION("a JSON array of strings, numbers or objects with an id") {
        CHECK(parse_ranked_list(R"( ["a", "b"] )") == Ranking{"a", "b"});
        CHECK(parse_ranked_list(R"([{"id": "a", "score": 0.9}, {"id": 7}, 12])") == Ranking{"a", "7", "12"});
    }
    SECTION("a JSON array inside a fenced block") {
        CHECK(parse_ranked_list("Ranking:\n```json\n[\"x\", \"y\"]\n```\nHope this helps.") == Ranking{"x", "y"});
    }
    SECTION("a numbered list after an introduction keeps only the list") {
        CHECK(parse_ranked_list("Here are the results:\n1. doc-a\n2. **doc-b**\n3) `doc-c`\n") ==
              Ranking{"doc-a", "doc-b", "doc-c"});
    }
    SECTION("bullets of every kind") {
        CHECK(parse_ranked_list("- a\n* b\n+ c\n\xE2\x80\xA2 d") == Ranking{"a", "b", "c", "d"});
    }
    SECTION("plain lines, blank ones skipped, underscores kept") {
        CHECK(parse_ranked_list("doc-a\r\ndoc-b\n\n  __init__  \n") == Ranking{"doc-a", "doc-b", "__init__"});
    }
    SECTION("an empty answer is an empty ranking") {
        CHECK(parse_ranked_list("  \n").empty());
    }
}

TEST_CASE("the retrieval check scores the chosen metric against its threshold", "[scoring]") {
    const TestCase test_case;
    const Json check = {{"type", "retrieval"}, {"relevant", {"d1", "d2", "d3", "d4"}}, {"k", 5},
                        {"metric", "recall"}, {"threshold", 0.75}};
    const CheckResult result = run_check(check, test_case, answer("1. d1\n2. d5\n3. d2\n4. d9\n5. d3"));
    CHECK(result.pass);
    CHECK(result.score == Approx(0.75));
    CHECK_THAT(result.reason, Catch::Contains("recall@5 0.7500 >= threshold 0.7500") &&
                                  Catch::Contains("precision@5 0.6000") && Catch::Contains("mrr@5 1.0000") &&
                                  Catch::Contains("ndcg@5 0.7366") && Catch::Contains("read 5 ranked items: d1, d5"));

    const CheckResult missed = run_check(check, test_case, answer("d9\nd8"));
    CHECK_FALSE(missed.pass);
    CHECK(missed.score == 0.0);
}

TEST_CASE("the retrieval check defaults to nDCG@10 and reads graded relevance", "[scoring]") {
    const TestCase test_case;
    const Json check = {{"type", "retrieval"}, {"relevant", {{"a", 3}, {"b", 2}, {"c", 1}}}, {"threshold", 0.5}};
    const CheckResult result = run_check(check, test_case, answer(R"(["c", "x", "a", "b"])"));
    // DCG@10 = 1 + 3/log2(4) + 2/log2(5) = 2.5 + 0.861353; IDCG = 4.761860
    CHECK(result.score == Approx(3.361353 / 4.761860).epsilon(1e-6));
    CHECK(result.pass);
    CHECK_THAT(result.reason, Catch::StartsWith("ndcg@10 "));
}

TEST_CASE("bad retrieval definitions are located", "[scoring]") {
    CHECK(single_diagnostic({{"type", "retrieval"}, {"relevant", {"a"}}}) ==
          "behaviour.yaml:19:5: check 'retrieval': missing required parameter 'threshold'");
    CHECK_THAT(single_diagnostic({{"type", "retrieval"}, {"relevant", "a"}, {"threshold", 0.5}}),
               Catch::StartsWith("behaviour.yaml:21:9: ") && Catch::Contains("list of ids or a mapping"));
    CHECK_THAT(single_diagnostic({{"type", "retrieval"}, {"relevant", {{"a", 0}}}, {"threshold", 0.5}}),
               Catch::Contains("at least one id with a grade > 0"));
    CHECK_THAT(single_diagnostic({{"type", "retrieval"}, {"relevant", {{"a", -1}}}, {"threshold", 0.5}}),
               Catch::Contains("grade of 'a' must be a number >= 0"));
    CHECK_THAT(single_diagnostic({{"type", "retrieval"}, {"relevant", {"a"}}, {"k", 0}, {"threshold", 0.5}}),
               Catch::StartsWith("behaviour.yaml:22:9: ") && Catch::Contains("'k' must be >= 1"));
    CHECK_THAT(single_diagnostic({{"type", "retrieval"}, {"relevant", {"a"}}, {"metric", "recal"}, {"threshold", 0.5}}),
               Catch::Contains("did you mean 'recall'"));
    CHECK_THAT(single_diagnostic({{"type", "retrieval"}, {"relevant", {"a"}}, {"threshold", 1.5}}),
               Catch::Contains("'threshold' must be <= 1"));
}

TEST_CASE("items with a description resolve to the id they start with", "[scoring]") {
    const Relevance relevance = {{"doc-3", 1}, {"doc", 1}, {"kb-12", 0}};
    CHECK(resolve_ids({"doc-3: refund policy", "doc-3 (90%)", "doc-31", "doc-3-old", "kb-12 \xE2\x80\x94 faq",
                       "unrelated"},
                      relevance) ==
          Ranking{"doc-3", "doc-3", "doc-31", "doc-3-old", "kb-12", "unrelated"});
    const TestCase test_case;
    const CheckResult result =
        run_check({{"type", "retrieval"}, {"relevant", {"doc-3"}}, {"metric", "mrr"}, {"threshold", 1}}, test_case,
                  answer("Most relevant first:\n1. doc-3: the refund policy\n2. doc-9: shipping"));
    CHECK(result.pass);
}

#include <catch2/catch.hpp>

#include <cmath>

#include "evalbench/scoring/similarity.hpp"
#include "test_scoring_behaviour_support.hpp"

using namespace evalbench;  // NOLINT: test file brevity
using evalbench::test::answer;
using evalbench::test::run_check;
using evalbench::test::single_diagnostic;

TEST_CASE("cosine similarity of hand-picked vectors", "[scoring]") {
    CHECK(cosine_similarity({1, 0}, {1, 0}).value() == 1.0);
    CHECK(cosine_similarity({1, 0}, {0, 1}).value() == 0.0);
    CHECK(cosine_similarity({1, 0}, {-2, 0}).value() == -1.0);
    // (1*2 + 2*1) / (sqrt(5) * sqrt(5)) = 4 / 5
    CHECK(cosine_similarity({1, 2}, {2, 1}).value() == Approx(0.8));
    // scale does not matter
    CHECK(cosine_similarity({3, 4}, {30, 40}).value() == Approx(1.0));
    // rounding never leaves [-1, 1]
    const std::vector<double> odd = {0.1, 0.2, 0.3, 0.7, 1e-3};
    CHECK(cosine_similarity(odd, odd).value() <= 1.0);
}

TEST_CASE("cosine similarity refuses vectors it cannot compare", "[scoring]") {
    CHECK_THAT(cosine_similarity({1, 2}, {1, 2, 3}).error(), Catch::Contains("differ in length (2 and 3)"));
    CHECK_THAT(cosine_similarity({}, {}).error(), Catch::Contains("empty"));
    CHECK_THAT(cosine_similarity({0, 0}, {1, 0}).error(), Catch::Contains("zero vector"));
    CHECK_THAT(cosine_similarity({NAN, 0}, {1, 0}).error(), Catch::Contains("non-finite"));
}

namespace {

// A fake embedding endpoint: a fixed vector per known text; counts calls.
struct FakeEmbeddings {
    std::map<std::string, std::vector<double>> vectors;
    int calls = 0;

    Embedder embedder() {
        return [this](const std::string& text) -> std::expected<std::vector<double>, std::string> {
            ++calls;
            const auto found = vectors.find(text);
            if (found == vectors.end()) {
                return std::unexpected("HTTP 500 from /embeddings");
            }
            return found->second;
        };
    }
};

}  // namespace

TEST_CASE("similar passes when the cosine reaches the threshold", "[scoring]") {
    FakeEmbeddings fake;
    fake.vectors = {{"Paris is the capital.", {1, 2}}, {"The capital is Paris.", {2, 1}}, {"Bananas.", {-1, 0}}};
    ScoringOptions options;
    options.embed = fake.embedder();
    TestCase test_case;
    test_case.reference = "Paris is the capital.";

    const Json check = {{"type", "similar"}, {"threshold", 0.75}};
    const CheckResult close = run_check(check, test_case, answer("The capital is Paris."), &options);
    CHECK(close.pass);
    CHECK(close.score == Approx(0.8));
    CHECK(close.reason == "cosine similarity 0.8000 >= threshold 0.7500");

    const CheckResult far = run_check({{"type", "similar"}, {"threshold", 0.85}}, test_case,
                                      answer("The capital is Paris."), &options);
    CHECK_FALSE(far.pass);

    // a negative cosine scores 0
    const CheckResult opposite = run_check(check, test_case, answer("Bananas."), &options);
    CHECK_FALSE(opposite.pass);
    CHECK(opposite.score == 0.0);
}

TEST_CASE("similar embeds each reference once per check", "[scoring]") {
    FakeEmbeddings fake;
    fake.vectors = {{"ref", {1, 0}}, {"a", {1, 0}}, {"b", {0, 1}}};
    ScoringOptions options;
    options.embed = fake.embedder();
    TestCase test_case;
    test_case.reference = "ref";
    const CheckSpec spec = test::behaviour_spec({{"type", "similar"}, {"threshold", 0.5}});
    Diagnostics diagnostics;
    const std::unique_ptr<BoundCheck> check = compile_check(spec, diagnostics);
    REQUIRE(check);
    const Completion first = answer("a");
    const Completion second = answer("b");
    CHECK(check->evaluate({test_case, first, nullptr, std::nullopt, &options}).pass);
    CHECK_FALSE(check->evaluate({test_case, second, nullptr, std::nullopt, &options}).pass);
    CHECK(fake.calls == 3);  // ref, a, b
}

TEST_CASE("similar cannot be measured without an embedder, a reference or an embedding", "[scoring]") {
    TestCase test_case;
    test_case.reference = "ref";
    const Json check = {{"type", "similar"}, {"threshold", 0.5}};
    SECTION("no embeddings endpoint") {
        const CheckResult result = run_check(check, test_case, answer("a"));
        CHECK(result.errored);
        CHECK(result.reason == "no embeddings endpoint: add `embeddings:` to the manifest");
        ScoringOptions empty;
        CHECK(run_check(check, test_case, answer("a"), &empty).errored);
    }
    FakeEmbeddings fake;
    fake.vectors = {{"ref", {1, 0}}, {"short", {1}}};
    ScoringOptions options;
    options.embed = fake.embedder();
    SECTION("the endpoint fails") {
        const CheckResult result = run_check(check, test_case, answer("unknown"), &options);
        CHECK(result.errored);
        CHECK(result.reason == "embedding the answer failed: HTTP 500 from /embeddings");
    }
    SECTION("mismatched dimensions") {
        const CheckResult result = run_check(check, test_case, answer("short"), &options);
        CHECK(result.errored);
        CHECK_THAT(result.reason, Catch::Contains("differ in length"));
    }
    SECTION("no reference") {
        const TestCase bare;
        CHECK(run_check(check, bare, answer("a"), &options).errored);
        // the check's own reference stands in
        fake.vectors["a"] = {1, 0};
        CHECK(run_check({{"type", "similar"}, {"threshold", 0.5}, {"reference", "ref"}}, bare, answer("a"), &options)
                  .pass);
    }
    SECTION("an empty answer fails without calling the endpoint") {
        const CheckResult result = run_check(check, test_case, answer("  "), &options);
        CHECK_FALSE(result.errored);
        CHECK_FALSE(result.pass);
        CHECK(fake.calls == 0);
    }
}

TEST_CASE("bad similar definitions are located", "[scoring]") {
    CHECK(single_diagnostic({{"type", "similar"}}) ==
          "behaviour.yaml:19:5: check 'similar': missing required parameter 'threshold'");
    CHECK_THAT(single_diagnostic({{"type", "similar"}, {"threshold", 2}}),
               Catch::StartsWith("behaviour.yaml:21:9: ") && Catch::Contains("'threshold' must be <= 1"));
}

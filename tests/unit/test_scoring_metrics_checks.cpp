// The text-metric checks as a suite uses them: compile-time diagnostics for
// bad parameters, and pass / score / reason / errored at evaluation.

#include <catch2/catch.hpp>

#include <memory>
#include <optional>
#include <string>

#include "evalbench/scoring/registry.hpp"

namespace evalbench {
namespace {

CheckSpec make_spec(const std::string& type, Json params) {
    CheckSpec spec;
    spec.type = type;
    spec.params = std::move(params);
    spec.params["type"] = type;
    if (spec.params.contains("threshold") && spec.params["threshold"].is_number()) {
        spec.threshold = spec.params["threshold"].get<double>();
    }
    spec.where = {"suites/a.yaml", 7, 5};
    for (const auto& [key, value] : spec.params.items()) {
        std::ignore = value;  // only keys get locations
        spec.param_locations[key] = {"suites/a.yaml", 8, 7};
    }
    return spec;
}

struct Scored {
    CheckResult result;
    Diagnostics diagnostics;
};

Scored score(const CheckSpec& spec, const std::string& answer, std::optional<std::string> case_reference) {
    Scored scored;
    const std::unique_ptr<BoundCheck> check = compile_check(spec, scored.diagnostics);
    REQUIRE(check != nullptr);
    TestCase test_case;
    test_case.id = "c1";
    test_case.reference = std::move(case_reference);
    Completion completion;
    completion.content = answer;
    const ScoringInput input{test_case, completion, nullptr, std::nullopt, nullptr};
    scored.result = check->evaluate(input);
    return scored;
}

std::string compile_errors(const CheckSpec& spec) {
    Diagnostics diagnostics;
    const std::unique_ptr<BoundCheck> check = compile_check(spec, diagnostics);
    CHECK(check == nullptr);
    std::string text;
    for (const Diagnostic& diagnostic : diagnostics) {
        text += diagnostic.format() + "\n";
    }
    return text;
}

}  // namespace

TEST_CASE("every text metric is registered", "[scoring]") {
    for (const char* name : {"levenshtein", "exact-match", "bleu", "chrf", "rouge-l"}) {
        CAPTURE(name);
        CHECK(CheckRegistry::builtin().find(name) != nullptr);
    }
}

TEST_CASE("a metric check without a usable threshold is a located compile error", "[scoring]") {
    SECTION("missing: located at the check") {
        const std::string errors = compile_errors(make_spec("bleu", Json::object()));
        CHECK(errors == "suites/a.yaml:7:5: check 'bleu' needs a threshold in [0, 1]\n");
    }
    SECTION("out of range: located at the value") {
        const std::string errors = compile_errors(make_spec("chrf", {{"threshold", 1.5}}));
        CHECK(errors == "suites/a.yaml:8:7: check 'chrf' needs a threshold in [0, 1], got 1.5\n");
    }
    SECTION("not a number") {
        const std::string errors = compile_errors(make_spec("rouge-l", {{"threshold", "high"}}));
        CHECK(errors == "suites/a.yaml:8:7: check 'rouge-l' needs a threshold in [0, 1], got \"high\"\n");
    }
    SECTION("exact-match does not need one") {
        Diagnostics diagnostics;
        CHECK(compile_check(make_spec("exact-match", Json::object()), diagnostics) != nullptr);
        CHECK(diagnostics.empty());
    }
}

TEST_CASE("bad reference and normalize parameters are located compile errors", "[scoring]") {
    CHECK(compile_errors(make_spec("levenshtein", {{"threshold", 0.5}, {"reference", 42}})) ==
          "suites/a.yaml:8:7: 'reference' of check 'levenshtein' must be a string or a non-empty list of strings\n");
    CHECK(compile_errors(make_spec("bleu", {{"threshold", 0.5}, {"reference", Json::array()}})).find("non-empty list") !=
          std::string::npos);
    const std::string errors = compile_errors(make_spec("exact-match", {{"normalize", Json::array({"case", "whitespce"})}}));
    CHECK(errors.find("did you mean 'whitespace'?") !=
          std::string::npos);
    SECTION("every problem is reported, not only the first") {
        const std::string both = compile_errors(make_spec("rouge-l", {{"reference", false}}));
        CHECK(both.find("needs a threshold") != std::string::npos);
        CHECK(both.find("'reference' of check 'rouge-l'") != std::string::npos);
    }
    SECTION("parameters of other checks are refused") {
        CHECK(compile_errors(make_spec("bleu", {{"threshold", 0.5}, {"normalize", "case"}})).find("unknown parameter") !=
              std::string::npos);
    }
}

TEST_CASE("a metric check scores the metric and passes at the threshold", "[scoring]") {
    SECTION("levenshtein, with the value and the threshold in the reason") {
        const Scored scored = score(make_spec("levenshtein", {{"threshold", 0.5}}), "kitten", "sitting");
        CHECK(scored.result.score == Approx(1.0 - 3.0 / 7.0));
        CHECK(scored.result.pass);
        CHECK(scored.result.reason == "similarity 0.5714: score 0.5714 >= threshold 0.5000");
    }
    SECTION("bleu divides sacreBLEU's 0-100 score by 100") {
        const Scored scored = score(make_spec("bleu", {{"threshold", 0.1}}), "test", "a test");
        CHECK(scored.result.score == Approx(0.3678794411714425));
        CHECK(scored.result.pass);
        CHECK(scored.result.reason.find("BLEU 36.79") != std::string::npos);
    }
    SECTION("chrf below its threshold fails") {
        const Scored scored = score(make_spec("chrf", {{"threshold", 0.9}}), "café au lait", "cafe au lait");
        CHECK(scored.result.score == Approx(0.54411375661375665));
        CHECK_FALSE(scored.result.pass);
        CHECK(scored.result.reason.find("< threshold 0.9000") != std::string::npos);
    }
    SECTION("rouge-l") {
        const Scored scored = score(make_spec("rouge-l", {{"threshold", 0.8}}), "testing one", "testing one two");
        CHECK(scored.result.score == Approx(0.8));
        CHECK(scored.result.pass);
    }
    SECTION("a negated metric passes when the metric is below the threshold") {
        CheckSpec spec = make_spec("levenshtein", {{"threshold", 0.9}});
        spec.negate = true;
        const Scored scored = score(spec, "kitten", "sitting");
        CHECK(scored.result.pass);
        CHECK(scored.result.score == Approx(3.0 / 7.0));
    }
}

TEST_CASE("the check's reference wins over the case's, and several references take the best", "[scoring]") {
    const Scored own = score(make_spec("exact-match", {{"reference", "Paris"}}), " Paris \n", "London");
    CHECK(own.result.pass);
    CHECK(own.result.score == 1.0);
    const Scored several =
        score(make_spec("levenshtein", {{"threshold", 0.9}, {"reference", Json::array({"Lyon", "Paris"})}}), "Paris",
              std::nullopt);
    CHECK(several.result.score == 1.0);
}

TEST_CASE("exact-match trims always and normalises only on request", "[scoring]") {
    CHECK_FALSE(score(make_spec("exact-match", Json::object()), "paris", "Paris").result.pass);
    CHECK(score(make_spec("exact-match", {{"normalize", "case"}}), "PARIS", "paris").result.pass);
    CHECK(score(make_spec("exact-match", {{"normalize", "case"}}), "ÉCOLE", "école").result.pass);
    CHECK(score(make_spec("exact-match", {{"normalize", "case"}}), "ŁÓDŹ ŸES", "łódź ÿes").result.pass);
    CHECK(score(make_spec("exact-match", {{"normalize", "case"}}), "ΑΘΗΝΑ МОСКВА", "αθηνα москва").result.pass);
    const Json all = Json::array({"case", "whitespace", "punctuation"});
    CHECK(score(make_spec("exact-match", {{"normalize", all}}), "Hello,   World!", "hello world").result.pass);
    CHECK(score(make_spec("exact-match", {{"normalize", true}}), "Hello,   World!", "hello world").result.pass);
    CHECK_FALSE(score(make_spec("exact-match", {{"normalize", false}}), "Hello", "hello").result.pass);
    CHECK_FALSE(score(make_spec("exact-match", {{"normalize", "whitespace"}}), "Hello,   World!", "hello world").result.pass);
    SECTION("a mismatch names the first differing character, counted in code points") {
        const Scored scored = score(make_spec("exact-match", Json::object()), "naïve answer", "naïve answers");
        CHECK_FALSE(scored.result.pass);
        CHECK(scored.result.reason == "differs from the reference at character 13: score 0.0000 < threshold 1.0000");
        CHECK(score(make_spec("exact-match", Json::object()), "é", "è").result.reason.find("at character 1:") !=
              std::string::npos);
    }
}

TEST_CASE("levenshtein refuses texts too long to compare in reasonable time", "[scoring]") {
    const Scored scored =
        score(make_spec("levenshtein", {{"threshold", 0.5}}), std::string(40000, 'a'), std::string(30000, 'b'));
    CHECK(scored.result.errored);
    CHECK(scored.result.reason.find("too long for levenshtein") != std::string::npos);
}

TEST_CASE("a metric check with nothing to compare with errors instead of scoring 0", "[scoring]") {
    const Scored missing = score(make_spec("rouge-l", {{"threshold", 0.5}}), "an answer", std::nullopt);
    CHECK(missing.result.errored);
    CHECK_FALSE(missing.result.pass);
    CHECK(missing.result.reason.find("no reference") != std::string::npos);
    SECTION("BLEU and chrF refuse an empty reference, as sacreBLEU does") {
        CHECK(score(make_spec("bleu", {{"threshold", 0.5}}), "an answer", "").result.errored);
        CHECK(score(make_spec("chrf", {{"threshold", 0.5}}), "an answer", "").result.errored);
        CHECK_FALSE(score(make_spec("levenshtein", {{"threshold", 0.5}}), "", "").result.errored);
    }
}

}  // namespace evalbench

#include <catch2/catch.hpp>

#include "evalbench/scoring/line_diff.hpp"
#include "test_scoring_behaviour_support.hpp"

using namespace evalbench;  // NOLINT: test file brevity
using evalbench::test::answer;
using evalbench::test::run_check;
using evalbench::test::single_diagnostic;

namespace {

const std::string k_original = "def area(r):\n    pi = 3.14\n    return pi * r * r\n\n\nprint(area(2))\n";

std::string numbered_lines(int count, const std::string& prefix) {
    std::string text;
    for (int i = 0; i < count; ++i) {
        text += prefix + std::to_string(i) + "\n";
    }
    return text;
}

}  // namespace

TEST_CASE("identical code has no changed lines", "[scoring]") {
    const LineDiff diff = diff_lines(k_original, k_original);
    CHECK(diff.changed == 0);
    CHECK(diff.hunks == 0);
    CHECK(diff.first_changed_line == 0);
}

TEST_CASE("a rewritten line is one change, not two", "[scoring]") {
    const LineDiff diff = diff_lines("a\nb\nc\n", "a\nB\nc\n");
    CHECK(diff.added == 1);
    CHECK(diff.removed == 1);
    CHECK(diff.changed == 1);
    CHECK(diff.hunks == 1);
    CHECK(diff.first_changed_line == 2);
}

TEST_CASE("changed lines are summed per hunk as the larger side", "[scoring]") {
    SECTION("added lines") {
        const LineDiff diff = diff_lines("a\nb\n", "a\nb\nc\nd\ne\n");
        CHECK(diff.changed == 3);
        CHECK(diff.added == 3);
        CHECK(diff.removed == 0);
    }
    SECTION("two lines replaced by five") {
        const LineDiff diff = diff_lines("a\nx\ny\nb\n", "a\n1\n2\n3\n4\n5\nb\n");
        CHECK(diff.changed == 5);
        CHECK(diff.hunks == 1);
    }
    SECTION("two separate hunks") {
        // line 2 rewritten, line 5 deleted
        const LineDiff diff = diff_lines("1\n2\n3\n4\n5\n6\n", "1\ntwo\n3\n4\n6\n");
        CHECK(diff.hunks == 2);
        CHECK(diff.changed == 2);
        CHECK(diff.added == 1);
        CHECK(diff.removed == 2);
        CHECK(diff.first_changed_line == 2);
    }
    SECTION("from nothing") {
        CHECK(diff_lines("", "x\ny\nz").changed == 3);
        CHECK(diff_lines("x\ny", "").changed == 2);
    }
}

TEST_CASE("trailing whitespace, CRLF and trailing blank lines do not count", "[scoring]") {
    CHECK(diff_lines("a\nb\n", "a  \r\nb\t\r\n\n\n").changed == 0);
    // leading whitespace is code (indentation) and does count
    CHECK(diff_lines("a\nb\n", "a\n  b\n").changed == 1);
}

TEST_CASE("huge, completely different inputs fall back to a lower bound", "[scoring]") {
    const LineDiff diff = diff_lines(numbered_lines(6000, "old "), numbered_lines(6000, "new "));
    CHECK_FALSE(diff.exact);
    CHECK(diff.changed == 6000);
    CHECK(diff.added == 6000);
    CHECK(diff.removed == 6000);
}

TEST_CASE("max-diff-lines compares the answer's code block with the original", "[scoring]") {
    TestCase test_case;
    test_case.original = k_original;
    const std::string fixed =
        "Here is the fix:\n```python\ndef area(r):\n    pi = 3.14159\n    return pi * r * r\n\n\nprint(area(2))\n```\n"
        "It uses a more precise pi.";
    const CheckResult within = run_check({{"type", "max-diff-lines"}, {"max", 1}}, test_case, answer(fixed));
    CHECK(within.pass);
    CHECK(within.score == 1.0);
    CHECK(within.reason ==
          "1 changed line (+1 -1) in 1 hunk, first at original line 2 <= max 1; compared the answer's code block");

    const CheckResult over = run_check({{"type", "max-diff-lines"}, {"max", 0}}, test_case, answer(fixed));
    CHECK_FALSE(over.pass);
    // (max + 1) / (changed + 1) = 1 / 2
    CHECK(over.score == Approx(0.5));
}

TEST_CASE("max-diff-lines decays the score with the overshoot", "[scoring]") {
    TestCase test_case;
    test_case.original = "a\nb\nc\nd\n";
    // all four lines rewritten and two added: 6 changed; (2 + 1) / (6 + 1)
    const CheckResult result =
        run_check({{"type", "max-diff-lines"}, {"max", 2}}, test_case, answer("1\n2\n3\n4\n5\n6\n"));
    CHECK_FALSE(result.pass);
    CHECK(result.score == Approx(3.0 / 7.0));
    CHECK_THAT(result.reason, Catch::EndsWith("compared the whole answer (no code block)"));
}

TEST_CASE("max-diff-lines prefers the block in the requested language", "[scoring]") {
    TestCase test_case;
    test_case.original = "x = 1\n";
    const std::string two_blocks = "Run:\n```bash\npython main.py\n```\nCode:\n~~~Python\nx = 1\n~~~\n";
    CHECK(run_check({{"type", "max-diff-lines"}, {"max", 0}, {"language", "python"}}, test_case, answer(two_blocks))
              .pass);
    CHECK_FALSE(run_check({{"type", "max-diff-lines"}, {"max", 0}}, test_case, answer(two_blocks)).pass);
}

TEST_CASE("max-diff-lines without an original is an error, not a failure", "[scoring]") {
    const TestCase test_case;
    const CheckResult result = run_check({{"type", "max-diff-lines"}, {"max", 3}}, test_case, answer("x"));
    CHECK(result.errored);
    CHECK_FALSE(result.pass);
    CHECK_THAT(result.reason, Catch::Contains("no 'original'"));
}

TEST_CASE("bad max-diff-lines definitions are located", "[scoring]") {
    CHECK(single_diagnostic({{"type", "max-diff-lines"}}) ==
          "behaviour.yaml:19:5: check 'max-diff-lines': missing required parameter 'max'");
    CHECK_THAT(single_diagnostic({{"type", "max-diff-lines"}, {"max", -1}}),
               Catch::StartsWith("behaviour.yaml:21:9: ") && Catch::Contains("'max' must be >= 0"));
    CHECK_THAT(single_diagnostic({{"type", "max-diff-lines"}, {"max", 2.5}}), Catch::Contains("'max'"));
}

// regex, min-length, max-length and word-count.

#include <catch2/catch.hpp>

#include "test_scoring_text_support.hpp"

namespace evalbench {

using test::diagnose;
using test::passes;
using test::score;

TEST_CASE("regex matches anywhere in the answer and shows the match", "[scoring]") {
    const Json check = {{"type", "regex"}, {"pattern", "\\b\\d{3}-\\d{4}\\b"}};
    CHECK(passes(check, "Call 555-1234 now"));
    CHECK_FALSE(passes(check, "Call 5551234 now"));
    const CheckResult result = score(check, "Call 555-1234 now");
    CHECK(result.reason == "/\\b\\d{3}-\\d{4}\\b/ matched \"555-1234\" at char 5: \"Call 555-1234 now\"");
    CHECK(score(check, "nothing").reason == "no match for /\\b\\d{3}-\\d{4}\\b/ in \"nothing\"");
}

TEST_CASE("regex flags map to RE2 options", "[scoring]") {
    SECTION("i ignores case") {
        CHECK_FALSE(passes({{"type", "regex"}, {"pattern", "^hello"}}, "HELLO"));
        CHECK(passes({{"type", "regex"}, {"pattern", "^hello"}, {"flags", "i"}}, "HELLO"));
    }
    SECTION("s lets the dot match a newline") {
        CHECK_FALSE(passes({{"type", "regex"}, {"pattern", "a.b"}}, "a\nb"));
        CHECK(passes({{"type", "regex"}, {"pattern", "a.b"}, {"flags", "s"}}, "a\nb"));
    }
    SECTION("m anchors at line breaks") {
        CHECK_FALSE(passes({{"type", "regex"}, {"pattern", "^two$"}}, "one\ntwo\nthree"));
        CHECK(passes({{"type", "regex"}, {"pattern", "^two$"}, {"flags", Json::array({"m", "i"})}}, "one\nTWO\nthree"));
    }
}

TEST_CASE("negated regex passes when nothing matches", "[scoring]") {
    const Json check = {{"type", "not-regex"}, {"pattern", "(?i)as an ai"}};
    CHECK(passes(check, "Here you go."));
    const CheckResult matched = score(check, "As an AI model");
    CHECK_FALSE(matched.pass);
    CHECK(matched.score == 0.0);
    CHECK_THAT(matched.reason, Catch::StartsWith("should not hold, but: /(?i)as an ai/ matched \"As an AI\""));
}

TEST_CASE("an invalid regex is a located error found at compile time", "[scoring]") {
    const Diagnostics diagnostics = diagnose({{"type", "regex"}, {"pattern", "(unclosed"}});
    REQUIRE(diagnostics.size() == 1);
    CHECK(diagnostics[0].format() ==
          "suite.yaml:11:7: check 'regex': invalid regular expression \"(unclosed\": missing ): (unclosed");
    // Perl features RE2 refuses (backreferences) are caught the same way.
    const Diagnostics backref = diagnose({{"type", "regex"}, {"pattern", "(a)\\1"}});
    REQUIRE(backref.size() == 1);
    CHECK_THAT(backref[0].message, Catch::Contains("invalid escape sequence"));
}

TEST_CASE("regex rejects unknown flags, an empty pattern and a missing one", "[scoring]") {
    const Diagnostics flags = diagnose({{"type", "regex"}, {"pattern", "a"}, {"flags", "ix"}});
    REQUIRE(flags.size() == 1);
    CHECK(flags[0].where.line == 12);
    CHECK_THAT(flags[0].message, Catch::Contains("'x' is not a valid value for 'flags'"));
    const Diagnostics empty = diagnose({{"type", "regex"}, {"pattern", ""}});
    REQUIRE(empty.size() == 1);
    CHECK_THAT(empty[0].message, Catch::Contains("'pattern' must not be empty"));
    const Diagnostics missing = diagnose({{"type", "regex"}, {"flags", "i"}});
    REQUIRE(missing.size() == 1);
    CHECK(missing[0].format() == "suite.yaml:9:5: check 'regex': missing required parameter 'pattern'");
}

TEST_CASE("regex stays linear on a pattern that backtracks catastrophically elsewhere", "[scoring]") {
    // (a+)+$ against many a's and a final b takes exponential time in a
    // backtracking engine; RE2 answers at once. The test fails by timeout.
    const std::string many_a = std::string(5000, 'a');
    CHECK_FALSE(passes({{"type", "regex"}, {"pattern", "(a+)+$"}}, many_a + "!"));
    CHECK(passes({{"type", "regex"}, {"pattern", "(a+)+b$"}}, many_a + "b"));
}

TEST_CASE("lengths count Unicode characters, not bytes", "[scoring]") {
    const std::string greek = "καλημέρα";  // 8 characters, 16 bytes
    CHECK(passes({{"type", "max-length"}, {"value", 8}}, greek));
    CHECK_FALSE(passes({{"type", "max-length"}, {"value", 7}}, greek));
    CHECK(passes({{"type", "min-length"}, {"value", 8}}, greek));
    CHECK_FALSE(passes({{"type", "min-length"}, {"value", 9}}, greek));
    CHECK(passes({{"type", "max-length"}, {"value", 2}}, "😀😀"));
    CHECK(score({{"type", "min-length"}, {"value", 9}}, greek).reason ==
          "answer is 8 chars; at least 9 required: \"καλημέρα\"");
    CHECK(score({{"type", "max-length"}, {"value", 3}}, "abcd").reason == "answer is 4 chars; at most 3 allowed: \"abcd\"");
    CHECK(passes({{"type", "not-max-length"}, {"value", 3}}, "abcd"));
}

TEST_CASE("length limits must be whole numbers of zero or more", "[scoring]") {
    const Diagnostics negative = diagnose({{"type", "min-length"}, {"value", -1}});
    REQUIRE(negative.size() == 1);
    CHECK(negative[0].format() == "suite.yaml:11:7: check 'min-length': parameter 'value' must be >= 0, got -1");
    const Diagnostics text = diagnose({{"type", "max-length"}, {"value", "ten"}});
    REQUIRE(text.size() == 1);
    CHECK_THAT(text[0].message, Catch::Contains("must be a whole number, got a string"));
    CHECK(diagnose({{"type", "max-length"}}).size() == 1);
}

TEST_CASE("word-count counts runs of non-whitespace against min and max", "[scoring]") {
    const Json both = {{"type", "word-count"}, {"min", 2}, {"max", 4}};
    CHECK(passes(both, "two words"));
    CHECK(passes(both, "  one\ttwo\n three  four "));
    CHECK_FALSE(passes(both, "one"));
    CHECK_FALSE(passes(both, "one two three four five"));
    CHECK(score(both, "one").reason == "answer has 1 word; expected 2 to 4: \"one\"");
    CHECK(passes({{"type", "word-count"}, {"max", 0}}, " \n "));
    CHECK(passes({{"type", "word-count"}, {"min", 3}}, "日本 語\u3000です"));
    CHECK(passes({{"type", "not-word-count"}, {"max", 1}}, "a b"));
}

TEST_CASE("word-count needs min or max, in order", "[scoring]") {
    const Diagnostics none = diagnose({{"type", "word-count"}});
    REQUIRE(none.size() == 1);
    CHECK(none[0].message == "check 'word-count': needs at least one of 'min', 'max'");
    const Diagnostics reversed = diagnose({{"type", "word-count"}, {"min", 5}, {"max", 2}});
    REQUIRE(reversed.size() == 1);
    CHECK(reversed[0].format() == "suite.yaml:12:7: check 'word-count': 'max' (2) must not be below 'min' (5)");
}

}  // namespace evalbench

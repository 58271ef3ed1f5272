// equals, contains, icontains, contains-any, contains-all, starts-with,
// through compile_check as a suite would use them.

#include <catch2/catch.hpp>

#include "test_scoring_text_support.hpp"

namespace evalbench {

using test::diagnose;
using test::passes;
using test::score;

TEST_CASE("equals compares the trimmed answer exactly", "[scoring]") {
    const Json check = {{"type", "equals"}, {"value", "Paris"}};
    CHECK(passes(check, "Paris"));
    CHECK(passes(check, "  Paris\n"));
    CHECK_FALSE(passes(check, "paris"));
    CHECK_FALSE(passes(check, "Paris."));
    const CheckResult failed = score(check, "Paris, France");
    CHECK(failed.score == 0.0);
    CHECK(failed.reason == "expected \"Paris\", got \"Paris, France\"; first difference at char 5");
    CHECK(score(check, "Paris").reason == "answer equals \"Paris\"");
}

TEST_CASE("equals reads a YAML number as the text it was written as", "[scoring]") {
    CHECK(passes({{"type", "equals"}, {"value", 42}}, "42"));
    CHECK_FALSE(passes({{"type", "equals"}, {"value", 42}}, "42.0"));
}

TEST_CASE("equals normalizes case, whitespace and punctuation on request", "[scoring]") {
    SECTION("true means all three") {
        const Json check = {{"type", "equals"}, {"value", "The U.S. of America"}, {"normalize", true}};
        CHECK(passes(check, "the  us of\namerica!"));
        CHECK_FALSE(passes(check, "the us of a"));
        CHECK_THAT(score(check, "x").reason, Catch::Contains("after normalizing case, whitespace, punctuation"));
    }
    SECTION("case only") {
        const Json check = {{"type", "equals"}, {"value", "ÉCOLE Straße"}, {"normalize", Json::array({"case"})}};
        CHECK(passes(check, "école straße"));
        CHECK_FALSE(passes(check, "école  straße"));
    }
    SECTION("whitespace only") {
        const Json check = {{"type", "equals"}, {"value", "a b c"}, {"normalize", "whitespace"}};
        CHECK(passes(check, " a \t b\u00a0\n c "));
        CHECK_FALSE(passes(check, "A b c"));
    }
    SECTION("punctuation only, Unicode punctuation included") {
        const Json check = {{"type", "equals"}, {"value", "yes"}, {"normalize", Json::array({"punctuation"})}};
        CHECK(passes(check, "«yes!»"));
        CHECK(passes(check, "“yes…”"));
        CHECK_FALSE(passes(check, "Yes."));
    }
    SECTION("false means exact") {
        CHECK_FALSE(passes({{"type", "equals"}, {"value", "a"}, {"normalize", false}}, "A"));
    }
}

TEST_CASE("a bad normalize value is a located error", "[scoring]") {
    const Diagnostics wrong_name = diagnose({{"type", "equals"}, {"value", "x"}, {"normalize", Json::array({"case", "whitspace"})}});
    REQUIRE(wrong_name.size() == 1);
    CHECK(wrong_name[0].where.line == 12);
    CHECK_THAT(wrong_name[0].message, Catch::Contains("'whitspace' is not a valid value for 'normalize' (did you mean 'whitespace'?)"));
    const Diagnostics wrong_type = diagnose({{"type", "equals"}, {"value", "x"}, {"normalize", 3}});
    REQUIRE(wrong_type.size() == 1);
    CHECK_THAT(wrong_type[0].message, Catch::Contains("must be true, false or a list of: case, whitespace, punctuation"));
}

TEST_CASE("equals without a value is reported at the check", "[scoring]") {
    const Diagnostics diagnostics = diagnose({{"type", "equals"}});
    REQUIRE(diagnostics.size() == 1);
    CHECK(diagnostics[0].format() == "suite.yaml:9:5: check 'equals': missing required parameter 'value'");
}

TEST_CASE("contains is case-sensitive and says where it found the value", "[scoring]") {
    const Json check = {{"type", "contains"}, {"value", "Paris"}};
    CHECK(passes(check, "The capital is Paris."));
    CHECK_FALSE(passes(check, "The capital is paris."));
    CHECK(score(check, "The capital is Paris.").reason == "found \"Paris\" at char 15: \"The capital is Paris.\"");
    CHECK(score(check, "Lyon").reason == "\"Paris\" not found in \"Lyon\"");
}

TEST_CASE("icontains ignores case beyond ASCII and reports the original text", "[scoring]") {
    const Json check = {{"type", "icontains"}, {"value", "ΑΘΗΝΑ"}};
    CHECK(passes(check, "Η πρωτεύουσα είναι η Αθηνα."));
    const CheckResult result = score(check, "Η πρωτεύουσα είναι η Αθηνα.");
    CHECK(result.reason == "found \"ΑΘΗΝΑ\" at char 21: \"Η πρωτεύουσα είναι η Αθηνα.\"");
    CHECK(passes({{"type", "icontains"}, {"value", "error"}}, "FATAL ERROR: disk"));
    CHECK_FALSE(passes({{"type", "icontains"}, {"value", "error"}}, "all good"));
}

TEST_CASE("negated contains passes when the value is absent", "[scoring]") {
    const Json check = {{"type", "not-contains"}, {"value", "As an AI"}};
    const CheckResult absent = score(check, "Here is the answer.");
    CHECK(absent.pass);
    CHECK(absent.score == 1.0);
    CHECK(absent.name == "not-contains");
    const CheckResult present = score(check, "As an AI, I cannot.");
    CHECK_FALSE(present.pass);
    CHECK(present.reason == "should not hold, but: found \"As an AI\" at char 0: \"As an AI, I cannot.\"");
}

TEST_CASE("contains rejects an empty or non-text value", "[scoring]") {
    const Diagnostics empty = diagnose({{"type", "contains"}, {"value", ""}});
    REQUIRE(empty.size() == 1);
    CHECK(empty[0].format() == "suite.yaml:11:7: check 'contains': parameter 'value' must not be empty");
    const Diagnostics listed = diagnose({{"type", "icontains"}, {"value", Json::array({"a"})}});
    REQUIRE(listed.size() == 1);
    CHECK(listed[0].where.line == 11);
}

TEST_CASE("contains-any passes on the first value found", "[scoring]") {
    const Json check = {{"type", "contains-any"}, {"values", Json::array({"refund", "money back"})}};
    CHECK(passes(check, "You can get your money back."));
    CHECK_FALSE(passes(check, "No."));
    CHECK(score(check, "No.").reason == "none of \"refund\", \"money back\" found in \"No.\"");
    CHECK(passes({{"type", "contains-any"}, {"values", Json::array({"REFUND"})}, {"ignore_case", true}}, "a refund"));
    CHECK(passes({{"type", "not-contains-any"}, {"values", Json::array({"x", "y"})}}, "abc"));
}

TEST_CASE("contains-all scores the share of values found", "[scoring]") {
    const Json check = {{"type", "contains-all"}, {"values", Json::array({"alpha", "beta", "gamma", "delta"})}};
    const CheckResult partial = score(check, "alpha and gamma");
    CHECK_FALSE(partial.pass);
    CHECK(partial.score == Approx(0.5));
    CHECK(partial.reason == "found 2 of 4; missing \"beta\", \"delta\" in \"alpha and gamma\"");
    const CheckResult all = score(check, "delta gamma beta alpha");
    CHECK(all.pass);
    CHECK(all.score == 1.0);
    const CheckResult negated = score({{"type", "not-contains-all"}, {"values", Json::array({"a", "z"})}}, "abc");
    CHECK(negated.pass);
    CHECK(negated.score == Approx(0.5));
}

TEST_CASE("contains-any and contains-all need a non-empty list of non-empty strings", "[scoring]") {
    const Diagnostics missing = diagnose({{"type", "contains-all"}});
    REQUIRE(missing.size() == 1);
    CHECK(missing[0].message == "check 'contains-all': missing required parameter 'values'");
    const Diagnostics empty = diagnose({{"type", "contains-any"}, {"values", Json::array()}});
    REQUIRE(empty.size() == 1);
    CHECK(empty[0].format() == "suite.yaml:11:7: check 'contains-any': parameter 'values' must be a non-empty list of strings");
    const Diagnostics scalar = diagnose({{"type", "contains-any"}, {"values", "one"}});
    REQUIRE(scalar.size() == 1);
    CHECK_THAT(scalar[0].message, Catch::Contains("must be a list of strings, got a string"));
    const Diagnostics blank = diagnose({{"type", "contains-all"}, {"values", Json::array({"a", ""})}});
    REQUIRE(blank.size() == 1);
    CHECK_THAT(blank[0].message, Catch::Contains("element 2 of 'values' must not be empty"));
    const Diagnostics flag = diagnose({{"type", "contains-all"}, {"values", Json::array({"a"})}, {"ignore_case", "yes"}});
    REQUIRE(flag.size() == 1);
    CHECK(flag[0].where.line == 12);
}

TEST_CASE("starts-with ignores leading whitespace only", "[scoring]") {
    const Json check = {{"type", "starts-with"}, {"value", "Yes"}};
    CHECK(passes(check, "Yes, it is."));
    CHECK(passes(check, " \n\u3000Yes"));
    CHECK_FALSE(passes(check, "yes"));
    CHECK_FALSE(passes(check, "Ye"));
    CHECK_FALSE(passes(check, "Well, yes"));
    CHECK(score(check, "Well, yes").reason == "expected the answer to start with \"Yes\", it starts with \"Well, yes\"");
    CHECK(passes({{"type", "starts-with"}, {"value", "ÉTÉ"}, {"ignore_case", true}}, "été indien"));
    CHECK(passes({{"type", "not-starts-with"}, {"value", "Sorry"}}, "Sure!"));
}

TEST_CASE("an unknown parameter is reported by the registry with a suggestion", "[scoring]") {
    const Diagnostics diagnostics = diagnose({{"type", "contains"}, {"valeu", "x"}});
    REQUIRE(diagnostics.size() == 2);
    CHECK_THAT(diagnostics[0].message, Catch::Contains("unknown parameter 'valeu'"));
    CHECK_THAT(diagnostics[1].message, Catch::Contains("missing required parameter 'value'"));
}

}  // namespace evalbench

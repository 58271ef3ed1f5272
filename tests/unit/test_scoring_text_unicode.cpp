// The Unicode helpers behind the text checks: decoding, classes, folding,
// normalising and quoting for reasons.

#include <catch2/catch.hpp>

#include "../../src/scoring/text_unicode.hpp"

namespace evalbench {

TEST_CASE("decoding counts code points and survives broken UTF-8", "[scoring]") {
    CHECK(text::length("") == 0);
    CHECK(text::length("abc") == 3);
    CHECK(text::length("é") == 1);
    CHECK(text::length("日本語") == 3);
    CHECK(text::length("😀") == 1);
    CHECK(text::length("a\xff" "b") == 3);       // a stray byte counts as one
    CHECK(text::length("\xe6\x97") == 2);        // a truncated sequence: each byte alone
    CHECK(text::length("\xc0\xaf") == 2);        // an overlong encoding is refused
    CHECK(text::decode("\xed\xa0\x80", 0).code_point == 0xFFFD);  // a surrogate
    CHECK(text::char_index("aé b", 3) == 2);
    CHECK(text::byte_offset("aé b", 2) == 3);
    CHECK(text::byte_offset("ab", 9) == 2);
}

TEST_CASE("case folding covers Latin, Greek and Cyrillic", "[scoring]") {
    const text::Normalization fold{.fold_case = true};
    CHECK(text::normalize("HeLLo", fold) == "hello");
    CHECK(text::normalize("ÀÉÎÕÜ Ø", fold) == "àéîõü ø");
    CHECK(text::normalize("ŁÓDŹ ŽĽ", fold) == "łódź žľ");
    CHECK(text::normalize("ΑΘΉΝΑ ΟΔΟΣ", fold) == "αθήνα οδοσ");
    CHECK(text::normalize("οδος", fold) == "οδοσ");  // final sigma folds like sigma
    CHECK(text::normalize("МОСКВА ЁЖ", fold) == "москва ёж");
    CHECK(text::normalize("×÷ß", fold) == "×÷ß");  // not letters with a simple pair
    CHECK(text::normalize("a\xff", fold) == "a\xff");  // an invalid byte is kept
}

TEST_CASE("whitespace and punctuation follow Unicode, not just ASCII", "[scoring]") {
    CHECK(text::trim(" \t\n\u00a0\u2003x y\u3000\r\n") == "x y");
    CHECK(text::trim("   ") == "");
    CHECK(text::trim_start("\u2028 a ") == "a ");
    CHECK(text::count_words("") == 0);
    CHECK(text::count_words("  one  two\u00a0three\n") == 3);
    CHECK(text::count_words("naïve café") == 2);
    const text::Normalization strip{.strip_punctuation = true};
    CHECK(text::normalize("«Hi!» — “ok”… ¿sí? 「はい」，", strip) == "Hi  ok sí はい");
    CHECK(text::normalize("a+b=c $5 ~x", strip) == "abc 5 x");
}

TEST_CASE("whitespace normalisation trims and collapses runs", "[scoring]") {
    const text::Normalization spaces{.collapse_whitespace = true};
    CHECK(text::normalize("  a \n\n b\t\tc  ", spaces) == "a b c");
    const text::Normalization all{.fold_case = true, .collapse_whitespace = true, .strip_punctuation = true};
    CHECK(text::normalize(" Hello , World ! ", all) == "hello world");
    std::string buffer = "left over";
    text::normalize_into("X", all, buffer);
    CHECK(buffer == "x");
}

TEST_CASE("quoting escapes control characters and cuts long text", "[scoring]") {
    CHECK(text::quote("a\"b\\c\nd\te\x01") == "\"a\\\"b\\\\c\\nd\\te\\x01\"");
    CHECK(text::quote("abcdef", 3) == "\"abc…\" (6 chars)");
    CHECK(text::quote("日本語です", 2) == "\"日本…\" (5 chars)");
    CHECK(text::quote("bad\xff") == "\"bad\xef\xbf\xbd\"");  // reasons stay valid UTF-8
}

TEST_CASE("broken UTF-8 is replaced, valid text kept", "[scoring]") {
    CHECK(text::valid_utf8("ok é 😀") == "ok é 😀");
    CHECK(text::valid_utf8("a\xc3'b\xff") == "a\xef\xbf\xbd'b\xef\xbf\xbd");
}

TEST_CASE("a window shows a match with a little context", "[scoring]") {
    const std::string answer = std::string(100, 'x') + "MATCH" + std::string(100, 'y');
    CHECK(text::quote_window(answer, 100, 105, 3) == "\"…xxxMATCHyyy…\"");
    CHECK(text::quote_window("say MATCH", 4, 9, 10) == "\"say MATCH\"");
    CHECK(text::quote_window("ééMATCH", 4, 9, 1) == "\"…éMATCH\"");
}

}  // namespace evalbench

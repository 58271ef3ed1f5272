// The shared parameter reader: every problem located, worded alike.

#include <catch2/catch.hpp>

#include "../../src/scoring/params.hpp"

namespace evalbench {
namespace {

CheckSpec spec_with(Json params) {
    CheckSpec spec;
    spec.type = "demo";
    spec.params = std::move(params);
    spec.where = {"suite.yaml", 3, 5};
    int column = 7;
    for (const auto& [key, value] : spec.params.items()) {
        std::ignore = value;
        spec.param_locations[key] = {"suite.yaml", 4, column++};
    }
    return spec;
}

}  // namespace

TEST_CASE("a missing required parameter is reported at the check", "[scoring]") {
    const CheckSpec spec = spec_with({{"type", "demo"}});
    Diagnostics diagnostics;
    ParamReader params(spec, diagnostics);
    CHECK_FALSE(params.text("value", Presence::required));
    CHECK_FALSE(params.text("other", Presence::optional));
    REQUIRE(diagnostics.size() == 1);
    CHECK(diagnostics[0].format() == "suite.yaml:3:5: check 'demo': missing required parameter 'value'");
    CHECK_FALSE(params.ok());
}

TEST_CASE("a parameter of the wrong type is reported at its value", "[scoring]") {
    const CheckSpec spec = spec_with({{"value", Json::array({1})}});
    Diagnostics diagnostics;
    ParamReader params(spec, diagnostics);
    CHECK_FALSE(params.text("value", Presence::required));
    REQUIRE(diagnostics.size() == 1);
    CHECK(diagnostics[0].format() == "suite.yaml:4:7: check 'demo': parameter 'value' must be a string, got a list ([1])");
}

TEST_CASE("text parameters accept numbers and booleans as written", "[scoring]") {
    const CheckSpec spec = spec_with({{"a", 42}, {"b", true}, {"c", Json::array({"x", 7})}});
    Diagnostics diagnostics;
    ParamReader params(spec, diagnostics);
    CHECK(params.text("a", Presence::required) == "42");
    CHECK(params.text("b", Presence::required) == "true");
    CHECK(params.text_list("c", Presence::required) == std::vector<std::string>{"x", "7"});
    CHECK_FALSE(params.string("a", Presence::required));  // a strict string is not a number
    CHECK(diagnostics.size() == 1);
}

TEST_CASE("lists must be non-empty and hold only scalars", "[scoring]") {
    const CheckSpec spec = spec_with({{"empty", Json::array()}, {"nested", Json::array({"ok", Json::object()})}});
    Diagnostics diagnostics;
    ParamReader params(spec, diagnostics);
    CHECK_FALSE(params.text_list("empty", Presence::required));
    CHECK_FALSE(params.text_list("nested", Presence::required));
    REQUIRE(diagnostics.size() == 2);
    CHECK(diagnostics[0].message == "check 'demo': parameter 'empty' must be a non-empty list of strings");
    CHECK(diagnostics[1].message == "check 'demo': element 2 of 'nested' must be a string, got a mapping ({})");
}

TEST_CASE("numbers are checked against their range", "[scoring]") {
    const CheckSpec spec = spec_with({{"zero", 0}, {"neg", -1.5}, {"half", 2.5}, {"whole", 4.0}});
    Diagnostics diagnostics;
    ParamReader params(spec, diagnostics);
    CHECK_FALSE(params.number("zero", Presence::required, {.greater_than = 0.0}));
    CHECK_FALSE(params.number("neg", Presence::required, {.min = 0.0}));
    CHECK_FALSE(params.integer("half", Presence::required));
    CHECK(params.integer("whole", Presence::required, {.min = 0.0, .max = 4.0}) == 4);
    CHECK(params.number("half", Presence::required, {.max = 3.0}) == 2.5);
    REQUIRE(diagnostics.size() == 3);
    CHECK(diagnostics[0].message == "check 'demo': parameter 'zero' must be > 0, got 0");
    CHECK(diagnostics[1].message == "check 'demo': parameter 'neg' must be >= 0, got -1.5");
    CHECK(diagnostics[2].message == "check 'demo': parameter 'half' must be a whole number, got a number (2.5)");
}

TEST_CASE("a choice outside its set gets a did-you-mean", "[scoring]") {
    const CheckSpec spec = spec_with({{"kind", "objet"}});
    Diagnostics diagnostics;
    ParamReader params(spec, diagnostics);
    CHECK_FALSE(params.choice("kind", Presence::required, {"object", "array"}));
    REQUIRE(diagnostics.size() == 1);
    CHECK(diagnostics[0].where.column == 7);
    CHECK_THAT(diagnostics[0].message, Catch::Contains("did you mean 'object'?"));
    CHECK_THAT(diagnostics[0].message, Catch::Contains("expected one of: object, array"));
}

TEST_CASE("exactly-one-of reports both absence and surplus", "[scoring]") {
    Diagnostics diagnostics;
    const CheckSpec none = spec_with({{"type", "demo"}});
    ParamReader none_reader(none, diagnostics);
    CHECK(none_reader.expect_count_of({"a", "b"}, 1, 1) == 0);
    const CheckSpec both = spec_with({{"a", 1}, {"b", 2}});
    ParamReader both_reader(both, diagnostics);
    CHECK(both_reader.expect_count_of({"a", "b"}, 1, 1) == 2);
    const CheckSpec one = spec_with({{"b", 2}});
    ParamReader one_reader(one, diagnostics);
    CHECK(one_reader.expect_count_of({"a", "b"}, 1, 1) == 1);
    CHECK(one_reader.ok());
    REQUIRE(diagnostics.size() == 2);
    CHECK(diagnostics[0].message == "check 'demo': needs exactly one of 'a', 'b'");
    CHECK(diagnostics[1].format() == "suite.yaml:4:8: check 'demo': takes only one of 'a', 'b'; got 'a', 'b'");
}

TEST_CASE("a spec without a params mapping reads as all absent", "[scoring]") {
    CheckSpec spec;
    spec.type = "demo";
    spec.params = nullptr;
    Diagnostics diagnostics;
    ParamReader params(spec, diagnostics);
    CHECK_FALSE(params.has("value"));
    CHECK_FALSE(params.boolean("flag", Presence::optional));
    CHECK(params.ok());
}

}  // namespace evalbench

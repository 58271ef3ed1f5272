// The `json-schema` check through the real registry: parameters, schema
// problems as located diagnostics, schema files relative to the suite, and
// how answers are read and scored.

#include <fstream>

#include <catch2/catch.hpp>

#include "evalbench/scoring/registry.hpp"
#include "support/temp_dir.hpp"

namespace {

using evalbench::CheckResult;
using evalbench::CheckSpec;
using evalbench::Diagnostics;
using evalbench::Json;

// As the manifest builds it: the check at suite.yaml:4:5, key i at line 5 + i.
CheckSpec make_spec(const Json& mapping, const std::string& suite_file = "suites/a/suite.yaml") {
    CheckSpec spec;
    std::string type = mapping.at("type").get<std::string>();
    spec.negate = type.starts_with("not-");
    spec.type = spec.negate ? type.substr(4) : type;
    spec.params = mapping;
    spec.where = {suite_file, 4, 5};
    int line = 5;
    for (const auto& item : mapping.items()) {
        spec.param_locations[item.key()] = {suite_file, line++, 7};
    }
    return spec;
}

Diagnostics diagnose(const CheckSpec& spec) {
    Diagnostics diagnostics;
    std::ignore = evalbench::compile_check(spec, diagnostics);  // only the diagnostics matter here
    return diagnostics;
}

CheckResult score(const CheckSpec& spec, const std::string& answer) {
    Diagnostics diagnostics;
    const auto check = evalbench::compile_check(spec, diagnostics);
    INFO((diagnostics.empty() ? std::string() : diagnostics.front().format()));
    REQUIRE(check);
    evalbench::TestCase test_case;
    evalbench::Completion completion;
    completion.content = answer;
    const evalbench::ScoringInput input{test_case, completion, nullptr, std::nullopt, nullptr};
    return check->evaluate(input);
}

const Json k_person = Json::parse(R"({
    "type": "object", "required": ["name", "age"], "additionalProperties": false,
    "properties": {"name": {"type": "string"}, "age": {"type": "integer", "minimum": 0}}})");

CheckSpec person_check(const std::string& type = "json-schema") {
    return make_spec(Json{{"type", type}, {"schema", k_person}});
}

}  // namespace

TEST_CASE("json-schema passes an answer whose JSON validates, wherever the JSON sits", "[scoring][schema]") {
    const std::string json = R"({"name": "Ada", "age": 36})";
    for (const std::string& answer : {json, "  " + json + "\n", "```json\n" + json + "\n```",
                                      "Here is the record:\n```json\n" + json + "\n```\nAnything else?",
                                      "The record is " + json + ", as requested."}) {
        INFO(answer);
        const CheckResult result = score(person_check(), answer);
        CHECK(result.pass);
        CHECK(result.score == 1.0);
    }
}

TEST_CASE("json-schema fails with the violations and their instance pointers", "[scoring][schema]") {
    const CheckResult result = score(person_check(), R"({"name": 7, "age": -1, "email": "x", "a": 1, "b": 2})");
    CHECK_FALSE(result.pass);
    CHECK(result.score == 0.0);
    CHECK(result.reason ==
          "5 schema violations: /name: expected string, got integer (schema #/properties/name/type); "
          "/age: -1 is less than the minimum 0 (schema #/properties/age/minimum); "
          "(root): property 'email' is not allowed (schema #/additionalProperties); and 2 more");
    const CheckResult one = score(person_check(), R"({"name": "Ada", "age": 1.5})");
    CHECK(one.reason == "1 schema violation: /age: expected integer, got number (schema #/properties/age/type)");
}

TEST_CASE("json-schema fails an answer that is not JSON with a clear reason", "[scoring][schema]") {
    const CheckResult result = score(person_check(), "I cannot produce {that record.");
    CHECK_FALSE(result.pass);
    CHECK_FALSE(result.errored);
    CHECK_THAT(result.reason, Catch::StartsWith("the answer is not JSON"));
    CHECK_THAT(result.reason, Catch::Contains("contains no JSON object or array"));
}

TEST_CASE("not-json-schema passes exactly when the schema rejects the answer", "[scoring][schema]") {
    CHECK(score(person_check("not-json-schema"), R"({"name": "Ada"})").pass);
    CHECK_FALSE(score(person_check("not-json-schema"), R"({"name": "Ada", "age": 3})").pass);
}

TEST_CASE("every schema problem is a diagnostic at the schema key with its pointer", "[scoring][schema]") {
    const Json schema = Json::parse(R"({"properties": {"age": {"type": "int", "minimun": 0}}})");
    const Diagnostics diagnostics = diagnose(make_spec(Json{{"type", "json-schema"}, {"schema", schema}}));
    REQUIRE(diagnostics.size() == 2);
    CHECK(diagnostics[0].format() ==
          "suites/a/suite.yaml:6:7: check 'json-schema': invalid schema at #/properties/age/minimun: "
          "unsupported keyword 'minimun' (did you mean 'minimum'?)");
    CHECK_THAT(
        diagnostics[1].format(),
        Catch::StartsWith("suites/a/suite.yaml:6:7: check 'json-schema': invalid schema at #/properties/age/type:"));
}

TEST_CASE("json-schema needs exactly one of schema and schema_file", "[scoring][schema]") {
    const Diagnostics none = diagnose(make_spec(Json{{"type", "json-schema"}}));
    REQUIRE(none.size() == 1);
    CHECK_THAT(none[0].message, Catch::Contains("needs exactly one of 'schema', 'schema_file'"));
    const Diagnostics both =
        diagnose(make_spec(Json{{"type", "json-schema"}, {"schema", k_person}, {"schema_file", "p.json"}}));
    REQUIRE(both.size() == 1);
    CHECK(both[0].where.line == 7);
    const Diagnostics not_a_schema = diagnose(make_spec(Json{{"type", "json-schema"}, {"schema", "object"}}));
    REQUIRE(not_a_schema.size() == 1);
    CHECK_THAT(not_a_schema[0].message, Catch::Contains("'schema' must be a mapping"));
}

TEST_CASE("schema_file is read relative to the suite file", "[scoring][schema]") {
    evalbench::test::TempDir dir;
    const std::filesystem::path suite = dir.path() / "suites" / "suite.yaml";
    std::filesystem::create_directories(suite.parent_path() / "schemas");
    std::ofstream(suite.parent_path() / "schemas" / "person.json") << k_person.dump(2);
    std::ofstream(suite.parent_path() / "schemas" / "broken.json") << R"({"type": )";
    std::ofstream(suite.parent_path() / "schemas" / "bad.json") << R"({"type": "object", "requird": ["a"]})";
    const auto spec_for = [&](const std::string& file) {
        return make_spec(Json{{"type", "json-schema"}, {"schema_file", file}}, suite.string());
    };

    CHECK(score(spec_for("schemas/person.json"), R"({"name": "Ada", "age": 36})").pass);
    CHECK_FALSE(score(spec_for("schemas/person.json"), R"({"name": "Ada"})").pass);
    CHECK(
        score(spec_for((suite.parent_path() / "schemas" / "person.json").string()), R"({"name": "A", "age": 1})").pass);

    const Diagnostics missing = diagnose(spec_for("schemas/nope.json"));
    REQUIRE(missing.size() == 1);
    CHECK_THAT(missing[0].message, Catch::Contains("cannot read schema file"));
    CHECK(missing[0].where.line == 6);
    const Diagnostics broken = diagnose(spec_for("schemas/broken.json"));
    REQUIRE(broken.size() == 1);
    CHECK_THAT(broken[0].message, Catch::Contains("is not valid JSON"));
    const Diagnostics bad = diagnose(spec_for("schemas/bad.json"));
    REQUIRE(bad.size() == 1);
    CHECK_THAT(bad[0].message,
               Catch::Contains("invalid schema file 'schemas/bad.json' at #/requird: unsupported keyword"));
    const Diagnostics yaml = diagnose(spec_for("schemas/person.yaml"));
    REQUIRE(yaml.size() == 1);
    CHECK_THAT(yaml[0].message, Catch::Contains("must be JSON"));
}

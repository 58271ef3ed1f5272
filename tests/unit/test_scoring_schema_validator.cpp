// The JSON Schema validator beyond the oracle: what compiling rejects (and
// where it says so), the 2020-12 spellings, messages with instance pointers,
// and the corners the draft7 suite does not pin (RE2 patterns, loops, depth).

#include <catch2/catch.hpp>

#include "evalbench/scoring/json_schema.hpp"

namespace {

using evalbench::Json;
using evalbench::JsonSchema;
using evalbench::SchemaProblem;

JsonSchema compiled(const Json& schema) {
    auto result = JsonSchema::compile(schema);
    INFO(schema.dump());
    if (!result) {
        FAIL(result.error().front().pointer << ": " << result.error().front().message);
    }
    return std::move(*result);
}

std::vector<SchemaProblem> rejected(const Json& schema) {
    auto result = JsonSchema::compile(schema);
    INFO(schema.dump());
    REQUIRE_FALSE(result.has_value());
    return result.error();
}

}  // namespace

TEST_CASE("compiling rejects an unsupported keyword at its pointer, with a suggestion", "[scoring][schema]") {
    const auto problems = rejected(Json::parse(R"({"properties": {"name": {"type": "string", "minLenght": 2}}})"));
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].pointer == "/properties/name/minLenght");
    CHECK(problems[0].message == "unsupported keyword 'minLenght' (did you mean 'minLength'?)");

    CHECK(rejected(Json::parse(R"({"type": []})"))[0].message == "'type' must name at least one type");
    const auto content = rejected(Json::parse(R"({"contentMediaType": "application/json"})"));
    CHECK(content[0].message.starts_with("unsupported keyword 'contentMediaType'"));
}

TEST_CASE("compiling reports every bad keyword value, each at its own pointer", "[scoring][schema]") {
    const auto problems = rejected(Json::parse(R"({
        "type": "strng",
        "minLength": -1,
        "multipleOf": 0,
        "required": "name",
        "exclusiveMaximum": true,
        "pattern": "(?<=a)b",
        "anyOf": [],
        "items": {"$ref": "#/definitions/missing"}
    })"));
    std::vector<std::string> pointers;
    for (const SchemaProblem& problem : problems) {
        pointers.push_back(problem.pointer);
    }
    CHECK(pointers == std::vector<std::string>{"/anyOf", "/exclusiveMaximum", "/items/$ref", "/minLength",
                                               "/multipleOf", "/pattern", "/required", "/type"});
    const auto message_at = [&](const std::string& pointer) {
        for (const SchemaProblem& problem : problems) {
            if (problem.pointer == pointer) {
                return problem.message;
            }
        }
        return std::string();
    };
    CHECK_THAT(message_at("/exclusiveMaximum"), Catch::Contains("draft-04 boolean form"));
    CHECK_THAT(message_at("/pattern"), Catch::Contains("RE2"));
    CHECK_THAT(message_at("/items/$ref"), Catch::Contains("points to nothing"));
    CHECK_THAT(message_at("/type"), Catch::Contains("\"strng\""));
}

TEST_CASE("remote references, anchors and nested $id are rejected, not guessed", "[scoring][schema]") {
    CHECK_THAT(rejected(Json::parse(R"({"$ref": "http://json-schema.org/draft-07/schema#"})"))[0].message,
               Catch::Contains("not local"));
    CHECK_THAT(rejected(Json::parse(R"({"$ref": "#foo"})"))[0].message, Catch::Contains("anchor"));
    CHECK(rejected(Json::parse(R"({"items": {"$id": "http://x/y", "type": "string"}})"))[0].pointer == "/items/$id");
    // The root's own $id spelled out is still local.
    const JsonSchema schema = compiled(Json::parse(
        R"({"$id": "http://example.com/root.json", "definitions": {"n": {"type": "number"}},
            "items": {"$ref": "http://example.com/root.json#/definitions/n"}})"));
    CHECK(schema.is_valid(Json::parse("[1, 2]")));
    CHECK_FALSE(schema.is_valid(Json::parse(R"([1, "2"])")));
}

TEST_CASE("a $ref loop that never descends into the instance is rejected", "[scoring][schema]") {
    CHECK_THAT(rejected(Json::parse(R"({"$ref": "#"})"))[0].message, Catch::Contains("never end"));
    rejected(Json::parse(
        R"({"definitions": {"a": {"$ref": "#/definitions/b"}, "b": {"anyOf": [{"$ref": "#/definitions/a"}]}},
                             "$ref": "#/definitions/a"})"));
    // Recursion through properties is fine: the instance is finite.
    const JsonSchema tree = compiled(Json::parse(R"({
        "$defs": {"node": {"type": "object", "properties": {"children": {"type": "array", "items": {"$ref": "#/$defs/node"}}},
                           "required": ["value"]}},
        "$ref": "#/$defs/node"})"));
    CHECK(tree.is_valid(Json::parse(R"({"value": 1, "children": [{"value": 2, "children": []}]})")));
    const auto problems = tree.validate(Json::parse(R"({"value": 1, "children": [{"value": 2, "children": [{}]}]})"));
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].pointer == "/children/0/children/0");
    CHECK(problems[0].message == "missing required property 'value' (schema #/$defs/node/required)");
}

TEST_CASE("an assertion beside $ref is rejected as ambiguous, except in 2020-12 mode", "[scoring][schema]") {
    const auto problems = rejected(Json::parse(
        R"({"$defs": {"list": {"type": "array"}}, "properties": {"a": {"$ref": "#/$defs/list", "maxItems": 2,
            "description": "fine"}}})"));
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].pointer == "/properties/a/maxItems");
    CHECK_THAT(problems[0].message, Catch::Contains("allOf"));
    // With prefixItems the schema object is 2020-12, where $ref and its siblings both apply.
    const JsonSchema modern = compiled(Json::parse(
        R"({"$defs": {"short": {"maxItems": 2}}, "$ref": "#/$defs/short", "prefixItems": [{"type": "string"}]})"));
    CHECK(modern.is_valid(Json::parse(R"(["a", 1])")));
    CHECK(modern.validate(Json::parse(R"([1])")).size() == 1);
    CHECK(modern.validate(Json::parse(R"(["a", 1, 2])")).size() == 1);
}

TEST_CASE("references use JSON pointer escapes and %-encoding", "[scoring][schema]") {
    const JsonSchema schema = compiled(Json::parse(R"({
        "$defs": {"a/b": {"type": "integer"}, "c~d": {"type": "string"}, "e f": {"type": "boolean"}},
        "properties": {"x": {"$ref": "#/$defs/a~1b"}, "y": {"$ref": "#/$defs/c~0d"}, "z": {"$ref": "#/$defs/e%20f"}}})"));
    CHECK(schema.is_valid(Json::parse(R"({"x": 1, "y": "s", "z": true})")));
    CHECK(schema.validate(Json::parse(R"({"x": "1", "y": 2, "z": null})")).size() == 3);
}

TEST_CASE("violations name the instance pointer and the schema keyword", "[scoring][schema]") {
    const JsonSchema schema = compiled(Json::parse(R"({
        "type": "object", "additionalProperties": false, "required": ["id", "tags"],
        "properties": {"id": {"type": "integer", "minimum": 1}, "tags": {"type": "array", "items": {"enum": ["a", "b"]}},
                       "a/b": {"maxLength": 1}}})"));
    const auto problems = schema.validate(Json::parse(R"({"id": 0, "tags": ["a", "c"], "extra": 1, "a/b": "xy"})"));
    REQUIRE(problems.size() == 4);
    CHECK(problems[0].pointer == "/id");
    CHECK(problems[0].message == "0 is less than the minimum 1 (schema #/properties/id/minimum)");
    CHECK(problems[1].pointer == "/tags/1");
    CHECK(problems[1].message == R"("c" is not one of ["a","b"] (schema #/properties/tags/items/enum))");
    CHECK(problems[2].pointer == "");
    CHECK(problems[2].message == "property 'extra' is not allowed (schema #/additionalProperties)");
    CHECK(problems[3].pointer == "/a~1b");
    CHECK(schema.validate(Json::parse("[]"))[0].message == "expected object, got array (schema #/type)");
}

TEST_CASE("anyOf and oneOf failures explain each branch", "[scoring][schema]") {
    const JsonSchema any =
        compiled(Json::parse(R"({"anyOf": [{"type": "string"}, {"type": "integer", "minimum": 10}]})"));
    const auto problems = any.validate(Json(3));
    REQUIRE(problems.size() == 1);
    CHECK_THAT(problems[0].message, Catch::Contains("matches none of the anyOf schemas"));
    CHECK_THAT(problems[0].message, Catch::Contains("3 is less than the minimum 10"));
    const JsonSchema one = compiled(Json::parse(R"({"oneOf": [{"type": "integer"}, {"minimum": 0}]})"));
    CHECK(one.validate(Json(1))[0].message == "matches oneOf schemas 0 and 1; exactly one must match (schema #/oneOf)");
    CHECK(one.is_valid(Json(-1)));
}

TEST_CASE("prefixItems reads the schema object with 2020-12's items", "[scoring][schema]") {
    const JsonSchema closed =
        compiled(Json::parse(R"({"prefixItems": [{"type": "string"}, {"type": "number"}], "items": false})"));
    CHECK(closed.is_valid(Json::parse(R"(["a", 1])")));
    CHECK(closed.is_valid(Json::parse(R"(["a"])")));
    const auto problems = closed.validate(Json::parse(R"(["a", 1, 2])"));
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].message == "array has 3 items; at most 2 allowed (schema #/items)");
    const JsonSchema rest =
        compiled(Json::parse(R"({"prefixItems": [{"type": "string"}], "items": {"type": "boolean"}})"));
    CHECK(rest.is_valid(Json::parse(R"(["a", true, false])")));
    CHECK(rest.validate(Json::parse(R"(["a", true, 3])"))[0].pointer == "/2");
    CHECK_THAT(rejected(Json::parse(R"({"prefixItems": [true], "items": [true]})"))[0].message,
               Catch::Contains("must be a schema"));
    CHECK_THAT(rejected(Json::parse(R"({"prefixItems": [true], "additionalItems": false})"))[0].message,
               Catch::Contains("use 'items'"));
    // Without prefixItems, draft-07's tuple form still holds.
    const JsonSchema tuple = compiled(Json::parse(R"({"items": [{"type": "string"}], "additionalItems": false})"));
    CHECK(tuple.validate(Json::parse(R"(["a", 1])"))[0].message ==
          "array has 2 items; at most 1 allowed (schema #/additionalItems)");
}

TEST_CASE("numbers, equality and lengths follow JSON Schema, not C++", "[scoring][schema]") {
    CHECK(compiled(Json::parse(R"({"type": "integer"})")).is_valid(Json::parse("1.0")));
    CHECK_FALSE(compiled(Json::parse(R"({"type": "integer"})")).is_valid(Json::parse("1.5")));
    CHECK(compiled(Json::parse(R"({"const": {"a": 1, "b": [1.0]}})")).is_valid(Json::parse(R"({"b": [1], "a": 1.0})")));
    CHECK_FALSE(compiled(Json::parse(R"({"enum": [1]})")).is_valid(Json::parse("true")));
    CHECK_FALSE(compiled(Json::parse(R"({"uniqueItems": true})"))
                    .is_valid(Json::parse(R"([{"a": 1, "b": 2}, {"b": 2, "a": 1.0}])")));
    CHECK(compiled(Json::parse(R"({"maximum": 9007199254740992})")).validate(Json::parse("9007199254740993")).size() ==
          1);
    CHECK(compiled(Json::parse(R"({"multipleOf": 0.01})")).is_valid(Json::parse("19.99")));
    CHECK_FALSE(compiled(Json::parse(R"({"multipleOf": 0.01})")).is_valid(Json::parse("19.991")));
    // Code points, not bytes: "héllo" is 5 characters, 6 bytes.
    CHECK(compiled(Json::parse(R"({"maxLength": 5})")).is_valid(Json("h\xc3\xa9llo")));
}

TEST_CASE("patterns are ECMA-262 as far as RE2 allows", "[scoring][schema]") {
    const JsonSchema accent = compiled(Json::parse(R"({"pattern": "^caf\\u00e9$"})"));
    CHECK(accent.is_valid(Json("caf\xc3\xa9")));
    CHECK_FALSE(accent.is_valid(Json("cafe")));
    // ECMA's \s includes the no-break space; RE2's does not, so it is widened.
    const JsonSchema space = compiled(Json::parse(R"({"pattern": "^a\\sb$"})"));
    CHECK(
        space.is_valid(Json("a\xc2\xa0"
                            "b")));
    CHECK_FALSE(compiled(Json::parse(R"({"pattern": "^\\S+$"})"))
                    .is_valid(Json("a\xc2\xa0"
                                   "b")));
    // Unanchored, as in ECMA: the pattern may match anywhere.
    CHECK(compiled(Json::parse(R"({"pattern": "b+"})")).is_valid(Json("abbbc")));
    CHECK_THAT(rejected(Json::parse(R"({"pattern": "(a)\\1"})"))[0].message, Catch::Contains("backreferences"));
    CHECK(rejected(Json::parse(R"J({"patternProperties": {"(?!x)": true}})J"))[0].pointer ==
          "/patternProperties/(?!x)");
}

TEST_CASE("dependencies, propertyNames and property counts are enforced", "[scoring][schema]") {
    const JsonSchema schema = compiled(Json::parse(R"({
        "dependencies": {"card": ["billing"], "vip": {"required": ["tier"]}},
        "propertyNames": {"pattern": "^[a-z]+$"}, "minProperties": 1, "maxProperties": 3})"));
    CHECK(schema.is_valid(Json::parse(R"({"card": 1, "billing": 2})")));
    CHECK(schema.validate(Json::parse(R"({"card": 1})"))[0].message ==
          "property 'card' requires property 'billing' (schema #/dependencies)");
    CHECK(schema.validate(Json::parse(R"({"vip": 1})"))[0].message ==
          "missing required property 'tier' (schema #/dependencies/vip/required)");
    CHECK(schema.validate(Json::parse(R"({"Bad": 1})"))[0].message ==
          "property name 'Bad' is not allowed by propertyNames (schema #/propertyNames)");
    CHECK(schema.validate(Json::object()).size() == 1);
    CHECK(schema.validate(Json::parse(R"({"a": 1, "b": 2, "c": 3, "d": 4})")).size() == 1);
}

TEST_CASE("annotations are accepted and format is not validated", "[scoring][schema]") {
    const JsonSchema schema = compiled(Json::parse(R"({"$schema": "http://json-schema.org/draft-07/schema#",
        "title": "t", "description": "d", "$comment": "c", "default": 1, "examples": [1], "readOnly": true,
        "writeOnly": false, "format": "email"})"));
    CHECK(schema.is_valid(Json("not an email")));
}

TEST_CASE("a pathologically deep answer is a violation, not a crash", "[scoring][schema]") {
    const JsonSchema schema =
        compiled(Json::parse(R"({"$defs": {"a": {"items": {"$ref": "#/$defs/a"}}}, "$ref": "#/$defs/a"})"));
    Json deep = Json::array();
    for (int i = 0; i < 2000; ++i) {
        deep = Json::array({std::move(deep)});
    }
    const auto problems = schema.validate(deep);
    REQUIRE(problems.size() == 1);
    CHECK_THAT(problems[0].message, Catch::Contains("nested deeper than"));
}

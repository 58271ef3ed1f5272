#pragma once
// Private: the compiled form of a JSON Schema. Compiling turns every schema
// object into one SchemaNode whose keywords are already parsed (numbers
// read, regexes compiled, `$ref` resolved to a node), so validating never
// looks at the schema JSON again. Nodes live in one arena owned by
// JsonSchema::Impl and point at each other with plain pointers; a `$ref`
// cycle is just a pointer cycle.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include <re2/re2.h>

#include "evalbench/core/json.hpp"
#include "evalbench/scoring/json_schema.hpp"

namespace evalbench::schema {

// Bit per JSON type, for the `type` keyword. `integer` is a number whose
// fractional part is zero (draft-07: 1.0 is an integer).
enum TypeBit : std::uint8_t {
    k_type_null = 1U << 0U,
    k_type_boolean = 1U << 1U,
    k_type_object = 1U << 2U,
    k_type_array = 1U << 3U,
    k_type_number = 1U << 4U,
    k_type_string = 1U << 5U,
    k_type_integer = 1U << 6U,
};

struct Node;

struct Pattern {
    std::string source;  // as written in the schema
    std::unique_ptr<re2::RE2> regex;
};

struct PatternProperty {
    Pattern pattern;
    const Node* schema = nullptr;
};

struct Node {
    std::string pointer;          // JSON pointer of this schema in the document
    std::optional<bool> boolean;  // `true` / `false` schemas
    const Node* ref = nullptr;    // the `$ref` target
    bool modern = false;          // has `prefixItems`: read with 2020-12's `items`

    std::uint8_t types = 0;  // 0 = no `type` keyword
    std::optional<std::vector<Json>> enum_values;
    std::optional<Json> const_value;

    // Objects
    std::vector<std::pair<std::string, const Node*>> properties;
    std::unordered_map<std::string, std::size_t> property_index;
    std::vector<PatternProperty> pattern_properties;
    const Node* additional_properties = nullptr;
    std::vector<std::string> required;
    std::optional<std::size_t> min_properties;
    std::optional<std::size_t> max_properties;
    const Node* property_names = nullptr;
    std::vector<std::pair<std::string, std::vector<std::string>>> dependent_required;
    std::vector<std::pair<std::string, const Node*>> dependent_schemas;

    // Arrays: `items` as one schema applies to every element; the tuple form
    // (draft-07 `items: [...]` or 2020-12 `prefixItems`) applies position by
    // position and `rest` (draft-07 `additionalItems`, 2020-12 `items`)
    // applies to the elements after the tuple.
    const Node* items = nullptr;
    std::vector<const Node*> tuple;
    const Node* rest = nullptr;
    std::optional<std::size_t> min_items;
    std::optional<std::size_t> max_items;
    bool unique_items = false;
    const Node* contains = nullptr;

    // Numbers
    // Bounds keep the JSON number so that integers compare exactly.
    std::optional<Json> minimum;
    std::optional<Json> exclusive_minimum;
    std::optional<Json> maximum;
    std::optional<Json> exclusive_maximum;
    std::optional<Json> multiple_of;

    // Strings (lengths in Unicode code points)
    std::optional<std::size_t> min_length;
    std::optional<std::size_t> max_length;
    std::optional<Pattern> pattern;

    // Applicators on the same instance
    std::vector<const Node*> all_of;
    std::vector<const Node*> any_of;
    std::vector<const Node*> one_of;
    const Node* not_schema = nullptr;
    const Node* if_schema = nullptr;
    const Node* then_schema = nullptr;
    const Node* else_schema = nullptr;
};

// --- helpers shared by compile and validate (json_schema_util.cpp) ---

// JSON equality as JSON Schema defines it: 1 == 1.0, object key order is
// irrelevant, true != 1.
bool json_equal(const Json& left, const Json& right);
// -1, 0, 1 for two JSON numbers; exact when both are integers.
int compare_numbers(const Json& left, const Json& right);
bool is_integer_value(const Json& value);
bool is_multiple_of(const Json& value, const Json& divisor);
std::size_t code_point_count(const std::string& text);
// "/a~1b/0" from segments; escapes ~ and / as RFC 6901 says.
std::string escape_pointer_segment(const std::string& segment);
// The JSON type name used in messages ("integer" for integral numbers).
std::string type_name(const Json& value);
std::string type_names(std::uint8_t types);
// A short rendering of a value for messages (truncated).
std::string brief(const Json& value);

// ECMA-262 pattern -> RE2 syntax, for the differences that can be bridged
// (\uXXXX, \s, \cX, \0). Lookaround and backreferences cannot: RE2 rejects them.
std::string ecma_to_re2(const std::string& pattern);

}  // namespace evalbench::schema

namespace evalbench {

struct JsonSchema::Impl {
    std::vector<std::unique_ptr<schema::Node>> arena;
    const schema::Node* root = nullptr;
};

}  // namespace evalbench

#pragma once
// Private: the path syntax of the `json-path` check.
//
// Two spellings of one idea, "walk from the root through keys and indices":
//   JSONPath subset  `$`, `$.a.b[0].c`, `$['key with space'][2]`, `$["a.b"]`
//   JSON Pointer     `/a/b/0/c` (RFC 6901: `~1` is `/`, `~0` is `~`; "" or
//                    "/"-less is not a pointer)
// A `.name` or pointer token that is a non-negative integer also indexes an
// array (`$.items.0` = `$.items[0]`); a bracketed number only indexes
// arrays, a bracketed quoted name only keys objects. Wildcards, filters,
// slices and recursive descent (`*`, `?()`, `[a:b]`, `..`) are refused when
// the check is compiled, with the reason, rather than half-supported.

#include <cstddef>
#include <expected>
#include <optional>
#include <string>
#include <vector>

#include "evalbench/core/json.hpp"

namespace evalbench {

class JsonPath {
public:
    enum class StepKind {
        name,   // `.name` or a pointer token: an object key, or an array index when numeric
        key,    // `['name']`: an object key only
        index,  // `[3]`: an array index only
    };
    struct Step {
        StepKind kind = StepKind::name;
        std::string key;
        std::optional<std::size_t> index;
    };

    // Fails with a message saying what is wrong and where (character index).
    static std::expected<JsonPath, std::string> parse(const std::string& text);

    // The value at the path, or null with `missing` saying where the walk
    // stopped ("no key 'b' in the object at $.a").
    const Json* find(const Json& root, std::string* missing) const;

    const std::string& text() const { return m_text; }
    const std::vector<Step>& steps() const { return m_steps; }

private:
    std::string m_text;
    std::vector<Step> m_steps;
};

}  // namespace evalbench

#pragma once
// Private: finding JSON in a model's answer, without exceptions.
//
// Models wrap JSON in prose and Markdown fences. Two readings are offered:
// `whole_json` — the entire answer (trimmed, or the body of one fenced block
// that is the entire answer) must be JSON; and `find_json` — the first JSON
// object or array anywhere: a ```json fenced block first, otherwise the
// first balanced `{...}` or `[...]` in the text that parses. Both only
// validate (no document is built); parse the returned text when a value is
// needed. Scanning is bounded so a hostile answer cannot make it quadratic
// without limit: at most k_max_candidates starting brackets are tried.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace evalbench {

enum class JsonKind { any, object, array };

// "an object", "an array", "a string", ... of a top-level JSON value.
enum class JsonTop { object, array, scalar };

struct JsonText {
    std::string_view text;   // the JSON text itself, inside the answer
    std::size_t offset = 0;  // byte offset of `text` in the answer
    JsonTop top = JsonTop::scalar;
    bool fenced = false;     // found inside a ``` block
};

struct JsonSyntaxError {
    std::size_t byte = 0;  // byte offset of the error within the examined text
    std::string message;   // nlohmann's message without its "[json.exception...]" prefix
};

inline constexpr std::size_t k_max_candidates = 256;

// Validates `text` as one JSON document; on failure fills `error` (if given).
std::optional<JsonTop> check_json_syntax(std::string_view text, JsonSyntaxError* error);

// The whole answer as JSON (see above); on failure fills `error` (if given).
std::optional<JsonText> whole_json(std::string_view answer, JsonSyntaxError* error);

// The first JSON object or array of the required kind in the answer.
std::optional<JsonText> find_json(std::string_view answer, JsonKind kind);

bool kind_matches(JsonKind kind, JsonTop top);
std::string to_string(JsonTop top);  // "an object", "an array", "a scalar"

}  // namespace evalbench

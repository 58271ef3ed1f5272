// json-path: a field of the JSON in the answer equals a value, matches a
// pattern, or exists.
//
// The JSON is found as contains-json finds it; the path (json_path.hpp) is
// parsed when the check is compiled, and so is the `matches` pattern (RE2,
// partial match; inline flags such as `(?i)` work). `equals` compares JSON
// values, so 4 equals 4.0 but not "4". `matches` reads a string as it is and
// a number or boolean as its JSON text; an object, array or null never
// matches.

#include <memory>
#include <optional>
#include <string>

#include <fmt/format.h>
#include <re2/re2.h>

#include "json_extract.hpp"
#include "json_path.hpp"
#include "params.hpp"
#include "structure_checks.hpp"
#include "text_checks.hpp"
#include "text_unicode.hpp"

namespace evalbench {

namespace {

// A JSON value for a reason: compact, valid UTF-8, cut when long.
std::string shown(const Json& value) {
    constexpr std::size_t k_max_chars = 80;
    const std::string dumped = value.dump(-1, ' ', false, Json::error_handler_t::replace);
    const std::size_t cut = text::byte_offset(dumped, k_max_chars);
    return cut < dumped.size() ? dumped.substr(0, cut) + "…" : dumped;
}

enum class Predicate { equals, matches, exists };

class JsonPathCheck final : public CompiledCheck {
public:
    JsonPathCheck(JsonPath path, Predicate predicate, Json expected, std::unique_ptr<RE2> regex, bool exists)
        : m_path(std::move(path)), m_predicate(predicate), m_expected(std::move(expected)), m_regex(std::move(regex)),
          m_exists(exists) {}

    CheckOutcome evaluate(const ScoringInput& input) const override {
        const std::string_view answer = answer_of(input);
        const std::optional<JsonText> json = find_json(answer, JsonKind::any);
        if (!json) {
            return verdict(false, fmt::format("no JSON object or array found in {}", text::quote(answer)));
        }
        // The text was validated by find_json, so this parse cannot fail.
        const Json document = Json::parse(json->text.begin(), json->text.end(), nullptr, false);
        std::string missing;
        const Json* value = m_path.find(document, &missing);
        const std::string& path = m_path.text();
        switch (m_predicate) {
            case Predicate::exists:
                if (value == nullptr) {
                    return verdict(!m_exists, fmt::format("{} does not exist: {}", path, missing));
                }
                return verdict(m_exists, fmt::format("{} exists: {}", path, shown(*value)));
            case Predicate::equals:
                if (value == nullptr) {
                    return verdict(false, fmt::format("{} does not exist: {}", path, missing));
                }
                return verdict(*value == m_expected,
                               fmt::format("{} is {}, expected {}", path, shown(*value), shown(m_expected)));
            case Predicate::matches:
                if (value == nullptr) {
                    return verdict(false, fmt::format("{} does not exist: {}", path, missing));
                }
                return match(*value);
        }
        return not_evaluated("unknown json-path predicate");
    }

private:
    CheckOutcome match(const Json& value) const {
        const std::string& path = m_path.text();
        if (value.is_string()) {
            const std::string& text = value.get_ref<const std::string&>();
            return verdict(RE2::PartialMatch(text, *m_regex),
                           fmt::format("{} is {}; pattern /{}/", path, text::quote(text), m_regex->pattern()));
        }
        if (value.is_number() || value.is_boolean()) {
            const std::string text = value.dump();
            return verdict(RE2::PartialMatch(text, *m_regex), fmt::format("{} is {}; pattern /{}/", path, text, m_regex->pattern()));
        }
        return verdict(false, fmt::format("{} is {} ({}), which a pattern cannot match", path, value.type_name(), shown(value)));
    }

    JsonPath m_path;
    Predicate m_predicate;
    Json m_expected;
    std::unique_ptr<RE2> m_regex;
    bool m_exists;
};

std::unique_ptr<CompiledCheck> compile_json_path(const CheckSpec& spec, Diagnostics& diagnostics) {
    ParamReader params(spec, diagnostics);
    std::optional<JsonPath> path;
    if (const std::optional<std::string> text = params.string("path", Presence::required)) {
        std::expected<JsonPath, std::string> parsed = JsonPath::parse(*text);
        if (parsed) {
            path = std::move(*parsed);
        } else {
            params.error("path", fmt::format("invalid path '{}': {}", *text, parsed.error()));
        }
    }
    params.expect_count_of({"equals", "matches", "exists"}, 1, 1);
    Predicate predicate = Predicate::exists;
    Json expected;
    std::unique_ptr<RE2> regex;
    bool exists = true;
    if (const Json* value = params.value("equals", Presence::optional)) {
        predicate = Predicate::equals;
        expected = *value;
    } else if (params.has("matches")) {
        predicate = Predicate::matches;
        if (const std::optional<std::string> pattern = params.text("matches", Presence::required, Emptiness::reject)) {
            RE2::Options options;
            options.set_log_errors(false);  // the error becomes a diagnostic instead of a line on stderr
            regex = std::make_unique<RE2>(*pattern, options);
            if (!regex->ok()) {
                params.error("matches", fmt::format("invalid regular expression {}: {}", text::quote(*pattern, 60), regex->error()));
            }
        }
    } else if (params.has("exists")) {
        exists = params.boolean("exists", Presence::required).value_or(true);
    }
    if (!params.ok() || !path) {
        return nullptr;
    }
    return std::make_unique<JsonPathCheck>(std::move(*path), predicate, std::move(expected), std::move(regex), exists);
}

}  // namespace

void register_structure_json_path_check(CheckRegistry& registry) {
    registry.add({"json-path",
                  "a field of the answer's JSON (`path`: $.a.b[0] or /a/b/0) `equals` a value, `matches` a "
                  "pattern, or `exists` (true/false)",
                  {"path", "equals", "matches", "exists"}, true, compile_json_path});
}

}  // namespace evalbench

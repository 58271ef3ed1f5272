// is-json, contains-json and json-path.
//
// is-json takes the whole answer (trimmed, or one fenced block that is the
// whole answer); contains-json and json-path look for the first JSON object
// or array anywhere (a ```json block first, then prose), as json_extract.hpp
// describes. Only json-path builds a document, and only from text already
// known to parse, so no evaluation throws.

#include <memory>
#include <optional>
#include <string>

#include <fmt/format.h>

#include "json_extract.hpp"
#include "params.hpp"
#include "structure_checks.hpp"
#include "text_checks.hpp"
#include "text_unicode.hpp"

namespace evalbench {

namespace {

const std::vector<std::string> k_kinds = {"object", "array"};

std::optional<JsonKind> read_kind(ParamReader& params) {
    // Not `type`: that key names the check itself.
    const std::optional<std::string> kind = params.choice("kind", Presence::optional, k_kinds);
    if (!kind) {
        return params.has("kind") ? std::nullopt : std::optional<JsonKind>(JsonKind::any);
    }
    return *kind == "object" ? JsonKind::object : JsonKind::array;
}

std::string kind_name(JsonKind kind) {
    switch (kind) {
        case JsonKind::object: return "a JSON object";
        case JsonKind::array: return "a JSON array";
        case JsonKind::any: break;
    }
    return "JSON";
}

class IsJsonCheck final : public CompiledCheck {
public:
    explicit IsJsonCheck(JsonKind kind) : m_kind(kind) {}

    CheckOutcome evaluate(const ScoringInput& input) const override {
        const std::string_view answer = answer_of(input);
        JsonSyntaxError error;
        const std::optional<JsonText> json = whole_json(answer, &error);
        if (!json) {
            return verdict(false, fmt::format("answer is not JSON: {}; answer {}", error.message, text::quote(answer)));
        }
        const std::string where = json->fenced ? " (in a fenced block)" : "";
        if (!kind_matches(m_kind, json->top)) {
            return verdict(false, fmt::format("answer is JSON{} but {}, expected {}: {}", where, to_string(json->top),
                                              kind_name(m_kind), text::quote(json->text)));
        }
        return verdict(true, fmt::format("answer is JSON{}, {}: {}", where, to_string(json->top), text::quote(json->text)));
    }

private:
    JsonKind m_kind;
};

class ContainsJsonCheck final : public CompiledCheck {
public:
    explicit ContainsJsonCheck(JsonKind kind) : m_kind(kind) {}

    CheckOutcome evaluate(const ScoringInput& input) const override {
        const std::string_view answer = answer_of(input);
        const std::optional<JsonText> json = find_json(answer, m_kind);
        if (!json) {
            return verdict(false, fmt::format("no {} found in {}", m_kind == JsonKind::any ? "JSON object or array" : kind_name(m_kind),
                                              text::quote(answer)));
        }
        return verdict(true, fmt::format("found {} at char {}{}: {}", to_string(json->top),
                                         text::char_index(answer, json->offset),
                                         json->fenced ? " (in a ```json block)" : "", text::quote(json->text)));
    }

private:
    JsonKind m_kind;
};

std::unique_ptr<CompiledCheck> compile_is_json(const CheckSpec& spec, Diagnostics& diagnostics) {
    ParamReader params(spec, diagnostics);
    const std::optional<JsonKind> kind = read_kind(params);
    if (!params.ok()) {
        return nullptr;
    }
    return std::make_unique<IsJsonCheck>(*kind);
}

std::unique_ptr<CompiledCheck> compile_contains_json(const CheckSpec& spec, Diagnostics& diagnostics) {
    ParamReader params(spec, diagnostics);
    const std::optional<JsonKind> kind = read_kind(params);
    if (!params.ok()) {
        return nullptr;
    }
    return std::make_unique<ContainsJsonCheck>(*kind);
}

}  // namespace

void register_structure_json_checks(CheckRegistry& registry) {
    registry.add({"is-json",
                  "the whole answer (trimmed, or one ``` fenced block) is JSON; optional `kind`: object or array",
                  {"kind"}, true, compile_is_json});
    registry.add({"contains-json",
                  "the answer contains a JSON object or array (a ```json block first, else in prose); optional `kind`: object or array",
                  {"kind"}, true, compile_contains_json});
    register_structure_json_path_check(registry);
}

}  // namespace evalbench

// The `json-schema` check: the answer, read as JSON the way `is-json` reads
// it, must validate against a schema given inline (`schema`) or in a JSON
// file (`schema_file`, relative to the suite file). The schema is compiled
// once, when the check is compiled, so `validate` reports every problem in
// it (each with its JSON pointer inside the schema) before anything is sent,
// and scoring a trial only walks the compiled tree.
//
// Reading the answer: the whole answer (trimmed, or the body of a fenced
// block that is the whole answer) first; otherwise the first JSON object or
// array in the prose (a ```json block first). Score 1 when it validates,
// 0 otherwise; the reason names the first few violations by instance pointer.

#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "builtin_checks.hpp"
#include "evalbench/scoring/json_schema.hpp"
#include "json_extract.hpp"
#include "params.hpp"

namespace evalbench {

namespace {

constexpr std::size_t k_violations_shown = 3;

std::string schema_location(const std::string& pointer) {
    return pointer.empty() ? "#" : "#" + pointer;
}

// The answer as a JSON value, or why it is not one.
std::expected<Json, std::string> read_answer(const std::string& answer) {
    JsonSyntaxError error;
    std::optional<JsonText> found = whole_json(answer, &error);
    if (!found) {
        found = find_json(answer, JsonKind::any);
    }
    if (!found) {
        return std::unexpected(fmt::format(
            "the answer is not JSON ({} at byte {}) and contains no JSON object or array", error.message, error.byte));
    }
    Json value = Json::parse(found->text, nullptr, false);
    if (value.is_discarded()) {
        return std::unexpected("the answer's JSON could not be read");  // validated above, so not expected
    }
    return value;
}

// The schema document named by `schema_file`, or why it cannot be used.
std::expected<Json, std::string> load_schema_file(const CheckSpec& spec, const std::string& name) {
    std::filesystem::path path(name);
    if (path.is_relative()) {
        path = std::filesystem::path(spec.where.file).parent_path() / path;
    }
    const std::string extension = path.extension().string();
    if (extension == ".yaml" || extension == ".yml") {
        return std::unexpected(
            fmt::format("schema file '{}' must be JSON; put a YAML schema inline under 'schema'", path.string()));
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return std::unexpected(fmt::format("cannot read schema file '{}'", path.string()));
    }
    std::ostringstream text;
    text << in.rdbuf();
    try {
        return Json::parse(text.str());
    } catch (const Json::parse_error& error) {
        std::string message = error.what();
        message = message.substr(message.find(']') + 1);  // drop nlohmann's "[json.exception...]" tag
        return std::unexpected(fmt::format("schema file '{}' is not valid JSON:{}", path.string(), message));
    }
}

class JsonSchemaCheck final : public CompiledCheck {
public:
    explicit JsonSchemaCheck(JsonSchema schema) : m_schema(std::move(schema)) {}

    CheckOutcome evaluate(const ScoringInput& input) const override {
        const std::expected<Json, std::string> answer = read_answer(input.completion.content);
        if (!answer) {
            return {false, 0.0, answer.error()};
        }
        const std::vector<SchemaProblem> problems = m_schema.validate(*answer);
        if (problems.empty()) {
            return {true, 1.0, "the answer's JSON is valid against the schema"};
        }
        std::string reason = fmt::format("{} schema violation{}: ", problems.size(), problems.size() == 1 ? "" : "s");
        for (std::size_t i = 0; i < problems.size() && i < k_violations_shown; ++i) {
            reason += fmt::format("{}{}: {}", i == 0 ? "" : "; ",
                                  problems[i].pointer.empty() ? "(root)" : problems[i].pointer, problems[i].message);
        }
        if (problems.size() > k_violations_shown) {
            reason += fmt::format("; and {} more", problems.size() - k_violations_shown);
        }
        return {false, 0.0, reason};
    }

private:
    JsonSchema m_schema;
};

std::unique_ptr<CompiledCheck> compile_json_schema(const CheckSpec& spec, Diagnostics& diagnostics) {
    ParamReader params(spec, diagnostics);
    if (params.expect_count_of({"schema", "schema_file"}, 1, 1) != 1) {
        return nullptr;
    }
    const std::string key = params.has("schema") ? "schema" : "schema_file";
    Json document;
    std::string origin = "schema";
    if (key == "schema") {
        const Json* inline_schema = params.value("schema", Presence::required);
        if (inline_schema == nullptr || (!inline_schema->is_object() && !inline_schema->is_boolean())) {
            params.error("schema", fmt::format("'schema' must be a mapping (a JSON Schema), not {}",
                                               inline_schema == nullptr ? "nothing" : json_type_name(*inline_schema)));
            return nullptr;
        }
        document = *inline_schema;
    } else {
        const std::optional<std::string> name = params.string("schema_file", Presence::required, Emptiness::reject);
        if (!name) {
            return nullptr;
        }
        std::expected<Json, std::string> loaded = load_schema_file(spec, *name);
        if (!loaded) {
            params.error(key, loaded.error());
            return nullptr;
        }
        document = std::move(*loaded);
        origin = fmt::format("schema file '{}'", *name);
    }
    std::expected<JsonSchema, std::vector<SchemaProblem>> schema = JsonSchema::compile(document);
    if (!schema) {
        for (const SchemaProblem& problem : schema.error()) {
            params.error(
                key, fmt::format("invalid {} at {}: {}", origin, schema_location(problem.pointer), problem.message));
        }
        return nullptr;
    }
    return std::make_unique<JsonSchemaCheck>(std::move(*schema));
}

}  // namespace

void register_schema_checks(CheckRegistry& registry) {
    registry.add({
        .name = "json-schema",
        .summary = "the answer's JSON validates against a JSON Schema (draft-07, plus $defs and prefixItems)",
        .parameters = {"schema", "schema_file"},
        .negatable = true,
        .compile = compile_json_schema,
    });
}

}  // namespace evalbench

// The `tool-call` check: the model called the expected function, with
// arguments that validate against the function's declared `parameters`
// schema (from the case's `tools`; `validate_schema: false` skips this) and
// contain the given `arguments` (subset match: every given key must be
// present with an equal value, nested mappings compared the same way,
// lists element by element, 1 and 1.0 equal; other keys may be present).
// When the model called the function more than once, one matching call is
// enough. A case that does not declare the tool while the schema is to be
// validated is an error outcome: the definition, not the model, is wrong.

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "behaviour_checks.hpp"
#include "evalbench/scoring/json_schema.hpp"
#include "params.hpp"

namespace evalbench {

namespace {

constexpr std::size_t k_shown_chars = 200;

std::string shown(const std::string& text) {
    return text.size() <= k_shown_chars ? text : text.substr(0, k_shown_chars) + "…";
}

// The declaration of `name` among the case's tools: {name, parameters} or
// the OpenAI wire form {type: function, function: {name, parameters}}.
const Json* find_declaration(const Json& tools, const std::string& name) {
    if (!tools.is_array()) {
        return nullptr;
    }
    for (const Json& tool : tools) {
        const Json* declaration = &tool;
        if (tool.is_object() && tool.contains("function") && tool.at("function").is_object()) {
            declaration = &tool.at("function");
        }
        if (declaration->is_object() && declaration->value("name", Json()) == name) {
            return declaration;
        }
    }
    return nullptr;
}

bool same_scalar(const Json& expected, const Json& actual) {
    if (expected.is_number() && actual.is_number()) {
        return expected.get<double>() == actual.get<double>();
    }
    return expected == actual;
}

// Appends one line per difference, each naming the argument's JSON pointer.
void compare_subset(const Json& expected, const Json& actual, const std::string& pointer,
                    std::vector<std::string>& problems) {
    if (expected.is_object() && actual.is_object()) {
        for (const auto& [key, value] : expected.items()) {
            const std::string child = pointer + "/" + key;
            if (!actual.contains(key)) {
                problems.push_back(fmt::format("argument {} is missing (expected {})", child, value.dump()));
                continue;
            }
            compare_subset(value, actual.at(key), child, problems);
        }
        return;
    }
    if (expected.is_array() && actual.is_array() && expected.size() == actual.size()) {
        for (std::size_t i = 0; i < expected.size(); ++i) {
            compare_subset(expected[i], actual[i], pointer + "/" + std::to_string(i), problems);
        }
        return;
    }
    if (!same_scalar(expected, actual)) {
        problems.push_back(fmt::format("argument {} is {}, expected {}", pointer, shown(actual.dump()), expected.dump()));
    }
}

struct ToolCallSettings {
    std::string name;
    Json arguments;  // null: any arguments
    bool validate_schema = true;
};

class ToolCallCheck final : public CompiledCheck {
public:
    explicit ToolCallCheck(ToolCallSettings settings) : m_settings(std::move(settings)) {}

    CheckOutcome evaluate(const ScoringInput& input) const override {
        CheckOutcome outcome;
        const std::vector<ToolCall>& calls = input.completion.tool_calls;
        if (calls.empty()) {
            outcome.reason = fmt::format("no tool call (expected '{}'); the answer: \"{}\"", m_settings.name,
                                         shown(input.completion.content));
            return outcome;
        }
        std::optional<JsonSchema> schema;
        if (m_settings.validate_schema) {
            const Json* declaration = find_declaration(input.test_case.tools, m_settings.name);
            if (declaration == nullptr) {
                outcome.errored = true;
                outcome.reason = fmt::format("the case declares no tool '{}' to validate the arguments against "
                                             "(add it to the case's 'tools' or set 'validate_schema: false')",
                                             m_settings.name);
                return outcome;
            }
            const Json parameters = declaration->value("parameters", Json::object());
            auto compiled = JsonSchema::compile(parameters);
            if (!compiled) {
                const SchemaProblem& problem = compiled.error().front();
                outcome.errored = true;
                outcome.reason = fmt::format("the 'parameters' schema of tool '{}' is invalid at '{}': {}",
                                             m_settings.name, problem.pointer, problem.message);
                return outcome;
            }
            schema.emplace(std::move(*compiled));
        }
        std::vector<std::string> called;
        std::vector<std::string> first_problems;
        for (const ToolCall& call : calls) {
            called.push_back(fmt::format("{}({})", call.name, shown(call.arguments)));
            if (call.name != m_settings.name) {
                continue;
            }
            std::vector<std::string> problems = check_call(call, schema ? &*schema : nullptr);
            if (problems.empty()) {
                outcome.pass = true;
                outcome.score = 1.0;
                outcome.reason = fmt::format("called {}({})", call.name, shown(call.arguments));
                return outcome;
            }
            if (first_problems.empty()) {
                first_problems = std::move(problems);
            }
        }
        if (first_problems.empty()) {
            outcome.reason = fmt::format("expected a call to '{}', but called {}", m_settings.name,
                                         fmt::join(called, ", "));
        } else {
            outcome.reason = fmt::format("called {}, but {}", fmt::join(called, ", "), fmt::join(first_problems, "; "));
        }
        return outcome;
    }

private:
    std::vector<std::string> check_call(const ToolCall& call, const JsonSchema* schema) const {
        // Some providers send "" for a call without arguments.
        const bool blank = call.arguments.find_first_not_of(" \t\r\n") == std::string::npos;
        const Json arguments = blank ? Json::object() : Json::parse(call.arguments, nullptr, false);
        if (arguments.is_discarded()) {
            return {"its arguments are not valid JSON"};
        }
        std::vector<std::string> problems;
        if (schema != nullptr) {
            for (const SchemaProblem& problem : schema->validate(arguments)) {
                problems.push_back(fmt::format("arguments at '{}' do not fit the schema: {}", problem.pointer,
                                               problem.message));
            }
        }
        if (!m_settings.arguments.is_null()) {
            compare_subset(m_settings.arguments, arguments, "", problems);
        }
        return problems;
    }

    ToolCallSettings m_settings;
};

std::unique_ptr<CompiledCheck> compile(const CheckSpec& spec, Diagnostics& diagnostics) {
    ParamReader params(spec, diagnostics);
    ToolCallSettings settings;
    const std::optional<std::string> name = params.string("name", Presence::required, Emptiness::reject);
    if (const Json* arguments = params.value("arguments", Presence::optional)) {
        if (arguments->is_object()) {
            settings.arguments = *arguments;
        } else {
            params.error("arguments", fmt::format("parameter 'arguments' must be a mapping of argument to expected "
                                                  "value, got {}",
                                                  json_type_name(*arguments)));
        }
    }
    settings.validate_schema = params.boolean("validate_schema", Presence::optional).value_or(true);
    if (!params.ok() || !name) {
        return nullptr;
    }
    settings.name = *name;
    return std::make_unique<ToolCallCheck>(std::move(settings));
}

}  // namespace

CheckType tool_call_check_type() {
    return {"tool-call",
            "the model called function 'name' with arguments that fit its schema and match 'arguments'",
            {"name", "arguments", "validate_schema"},
            true,
            compile,
            require_declared_tool};
}

}  // namespace evalbench

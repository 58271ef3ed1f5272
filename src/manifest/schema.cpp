#include "schema.hpp"

namespace evalbench::schema {

using Keys = std::vector<std::string>;

const Keys& keys(Section section) {
    static const Keys manifest = {"name",     "version",    "changelog", "description", "suites", "models",
                                  "variants", "defaults",   "dimensions", "gates",      "embeddings"};
    static const Keys model = {"id",      "provider", "model",  "base_url", "api_key_env",    "params",
                               "pricing", "stream",   "rpm",    "tpm",      "max_concurrency"};
    static const Keys pricing = {"input_per_mtok", "output_per_mtok"};
    static const Keys variant = {"id", "system", "few_shot", "template"};
    static const Keys message = {"role", "content", "tool_calls", "tool_call_id", "name"};
    static const Keys defaults = {"repeat", "concurrency", "timeout_s", "retries", "max_error_rate", "params"};
    static const Keys gates = {"min_pass_rate", "min_score", "categories"};
    static const Keys category_gate = {"min_pass_rate", "min_score"};
    static const Keys embeddings = {"base_url", "model", "api_key_env"};
    static const Keys suite = {"name", "description", "cases"};
    static const Keys test_case = {"id",        "category", "tags",    "difficulty",    "version",  "retired",
                                   "system",    "prompt",   "messages", "vars",         "context_files",
                                   "reference", "original", "expect",  "checks",        "mock",     "tools",
                                   "tool_choice"};
    static const Keys mock = {"response", "latency_ms", "finish_reason", "refusal", "error", "tool_calls"};
    static const Keys mock_tool_call = {"name", "arguments"};
    static const Keys tool = {"name", "description", "parameters"};
    static const Keys tool_choice = {"name"};
    switch (section) {
        case Section::manifest: return manifest;
        case Section::model: return model;
        case Section::pricing: return pricing;
        case Section::variant: return variant;
        case Section::few_shot_message: return message;
        case Section::defaults: return defaults;
        case Section::dimensions: return known_dimensions();
        case Section::gates: return gates;
        case Section::category_gate: return category_gate;
        case Section::embeddings: return embeddings;
        case Section::suite: return suite;
        case Section::test_case: return test_case;
        case Section::message: return message;
        case Section::mock: return mock;
        case Section::mock_tool_call: return mock_tool_call;
        case Section::tool: return tool;
        case Section::tool_choice: return tool_choice;
    }
    return manifest;
}

std::string_view describe(Section section) {
    switch (section) {
        case Section::manifest: return "the manifest";
        case Section::model: return "a model";
        case Section::pricing: return "'pricing'";
        case Section::variant: return "a variant";
        case Section::few_shot_message: return "a few-shot message";
        case Section::defaults: return "'defaults'";
        case Section::dimensions: return "'dimensions'";
        case Section::gates: return "'gates'";
        case Section::category_gate: return "a category gate";
        case Section::embeddings: return "'embeddings'";
        case Section::suite: return "a suite";
        case Section::test_case: return "a case";
        case Section::message: return "a message";
        case Section::mock: return "'mock'";
        case Section::mock_tool_call: return "a mock tool call";
        case Section::tool: return "a tool";
        case Section::tool_choice: return "'tool_choice'";
    }
    return "";
}

const Keys& unsupported_keys() {
    static const Keys keys = {"judge"};
    return keys;
}

const Keys& providers() {
    static const Keys names = {"openai", "anthropic", "gemini", "exec", "mock"};
    return names;
}

const Keys& known_dimensions() {
    static const Keys names = {"checks",      "instruction_following", "output_structure",    "reasoning_quality",
                               "consistency", "developer_experience",  "refusal_calibration"};
    return names;
}

const Keys& difficulties() {
    static const Keys names = {"easy", "medium", "hard"};
    return names;
}

const Keys& expectations() {
    static const Keys names = {"comply", "refuse"};
    return names;
}

const Keys& message_roles() {
    static const Keys names = {"system", "user", "assistant", "tool"};
    return names;
}

const Keys& few_shot_roles() {
    static const Keys names = {"user", "assistant"};
    return names;
}

const Keys& finish_reasons() {
    static const Keys names = {"stop", "length", "content_filter", "refusal", "tool_calls"};
    return names;
}

const Keys& tool_choices() {
    static const Keys names = {"auto", "none", "required"};
    return names;
}

const Keys& common_check_keys() {
    static const Keys names = {"weight", "threshold", "gate", "dimension"};
    return names;
}

}  // namespace evalbench::schema

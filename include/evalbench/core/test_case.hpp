#pragma once
// A test case as loaded from a suite file, after templating. Value type: the
// manifest module fills it, every later stage only reads it.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "evalbench/core/error.hpp"
#include "evalbench/core/json.hpp"

namespace evalbench {

struct ToolCall {
    std::string id;
    std::string name;
    std::string arguments;  // JSON text as the model produced it
};

struct Message {
    Message() = default;
    Message(std::string message_role, std::string message_content)
        : role(std::move(message_role)), content(std::move(message_content)) {}

    std::string role;  // system | user | assistant | tool
    std::string content;
    std::vector<ToolCall> tool_calls;  // assistant turns that called tools
    std::string tool_call_id;          // tool turns: the call this result answers
    std::string name;                  // tool turns: the function that was called
};

Json to_json(const ToolCall& call);
// Arguments as text: JSON text is kept as written, any other JSON value
// (a mapping in a suite or a grading line) is serialised; absent is "{}".
std::string tool_arguments_text(const Json& arguments);
// {id, name, arguments} as a suite, a grading line or a journal writes it.
ToolCall tool_call_from_json(const Json& json, const std::string& default_id = "");

// {role, content} plus the tool fields that are set: what prompt hashes and
// cache keys are computed over.
Json to_json(const Message& message);

// One check as written in a suite. `type` is canonical (without the `not-`
// prefix); `negate` records the prefix. `params` holds every key of the
// check's mapping (including type/weight/...) as JSON, so a check
// implementation reads its own parameters from one place.
struct CheckSpec {
    std::string type;
    bool negate = false;
    double weight = 1.0;
    std::optional<double> threshold;
    bool gate = true;                  // false: informs the score, does not decide pass
    std::string dimension = "checks";  // which scoring dimension it feeds
    Json params = Json::object();
    SourceLocation where;                                   // the check's mapping
    std::map<std::string, SourceLocation> param_locations;  // each key's value

    // "not-contains" for a negated contains; used in reports.
    std::string display_name() const;
    // Location of a parameter's value, falling back to the check itself.
    SourceLocation location_of(const std::string& key) const;
};

// Per-case answer for the built-in mock provider.
struct MockSpec {
    std::optional<std::string> response;
    std::optional<int> latency_ms;
    std::optional<std::string> finish_reason;  // stop | length | content_filter | refusal | tool_calls
    std::optional<std::string> refusal;        // provider-style refusal field
    std::optional<std::string> error;          // simulate a failed request
    Json tool_calls = Json::array();           // [{name, arguments}]
};

enum class Expectation { unspecified, comply, refuse };
std::string to_string(Expectation expectation);

struct ContextFile {
    std::string path;  // as written, relative to the suite file
    std::string content;
};

struct TestCase {
    std::string id;
    std::string category;
    std::vector<std::string> tags;
    std::string difficulty;
    std::string version;
    bool retired = false;

    // The conversation after templating, without the system prompt and
    // without any variant applied: for a `prompt` case, one user message.
    std::string system;
    std::vector<Message> messages;
    std::map<std::string, std::string> vars;
    std::vector<ContextFile> context_files;

    std::optional<std::string> reference;
    std::optional<std::string> original;  // code the answer should edit (scope checks)
    Expectation expect = Expectation::unspecified;
    std::vector<CheckSpec> checks;
    std::optional<MockSpec> mock;
    Json tools;        // null or array of JSON Schema function declarations
    Json tool_choice;  // null, "auto", "required", "none" or {name: ...}

    std::string suite_file;  // path relative to the manifest directory
    SourceLocation where;    // the case's mapping
};

}  // namespace evalbench

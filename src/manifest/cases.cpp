// Suite files and their cases.
//
// A case is read in the order its parts depend on each other: identity, then
// `vars` (the template values), then the texts that are templated with them
// (system, prompt or messages, reference), then context files, which are
// appended to the last user message after templating so that a file's own
// braces are never taken for placeholders:
//
//     <last user message>\n\n--- context: <path as written> ---\n<file content>
//
// `{{prompt}}` is reserved for variant templates: a case can neither define
// nor use it.

#include <algorithm>
#include <cctype>
#include <map>

#include <fmt/format.h>

#include "evalbench/manifest/templating.hpp"
#include "files.hpp"
#include "parsers.hpp"
#include "schema.hpp"

namespace evalbench::loading {

using schema::Section;

namespace {

constexpr std::string_view k_reserved = "prompt";

bool is_variable_name(const std::string& name) {
    // The same names templating.hpp accepts in a placeholder.
    if (name.empty() || !(std::isalpha(static_cast<unsigned char>(name[0])) || name[0] == '_')) {
        return false;
    }
    return std::all_of(name.begin(), name.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.';
    });
}

std::map<std::string, std::string> parse_vars(Reader& reader, const yaml::Node& node) {
    std::map<std::string, std::string> vars;
    if (!reader.expect_mapping(node, "'vars'")) {
        return vars;
    }
    for (const yaml::Entry& entry : node.entries) {
        if (entry.key == k_reserved) {
            reader.error(entry.key_where, "'prompt' is reserved for variant templates; name the variable otherwise");
            continue;
        }
        if (!is_variable_name(entry.key)) {
            reader.error(entry.key_where, fmt::format("'{}' cannot be used as {{{{{}}}}}: a variable name has "
                                                      "letters, digits, '_', '-' and '.' and starts with a letter",
                                                      entry.key, entry.key));
            continue;
        }
        if (const std::optional<std::string> value = reader.text(*entry.value, key_label(entry.key))) {
            vars[entry.key] = *value;
        }
    }
    return vars;
}

// A templated text field; problems are reported at the text's location.
std::optional<std::string> templated(Reader& reader, const yaml::Node& node, std::string_view what,
                                     const std::map<std::string, std::string>& vars) {
    const std::optional<std::string> text = reader.text(node, what);
    if (!text) {
        return std::nullopt;
    }
    std::vector<TemplateProblem> problems;
    std::string rendered = render_template(*text, vars, problems);
    for (const TemplateProblem& problem : problems) {
        if (problem.variable == k_reserved) {
            reader.error(node.where, fmt::format("{}: {{{{prompt}}}} is reserved for variant templates and cannot "
                                                 "be used in a case",
                                                 what));
        } else {
            reader.error(node.where, fmt::format("{}: {}", what, problem.message));
        }
    }
    return rendered;
}

// An assistant turn's `tool_calls`: [{id, name, arguments}], arguments a
// mapping or JSON text.
void parse_message_tool_calls(Reader& reader, const yaml::Node& list, Message& message) {
    if (!reader.expect_sequence(list, "'tool_calls'")) {
        return;
    }
    for (const auto& item : list.items) {
        if (!reader.expect_mapping(*item, "a tool call")) {
            continue;
        }
        ToolCall call;
        if (const yaml::Node* id = reader.require(*item, "id", "a tool call")) {
            call.id = reader.text(*id, "'id'").value_or("");
        }
        if (const yaml::Node* name = reader.require(*item, "name", "a tool call")) {
            call.name = reader.text(*name, "'name'").value_or("");
        }
        const yaml::Node* arguments = item->find("arguments");
        call.arguments = tool_arguments_text(arguments != nullptr ? to_json(*arguments) : Json());
        for (const auto& entry : item->entries) {
            if (entry.key != "id" && entry.key != "name" && entry.key != "arguments") {
                reader.error(entry.key_where, fmt::format("unknown key '{}' in a tool call{}; expected id, name, "
                                                          "arguments",
                                                          entry.key, did_you_mean(entry.key, {"id", "name", "arguments"})));
            }
        }
        message.tool_calls.push_back(std::move(call));
    }
}

// Tool turns answer an earlier assistant call: `tool_call_id` must name one,
// and the function's name (which Gemini needs) is taken from it.
void link_tool_turn(Reader& reader, const yaml::Node& item, const TestCase& test_case, Message& message) {
    const yaml::Node* id = reader.require(item, "tool_call_id", "a tool message");
    if (id == nullptr) {
        return;
    }
    message.tool_call_id = reader.text(*id, "'tool_call_id'").value_or("");
    for (const Message& earlier : test_case.messages) {
        for (const ToolCall& call : earlier.tool_calls) {
            if (call.id == message.tool_call_id) {
                message.name = message.name.empty() ? call.name : message.name;
                return;
            }
        }
    }
    reader.error(id->where, fmt::format("tool_call_id '{}' answers no earlier assistant tool call",
                                        message.tool_call_id));
}

void parse_messages(Reader& reader, const yaml::Node& list, const std::map<std::string, std::string>& vars,
                    TestCase& test_case, bool has_system_key) {
    if (!reader.expect_non_empty_sequence(list, "'messages'")) {
        return;
    }
    for (std::size_t i = 0; i < list.items.size(); ++i) {
        const yaml::Node& item = *list.items[i];
        if (!reader.expect_mapping(item, "a message")) {
            continue;
        }
        reader.check_keys(item, Section::message);
        Message message;
        if (const yaml::Node* role = reader.require(item, "role", "a message")) {
            message.role = reader.choice(*role, "'role'", schema::message_roles()).value_or("");
            if (message.role == "system" && (i != 0 || has_system_key)) {
                reader.error(role->where, has_system_key
                                              ? "the case has 'system' already; remove this system message"
                                              : "a system message must come first");
            }
        }
        const yaml::Node* tool_calls = item.find("tool_calls");
        if (tool_calls != nullptr && message.role != "assistant") {
            reader.error(tool_calls->where, "only an assistant message has 'tool_calls'");
        } else if (tool_calls != nullptr) {
            parse_message_tool_calls(reader, *tool_calls, message);
        }
        if (const yaml::Node* name = item.find("name")) {
            message.name = reader.text(*name, "'name'").value_or("");
        }
        if (message.role == "tool") {
            link_tool_turn(reader, item, test_case, message);
        } else if (const yaml::Node* stray = item.find("tool_call_id")) {
            reader.error(stray->where, "only a tool message has 'tool_call_id'");
        }
        // An assistant turn that only calls tools has no text.
        const yaml::Node* content =
            message.tool_calls.empty() ? reader.require(item, "content", "a message") : item.find("content");
        if (content != nullptr) {
            message.content = templated(reader, *content, "'content'", vars).value_or("");
        }
        if (message.role == "system" && i == 0 && !has_system_key) {
            test_case.system = std::move(message.content);  // TestCase keeps the system prompt apart
            continue;
        }
        test_case.messages.push_back(std::move(message));
    }
}

void parse_context_files(Reader& reader, const yaml::Node& node, const SuiteContext& context, TestCase& test_case) {
    if (!reader.expect_sequence(node, "'context_files'")) {
        return;
    }
    const auto last_user = std::find_if(test_case.messages.rbegin(), test_case.messages.rend(),
                                        [](const Message& m) { return m.role == "user"; });
    if (last_user == test_case.messages.rend() && !test_case.messages.empty()) {
        reader.error(node.where, "context files are appended to the last user message, and this case has none");
        return;
    }
    for (const yaml::NodePtr& item : node.items) {
        const std::optional<std::string> written = reader.text(*item, "a context file");
        if (!written) {
            continue;
        }
        const std::filesystem::path full = absolute_normal(context.suite_dir / *written);
        std::string error;
        const std::optional<std::string> content = read_bytes(full, error);
        if (!content) {
            reader.error(item->where, fmt::format("context file '{}' {} (looked for {})", *written, error,
                                                  display_name(full)));
            continue;
        }
        context.input_files->push_back(full);
        test_case.context_files.push_back(ContextFile{*written, *content});
        if (last_user != test_case.messages.rend()) {
            last_user->content += fmt::format("\n\n--- context: {} ---\n{}", *written, *content);
        }
    }
}

}  // namespace

TestCase parse_case(Reader& reader, const yaml::Node& node, const SuiteContext& context) {
    TestCase test_case;
    test_case.where = node.where;
    test_case.suite_file = context.suite_file;
    test_case.category = "general";
    reader.check_keys(node, Section::test_case);
    if (const yaml::Node* id = reader.require(node, "id", "a case")) {
        const std::optional<std::string> text = reader.text(*id, "'id'");
        if (text && !is_valid_id(*text, Slash::allowed)) {
            reader.error(id->where,
                         fmt::format("case id '{}' may use only letters, digits, '_', '-', '.' and '/'", *text));
        } else if (text) {
            test_case.id = *text;
        }
    }
    const std::string owner = test_case.id.empty() ? "a case" : fmt::format("case '{}'", test_case.id);
    if (const yaml::Node* value = node.find("category")) {
        const std::optional<std::string> category = reader.text(*value, "'category'");
        if (category && category->empty()) {
            reader.error(value->where, "'category' must not be empty");
        } else if (category) {
            test_case.category = *category;
        }
    }
    if (const yaml::Node* value = node.find("tags")) {
        test_case.tags = reader.strings(*value, "'tags'").value_or(std::vector<std::string>{});
    }
    if (const yaml::Node* value = node.find("difficulty")) {
        test_case.difficulty = reader.choice(*value, "'difficulty'", schema::difficulties()).value_or("");
    }
    if (const yaml::Node* value = node.find("version")) {
        test_case.version = reader.text(*value, "'version'").value_or("");
    }
    if (const yaml::Node* value = node.find("retired")) {
        test_case.retired = reader.boolean(*value, "'retired'").value_or(false);
    }
    if (const yaml::Node* value = node.find("vars")) {
        test_case.vars = parse_vars(reader, *value);
    }
    const yaml::Node* system = node.find("system");
    if (system != nullptr) {
        test_case.system = templated(reader, *system, "'system'", test_case.vars).value_or("");
    }
    const yaml::Entry* prompt = node.find_entry("prompt");
    const yaml::Entry* messages = node.find_entry("messages");
    if (prompt != nullptr && messages != nullptr) {
        const yaml::Entry& later = prompt->key_where.line > messages->key_where.line ? *prompt : *messages;
        reader.error(later.key_where, fmt::format("{} has both 'prompt' and 'messages': give exactly one", owner));
    } else if (prompt != nullptr) {
        if (std::optional<std::string> text = templated(reader, *prompt->value, "'prompt'", test_case.vars)) {
            test_case.messages.push_back(Message{"user", std::move(*text)});
        }
    } else if (messages != nullptr) {
        parse_messages(reader, *messages->value, test_case.vars, test_case, system != nullptr);
    } else {
        reader.error(node.where, fmt::format("{} needs 'prompt' or 'messages'", owner));
    }
    if (const yaml::Node* value = node.find("reference")) {
        test_case.reference = templated(reader, *value, "'reference'", test_case.vars);
    }
    if (const yaml::Node* value = node.find("original")) {
        test_case.original = reader.text(*value, "'original'");
    }
    if (const yaml::Node* value = node.find("expect")) {
        const std::optional<std::string> expect = reader.choice(*value, "'expect'", schema::expectations());
        if (expect) {
            test_case.expect = *expect == "refuse" ? Expectation::refuse : Expectation::comply;
        }
    }
    if (const yaml::Node* value = node.find("context_files")) {
        parse_context_files(reader, *value, context, test_case);
    }
    const yaml::Node* checks = node.find("checks");
    if (checks != nullptr) {
        test_case.checks = parse_checks(reader, *checks);
    }
    if (checks == nullptr || (checks->kind == yaml::Kind::sequence && checks->items.empty())) {
        reader.error(checks == nullptr ? node.where : checks->where,
                     fmt::format("{} has nothing to score: add at least one check", owner));
    }
    if (const yaml::Node* value = node.find("mock")) {
        test_case.mock = parse_mock(reader, *value);
    }
    if (const yaml::Node* value = node.find("tools")) {
        test_case.tools = parse_tools(reader, *value).value_or(Json());
    }
    if (const yaml::Node* value = node.find("tool_choice")) {
        test_case.tool_choice = parse_tool_choice(reader, *value, test_case.tools).value_or(Json());
    }
    return test_case;
}

std::vector<TestCase> parse_suite(Reader& reader, const yaml::Node& root, const SuiteContext& context,
                                  bool& complete) {
    std::vector<TestCase> cases;
    if (root.kind == yaml::Kind::null) {
        reader.error(root.where, "the suite file is empty: expected a mapping with 'cases'");
        complete = false;
        return cases;
    }
    if (!reader.expect_mapping(root, "a suite")) {
        complete = false;
        return cases;
    }
    reader.check_keys(root, Section::suite);
    for (const char* key : {"name", "description"}) {
        if (const yaml::Node* value = root.find(key)) {
            std::ignore = reader.text(*value, key_label(key));  // validated; runs do not use it
        }
    }
    const yaml::Node* list = root.find("cases");
    if (list == nullptr) {
        reader.error(root.where, "a suite needs 'cases': an empty suite is an error");
        complete = false;
        return cases;
    }
    if (list->kind == yaml::Kind::sequence && list->items.empty()) {
        reader.error(list->where, "'cases' is empty: a suite needs at least one case");
        complete = false;
        return cases;
    }
    if (!reader.expect_sequence(*list, "'cases'")) {
        complete = false;
        return cases;
    }
    for (const yaml::NodePtr& item : list->items) {
        if (!reader.expect_mapping(*item, "a case")) {
            complete = false;
            continue;
        }
        cases.push_back(parse_case(reader, *item, context));
        if (cases.back().id.empty()) {
            complete = false;  // an unnamed case cannot take part in the cross-suite checks
            cases.pop_back();
        }
    }
    return cases;
}

}  // namespace evalbench::loading

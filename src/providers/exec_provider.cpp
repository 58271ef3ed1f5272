// The `exec` provider: benchmark an agent, a script or a local binary as if
// it were a model.
//
//   - id: my-agent
//     provider: exec
//     model: "python3 agents/answer.py --fast"   # run with /bin/sh -c
//     params: {input: prompt, output: text}      # the defaults
//
// The command runs in the manifest's folder, with the process environment
// plus EVALBENCH_MODEL_ID, EVALBENCH_REPEAT and (when the case has one)
// EVALBENCH_SYSTEM. What it reads on stdin:
//   input: prompt  the text of the last user message;
//   input: json    the whole request: {"messages": [{role, content}],
//                  "params": {...}, "tools": ..., "tool_choice": ...,
//                  "repeat": n} (params without input/output).
// What it writes on stdout:
//   output: text   the answer (one trailing newline is dropped);
//   output: json   {"content": "...", "finish_reason": "stop",
//                   "usage": {"input_tokens": n, "output_tokens": n},
//                   "tool_calls": [{"id", "name", "arguments"}], "model": "..."}
//                  where only content is required.
// Failures: the request's timeout kills the process group (kind timeout,
// retried); exit 75 (EX_TEMPFAIL) asks for a retry (kind server), as does
// death by a signal; exit 126/127 means the command cannot run (config); any
// other non-zero exit or unreadable JSON output is the command rejecting
// this request (client, not retried: rerunning a deterministic script only
// burns time). Each message ends with the tail of stderr.
#include "evalbench/providers/exec.hpp"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "evalbench/providers/adapters.hpp"
#include "evalbench/sys/process.hpp"

namespace evalbench {
namespace {

enum class InputMode { prompt, json };
enum class OutputMode { text, json };

constexpr int k_exit_tempfail = 75;
constexpr std::size_t k_stderr_excerpt = 600;

ProviderError failure(ErrorKind kind, std::string message) {
    ProviderError error;
    error.kind = kind;
    error.message = std::move(message);
    return error;
}

std::string stderr_tail(const std::string& stderr_data) {
    std::string tail = stderr_data.size() > k_stderr_excerpt
                           ? "..." + stderr_data.substr(stderr_data.size() - k_stderr_excerpt)
                           : stderr_data;
    while (!tail.empty() && std::isspace(static_cast<unsigned char>(tail.back()))) {
        tail.pop_back();
    }
    return tail.empty() ? "" : "; stderr: " + tail;
}

std::string choice(const ModelSpec& model, const char* key, const std::vector<std::string>& allowed) {
    if (!model.params.contains(key)) {
        return allowed.front();
    }
    const Json& value = model.params[key];
    if (!value.is_string() || std::find(allowed.begin(), allowed.end(), value.get<std::string>()) == allowed.end()) {
        throw_bad_input(model.where, fmt::format("model '{}': params.{} must be {} or {}", model.id, key,
                                                 allowed.at(0), allowed.at(1)));
    }
    return value.get<std::string>();
}

std::string last_user_text(const Request& request) {
    for (auto message = request.messages.rbegin(); message != request.messages.rend(); ++message) {
        if (message->role == "user") {
            return message->content;
        }
    }
    return "";
}

std::string request_json(const Request& request) {
    Json messages = Json::array();
    for (const Message& message : request.messages) {
        messages.push_back({{"role", message.role}, {"content", message.content}});
    }
    Json params = request.params.is_object() ? request.params : Json::object();
    params.erase("input");
    params.erase("output");
    return Json{{"messages", messages}, {"params", params}, {"tools", request.tools},
                {"tool_choice", request.tool_choice}, {"repeat", request.repeat}}
        .dump();
}

std::expected<Completion, ProviderError> parse_json_answer(const std::string& out, Completion completion) {
    const auto bad = [](const std::string& why) {
        return std::unexpected(failure(
            ErrorKind::client, "the command's stdout is not the JSON answer params.output: json expects (" + why +
                                   "); write {\"content\": \"...\"}"));
    };
    Json answer;
    try {
        answer = Json::parse(out);
    } catch (const nlohmann::json::parse_error&) {
        return bad("not valid JSON");
    }
    if (!answer.is_object() || !answer.contains("content") || !answer["content"].is_string()) {
        return bad("no string \"content\"");
    }
    completion.content = answer["content"].get<std::string>();
    if (answer.contains("finish_reason")) {
        const std::string raw = answer["finish_reason"].is_string() ? answer["finish_reason"].get<std::string>() : "";
        const std::optional<FinishReason> finish = finish_reason_from_string(raw);
        if (!finish) {
            return bad("finish_reason must be stop, length, content_filter, refusal, tool_calls or error");
        }
        completion.finish = *finish;
        completion.finish_raw = raw;
    }
    if (answer.contains("usage") && answer["usage"].is_object()) {
        const Json& usage = answer["usage"];
        completion.usage.input_tokens = usage.value("input_tokens", std::int64_t{0});
        completion.usage.output_tokens = usage.value("output_tokens", std::int64_t{0});
        completion.usage.reasoning_tokens = usage.value("reasoning_tokens", std::int64_t{0});
        completion.usage.reported = true;
    }
    for (const Json& call : answer.value("tool_calls", Json::array())) {
        if (!call.is_object() || !call.contains("name")) {
            return bad("each tool call needs a name");
        }
        const Json arguments = call.value("arguments", Json::object());
        completion.tool_calls.push_back({call.value("id", ""), call.value("name", ""),
                                         arguments.is_string() ? arguments.get<std::string>() : arguments.dump()});
    }
    completion.served_model = answer.value("model", "");
    return completion;
}

class ExecProvider final : public Provider {
public:
    ExecProvider(const ModelSpec& model, ExecOptions options)
        : m_model(model),
          m_options(std::move(options)),
          m_input(choice(model, "input", {"prompt", "json"}) == "json" ? InputMode::json : InputMode::prompt),
          m_output(choice(model, "output", {"text", "json"}) == "json" ? OutputMode::json : OutputMode::text) {
        if (model.model.find_first_not_of(" \t\n") == std::string::npos) {
            throw_bad_input(model.where, fmt::format("model '{}': an exec model needs a command in `model`", model.id));
        }
    }

    ProviderResult complete(const Request& request) override {
        ProcessOptions process;
        process.argv = {"/bin/sh", "-c", m_model.model};
        process.stdin_data = m_input == InputMode::json ? request_json(request) : last_user_text(request);
        process.working_directory = m_options.working_directory;
        process.timeout_s = request.timeout_s;
        process.max_output_bytes = m_options.max_output_bytes;
        process.environment["EVALBENCH_MODEL_ID"] = m_model.id;
        process.environment["EVALBENCH_REPEAT"] = std::to_string(request.repeat);
        if (!request.messages.empty() && request.messages.front().role == "system") {
            process.environment["EVALBENCH_SYSTEM"] = request.messages.front().content;
        }
        std::expected<ProcessResult, std::string> run = run_process(process);
        if (!run) {
            return std::unexpected(failure(ErrorKind::config, fmt::format("cannot run the command: {}", run.error())));
        }
        return interpret(*run, request.timeout_s);
    }

private:
    ProviderResult interpret(const ProcessResult& run, double timeout_s) const {
        const std::string tail = stderr_tail(run.stderr_data);
        if (run.timed_out) {
            return std::unexpected(
                failure(ErrorKind::timeout, fmt::format("the command did not finish within {} s{}", timeout_s, tail)));
        }
        if (run.signal != 0) {
            return std::unexpected(failure(ErrorKind::server, fmt::format("the command was killed by signal {}{}",
                                                                           run.signal, tail)));
        }
        if (run.exit_code != 0) {
            const ErrorKind kind = run.exit_code == k_exit_tempfail                       ? ErrorKind::server
                                   : (run.exit_code == 126 || run.exit_code == 127) ? ErrorKind::config
                                                                                      : ErrorKind::client;
            return std::unexpected(
                failure(kind, fmt::format("the command exited with status {}{}", run.exit_code, tail)));
        }
        if (run.output_truncated) {
            return std::unexpected(failure(
                ErrorKind::client, fmt::format("the command wrote more than {} bytes", m_options.max_output_bytes)));
        }
        Completion completion;
        completion.finish = FinishReason::stop;
        completion.finish_raw = "stop";
        completion.latency_ms = run.elapsed_ms;
        std::string out = run.stdout_data;
        if (out.ends_with('\n')) {
            out.pop_back();
            if (out.ends_with('\r')) {
                out.pop_back();
            }
        }
        if (m_output == OutputMode::json) {
            return parse_json_answer(out, std::move(completion));
        }
        completion.content = std::move(out);
        return completion;
    }

    ModelSpec m_model;
    ExecOptions m_options;
    InputMode m_input;
    OutputMode m_output;
};

}  // namespace

std::unique_ptr<Provider> make_exec_provider(const ModelSpec& model, ExecOptions options) {
    return std::make_unique<ExecProvider>(model, std::move(options));
}

std::unique_ptr<Provider> make_exec_provider(const ModelSpec& model) { return make_exec_provider(model, {}); }

}  // namespace evalbench

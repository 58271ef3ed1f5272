// Checks that run programs: `code-exec` (the model's code, sandboxed; see
// code_exec.cpp) and `command` (the user's own grading script).
//
// `command` protocol: the script gets the trial as one JSON object on stdin,
//   {"case": id, "output": answer, "reference": text|null,
//    "finish_reason": "stop", "model": id|null, "vars": {...},
//    "latency_ms": number, "tool_calls": [{"name", "arguments"}]}
// and prints {"pass": bool, "score": number in [0, 1], "reason": "..."} on
// stdout (score defaults to 1/0 from pass; reason to ""). When other output
// precedes it, the last non-blank line is read. A non-zero exit, a timeout,
// or output that is not such an object is an errored check carrying a
// stderr excerpt: a broken grader must never read as a failing model.
//
// It runs in the suite file's directory (so `run: ./grade.py` or
// `run: [python3, graders/x.py]` resolve next to the suite), with the
// user's environment. It is NOT sandboxed: it is the user's code, trusted
// like the manifest that names it.

#include <fmt/format.h>

#include <filesystem>

#include "builtin_checks.hpp"
#include "code_exec.hpp"
#include "evalbench/sys/process.hpp"
#include "params.hpp"
#include "sandbox_report.hpp"

namespace evalbench {

namespace {

constexpr std::size_t k_max_grader_output = 1 << 20;

Json trial_json(const ScoringInput& input) {
    Json tool_calls = Json::array();
    for (const ToolCall& call : input.completion.tool_calls) {
        tool_calls.push_back({{"name", call.name}, {"arguments", call.arguments}});
    }
    Json vars = Json::object();
    for (const auto& [key, value] : input.test_case.vars) {
        vars[key] = value;
    }
    return {{"case", input.test_case.id},
            {"output", input.completion.content},
            {"reference", input.test_case.reference ? Json(*input.test_case.reference) : Json()},
            {"finish_reason", to_string(input.completion.finish)},
            {"model", input.model != nullptr ? Json(input.model->id) : Json()},
            {"vars", vars},
            {"latency_ms", input.completion.latency_ms},
            {"tool_calls", tool_calls}};
}

// The verdict object: all of stdout, or else its last non-blank line.
std::optional<Json> verdict_object(const std::string& output) {
    Json parsed = Json::parse(output, nullptr, false);
    if (!parsed.is_discarded() && parsed.is_object()) {
        return parsed;
    }
    const std::size_t last = output.find_last_not_of(" \t\r\n");
    if (last == std::string::npos) {
        return std::nullopt;
    }
    const std::size_t line_start = output.rfind('\n', last);
    const std::size_t begin = line_start == std::string::npos ? 0 : line_start + 1;
    parsed = Json::parse(output.substr(begin, last + 1 - begin), nullptr, false);
    if (!parsed.is_discarded() && parsed.is_object()) {
        return parsed;
    }
    return std::nullopt;
}

class CommandCheck : public CompiledCheck {
public:
    CommandCheck(std::vector<std::string> argv, double timeout_s, std::filesystem::path directory)
        : m_argv(std::move(argv)), m_timeout_s(timeout_s), m_directory(std::move(directory)) {}

    CheckOutcome evaluate(const ScoringInput& input) const override {
        ProcessOptions options;
        options.argv = m_argv;
        options.stdin_data = trial_json(input).dump();
        options.working_directory = m_directory;
        options.timeout_s = m_timeout_s;
        options.max_output_bytes = k_max_grader_output;
        const std::expected<ProcessResult, std::string> run = run_process(options);
        if (!run) {
            return errored(run.error());
        }
        if (!run->succeeded()) {
            const std::string output = output_excerpts(*run);
            return errored(fmt::format("grader {}{}{}", describe_ending(*run, m_timeout_s), output.empty() ? "" : ": ",
                                       output));
        }
        const std::optional<Json> verdict = verdict_object(run->stdout_data);
        if (!verdict) {
            return errored("grader did not print a JSON object {\"pass\": ..., \"score\": ..., \"reason\": ...}: " +
                           output_excerpts(*run));
        }
        const auto pass = verdict->find("pass");
        if (pass == verdict->end() || !pass->is_boolean()) {
            return errored("grader's verdict has no boolean \"pass\": " + excerpt(verdict->dump(), 300, ExcerptEnd::head));
        }
        CheckOutcome outcome{pass->get<bool>(), pass->get<bool>() ? 1.0 : 0.0, "", false};
        if (const auto score = verdict->find("score"); score != verdict->end() && !score->is_null()) {
            if (!score->is_number() || score->get<double>() < 0.0 || score->get<double>() > 1.0) {
                return errored("grader's \"score\" must be a number in [0, 1], got " + score->dump());
            }
            outcome.score = score->get<double>();
        }
        if (const auto reason = verdict->find("reason"); reason != verdict->end() && !reason->is_null()) {
            outcome.reason = reason->is_string() ? reason->get<std::string>() : reason->dump();
        }
        return outcome;
    }

private:
    CheckOutcome errored(const std::string& message) const {
        return {false, 0.0, fmt::format("command '{}': {}", fmt::join(m_argv, " "), message), true};
    }

    std::vector<std::string> m_argv;
    double m_timeout_s;
    std::filesystem::path m_directory;
};

std::unique_ptr<CompiledCheck> compile_command(const CheckSpec& spec, Diagnostics& diagnostics) {
    ParamReader params(spec, diagnostics);
    std::vector<std::string> argv;
    const std::filesystem::path directory = spec.where.file.empty()
                                                ? std::filesystem::path()
                                                : std::filesystem::path(spec.where.file).parent_path();
    if (const Json* run = params.value("run", Presence::required); run != nullptr && run->is_string()) {
        const std::string script = run->get<std::string>();
        if (script.find_first_not_of(" \t\r\n") == std::string::npos) {
            params.error("run", "parameter 'run' must not be empty");
        }
        argv = {"/bin/sh", "-c", script};
    } else if (run != nullptr) {
        argv = params.text_list("run", Presence::required).value_or(std::vector<std::string>{});
        // A script path next to the suite is checked now, not mid-run.
        if (!argv.empty() && argv.front().find('/') != std::string::npos) {
            std::filesystem::path program = argv.front();
            if (program.is_relative()) {
                program = directory / program;
            }
            if (!find_executable(program.string(), "")) {
                params.error("run", fmt::format("'{}' is not an executable file (looked for {})", argv.front(),
                                                program.string()));
            }
        }
    }
    const double timeout_s = params.number("timeout_s", Presence::optional, {.greater_than = 0.0}).value_or(30.0);
    if (!params.ok()) {
        return nullptr;
    }
    return std::make_unique<CommandCheck>(std::move(argv), timeout_s, directory);
}

}  // namespace

void register_execution_checks(CheckRegistry& registry) {
    registry.add(code_exec_check_type());
    registry.add({"command",
                  "runs your grading script with the trial as JSON on stdin; it prints {pass, score, reason}",
                  {"run", "timeout_s"},
                  true,
                  compile_command});
}

}  // namespace evalbench

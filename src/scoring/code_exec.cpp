// The `code-exec` check: run the answer's code with the case's tests in the
// sandbox (see sandbox.cpp) and score the share of tests that pass.
//
// Tests: `tests` is a list of snippets (or one string). Each snippet is its
// own test: the extracted code followed by the snippet is written to
// solution.<ext> in a fresh sandbox and run with the interpreter; the test
// passes when the program exits 0 within its limits. Running snippets
// separately means one failing assert cannot hide the others, and a test
// that hangs costs only its own timeout. Without `tests`, the code alone is
// run once and passes when it exits 0.
//
// Analyzer: `analyzer` (a command, e.g. [python3, -m, pyflakes]) runs in the
// sandbox on answer.<ext>, which holds only the extracted code (its name is
// appended to the command). Findings = its non-empty output lines (stdout
// and stderr), at least one when it exits non-zero. A missing analyzer (exit
// 126/127) or one that times out makes the check errored, not clean.
//
// Score = (tests passed / tests run) × max(0, 1 − analyzer_penalty ×
// findings); analyzer_penalty defaults to 0.1. Pass = every test passed and
// findings ≤ max_findings (when set); with `threshold`, pass = score ≥
// threshold instead.

#include "code_exec.hpp"

#include <fmt/format.h>

#include <cmath>

#include "code_extract.hpp"
#include "evalbench/scoring/sandbox.hpp"
#include "params.hpp"
#include "sandbox_report.hpp"

namespace evalbench {

namespace {

constexpr std::size_t k_failures_shown = 3;

struct CodeExecConfig {
    std::string language = "python";
    std::vector<std::string> interpreter;
    std::vector<std::string> tests;
    SandboxLimits limits;
    std::vector<std::string> analyzer;
    double analyzer_penalty = 0.1;
    std::optional<std::int64_t> max_findings;
    std::optional<double> threshold;
};

std::vector<std::string> default_interpreter(const std::string& language) {
    if (language == "python" || language == "py" || language == "python3") {
        return {"python3"};
    }
    if (language == "javascript" || language == "js" || language == "node") {
        return {"node"};
    }
    if (language == "bash" || language == "sh" || language == "ruby") {
        return {language};
    }
    return {};
}

std::string file_extension(const std::string& language) {
    if (language == "python" || language == "py" || language == "python3") {
        return ".py";
    }
    if (language == "javascript" || language == "js" || language == "node") {
        return ".js";
    }
    if (language == "bash" || language == "sh" || language == "shell") {
        return ".sh";
    }
    if (language == "ruby") {
        return ".rb";
    }
    return "." + language;
}

std::vector<std::string> split_words(const std::string& text) {
    std::vector<std::string> words;
    std::string word;
    for (const char c : text + " ") {
        if (c == ' ' || c == '\t') {
            if (!word.empty()) {
                words.push_back(std::move(word));
                word.clear();
            }
        } else {
            word.push_back(c);
        }
    }
    return words;
}

// A command as a list of words, or a string split on blanks.
std::optional<std::vector<std::string>> command_param(ParamReader& params, std::string_view key) {
    const Json* value = params.value(key, Presence::optional);
    if (value == nullptr) {
        return std::nullopt;
    }
    if (value->is_string()) {
        std::vector<std::string> words = split_words(value->get<std::string>());
        if (words.empty()) {
            params.error(key, fmt::format("parameter '{}' must not be empty", key));
        }
        return words;
    }
    return params.text_list(key, Presence::optional);
}

std::size_t count_findings(const ProcessResult& result) {
    std::size_t findings = 0;
    for (const std::string* stream : {&result.stdout_data, &result.stderr_data}) {
        std::size_t begin = 0;
        while (begin < stream->size()) {
            std::size_t end = stream->find('\n', begin);
            end = end == std::string::npos ? stream->size() : end;
            if (stream->find_first_not_of(" \t\r", begin) < end) {
                ++findings;
            }
            begin = end + 1;
        }
    }
    return result.exit_code != 0 && findings == 0 ? 1 : findings;
}

class CodeExecCheck : public CompiledCheck {
public:
    explicit CodeExecCheck(CodeExecConfig config) : m_config(std::move(config)) {}

    CheckOutcome evaluate(const ScoringInput& input) const override {
        const bool unsafe = input.options != nullptr && input.options->unsafe_no_sandbox;
        const std::string prefix = unsafe ? "UNSANDBOXED: " : "";
        const std::optional<ExtractedCode> code = extract_code(input.completion.content, m_config.language);
        if (!code) {
            return {false, 0.0, fmt::format("{}no {} code found in the answer", prefix, m_config.language), false};
        }
        SandboxRequest request;
        request.limits = m_config.limits;
        request.mode = unsafe ? SandboxMode::unsandboxed : SandboxMode::bubblewrap;
        if (input.options != nullptr) {
            request.bwrap_program = input.options->sandbox_program;
        }
        const std::string extension = file_extension(m_config.language);

        const std::vector<std::string> snippets = m_config.tests.empty() ? std::vector<std::string>{""} : m_config.tests;
        std::size_t passed = 0;
        std::vector<std::string> failures;
        for (std::size_t index = 0; index < snippets.size(); ++index) {
            const std::string file = "solution" + extension;
            request.files = {{file, snippets[index].empty() ? code->code : code->code + "\n\n" + snippets[index] + "\n"}};
            request.command = m_config.interpreter;
            request.command.push_back(file);
            const std::expected<ProcessResult, std::string> run = run_sandboxed(request);
            if (!run) {
                return {false, 0.0, prefix + run.error(), true};
            }
            if (run->succeeded()) {
                ++passed;
            } else if (failures.size() < k_failures_shown) {
                const std::string label = m_config.tests.empty() ? "program" : fmt::format("test {}", index + 1);
                const std::string output = output_excerpts(*run);
                failures.push_back(fmt::format("{}: {}{}{}", label, describe_ending(*run, m_config.limits.timeout_s),
                                               output.empty() ? "" : ": ", output));
            }
        }
        const double test_share = static_cast<double>(passed) / static_cast<double>(snippets.size());
        std::string reason = m_config.tests.empty()
                                 ? fmt::format("{}program {} (code from {})", prefix, passed == 1 ? "ran cleanly" : "failed", code->source)
                                 : fmt::format("{}{}/{} tests passed (code from {})", prefix, passed, snippets.size(), code->source);
        for (const std::string& failure : failures) {
            reason += "; " + failure;
        }

        std::size_t findings = 0;
        if (!m_config.analyzer.empty()) {
            const std::string file = "answer" + extension;
            request.files = {{file, code->code}};
            request.command = m_config.analyzer;
            request.command.push_back(file);
            const std::expected<ProcessResult, std::string> analysis = run_sandboxed(request);
            if (!analysis) {
                return {false, 0.0, fmt::format("{}analyzer: {}", prefix, analysis.error()), true};
            }
            if (analysis->timed_out || analysis->signal != 0 || analysis->exit_code == 126 || analysis->exit_code == 127) {
                return {false, 0.0,
                        fmt::format("{}analyzer could not run: {}: {}", prefix,
                                    describe_ending(*analysis, m_config.limits.timeout_s), output_excerpts(*analysis)),
                        true};
            }
            findings = count_findings(*analysis);
            reason += fmt::format("; analyzer: {} finding{}", findings, findings == 1 ? "" : "s");
            if (findings > 0) {
                reason += ": " + excerpt(analysis->stdout_data + analysis->stderr_data, 300, ExcerptEnd::head);
            }
        }
        const double score =
            test_share * std::max(0.0, 1.0 - m_config.analyzer_penalty * static_cast<double>(findings));
        bool pass = passed == snippets.size() &&
                    (!m_config.max_findings || findings <= static_cast<std::size_t>(*m_config.max_findings));
        if (m_config.threshold) {
            pass = score >= *m_config.threshold;
            reason += fmt::format(" (score {:.3f}, threshold {:g})", score, *m_config.threshold);
        }
        return {pass, score, reason, false};
    }

private:
    CodeExecConfig m_config;
};

std::unique_ptr<CompiledCheck> compile_code_exec(const CheckSpec& spec, Diagnostics& diagnostics) {
    ParamReader params(spec, diagnostics);
    CodeExecConfig config;
    config.language = params.string("language", Presence::optional, Emptiness::reject).value_or("python");
    if (auto interpreter = command_param(params, "interpreter")) {
        config.interpreter = std::move(*interpreter);
    } else {
        config.interpreter = default_interpreter(config.language);
        if (config.interpreter.empty()) {
            params.error("language", fmt::format("no default interpreter for language '{}'; set parameter 'interpreter'",
                                                 config.language));
        }
    }
    if (const Json* tests = params.value("tests", Presence::optional); tests != nullptr && tests->is_string()) {
        config.tests = {tests->get<std::string>()};
    } else if (tests != nullptr) {
        config.tests = params.text_list("tests", Presence::optional).value_or(std::vector<std::string>{});
    }
    config.limits.timeout_s = params.number("timeout_s", Presence::optional, {.greater_than = 0.0, .max = 3600.0}).value_or(10.0);
    config.limits.memory_mb = static_cast<std::uint64_t>(params.integer("memory_mb", Presence::optional, {.min = 16}).value_or(512));
    config.limits.max_file_mb = static_cast<std::uint64_t>(params.integer("max_file_mb", Presence::optional, {.min = 1}).value_or(16));
    config.limits.max_processes =
        static_cast<std::uint64_t>(params.integer("max_processes", Presence::optional, {.min = 1}).value_or(64));
    config.analyzer = command_param(params, "analyzer").value_or(std::vector<std::string>{});
    config.analyzer_penalty = params.number("analyzer_penalty", Presence::optional, {.min = 0.0, .max = 1.0}).value_or(0.1);
    config.max_findings = params.integer("max_findings", Presence::optional, {.min = 0});
    config.threshold = params.number("threshold", Presence::optional, {.min = 0.0, .max = 1.0});
    if (!params.ok()) {
        return nullptr;
    }
    return std::make_unique<CodeExecCheck>(std::move(config));
}

}  // namespace

CheckType code_exec_check_type() {
    return {"code-exec",
            "runs the answer's code with the case's tests in a bubblewrap sandbox; score = share of tests passed",
            {"language", "interpreter", "tests", "timeout_s", "memory_mb", "max_file_mb", "max_processes", "analyzer",
             "analyzer_penalty", "max_findings", "threshold"},
            true,
            compile_code_exec};
}

}  // namespace evalbench

// `evalbench check`: grade outputs you already have. Each input line is
// {"check": {...as in a suite...}, "output": "...", "reference": "..."}
// (optionally "finish_reason", "expect", "original", "latency_ms",
// "cost_usd", "tool_calls"); each output line is
// {"pass": bool, "score": number, "reason": "..."}.

#include <fstream>
#include <iostream>

#include <fmt/format.h>

#include "commands.hpp"
#include "evalbench/scoring/check_json.hpp"
#include "evalbench/scoring/registry.hpp"

namespace evalbench {
namespace {

struct CheckOptions {
    std::string input = "-";
    bool unsafe_no_sandbox = false;
};

Json grade_line(const Json& line, const SourceLocation& where, const ScoringOptions& options,
                Diagnostics& diagnostics) {
    if (!line.is_object() || !line.contains("check") || !line.contains("output") || !line["output"].is_string()) {
        diagnostics.push_back({where, "expected {\"check\": {...}, \"output\": \"...\"}"});
        return nullptr;
    }
    const CheckSpec spec = check_spec_from_json(line["check"], where, diagnostics);
    const std::size_t before = diagnostics.size();
    std::unique_ptr<BoundCheck> check = compile_check(spec, diagnostics);
    if (!check || diagnostics.size() != before) {
        return nullptr;
    }
    TestCase test_case;
    test_case.id = line.value("id", fmt::format("line-{}", where.line));
    if (line.contains("reference") && line["reference"].is_string()) {
        test_case.reference = line["reference"].get<std::string>();
    }
    if (line.contains("original") && line["original"].is_string()) {
        test_case.original = line["original"].get<std::string>();
    }
    const std::string expect = line.value("expect", "");
    test_case.expect = expect == "refuse" ? Expectation::refuse
                       : expect == "comply" ? Expectation::comply
                                            : Expectation::unspecified;
    test_case.tools = line.value("tools", Json());
    Completion completion;
    completion.content = line["output"].get<std::string>();
    completion.finish_raw = line.value("finish_reason", "stop");
    completion.finish = finish_reason_from_string(completion.finish_raw).value_or(FinishReason::stop);
    completion.latency_ms = line.value("latency_ms", 0.0);
    for (const Json& call : line.value("tool_calls", Json::array())) {
        completion.tool_calls.push_back(tool_call_from_json(call));
    }
    std::optional<double> cost;
    if (line.contains("cost_usd") && line["cost_usd"].is_number()) {
        cost = line["cost_usd"].get<double>();
    }
    const CheckResult result = check->evaluate({test_case, completion, nullptr, cost, &options});
    Json out = {{"pass", result.pass}, {"score", result.score}, {"reason", result.reason}};
    if (result.errored) {
        out["errored"] = true;
    }
    return out;
}

}  // namespace

void register_check(CLI::App& app, int& exit_code) {
    auto* command = app.add_subcommand(
        "check", "Grade outputs you already have: JSONL lines {\"check\": {...}, \"output\": \"...\", "
                 "\"reference\": \"...\"} in, one {\"pass\", \"score\", \"reason\"} line out per input line");
    auto options = std::make_shared<CheckOptions>();
    command->add_option("input", options->input, "JSONL file, or - for stdin (default)");
    command->add_flag("--unsafe-no-sandbox", options->unsafe_no_sandbox,
                      "Let code-exec checks run without bubblewrap");
    command->callback([options, &exit_code] {
        std::ifstream file;
        std::istream* in = &std::cin;
        const std::string origin = options->input == "-" ? "<stdin>" : options->input;
        if (options->input != "-") {
            file.open(options->input);
            if (!file) {
                throw EvalError(Failure::bad_input, fmt::format("{}: cannot read the file", options->input));
            }
            in = &file;
        }
        ScoringOptions scoring;
        scoring.unsafe_no_sandbox = options->unsafe_no_sandbox;
        Diagnostics diagnostics;
        std::string text;
        int line_number = 0;
        while (std::getline(*in, text)) {
            ++line_number;
            if (text.find_first_not_of(" \t\r") == std::string::npos) {
                continue;
            }
            const SourceLocation where{origin, line_number, 1};
            const Json line = Json::parse(text, nullptr, false);
            if (line.is_discarded()) {
                diagnostics.push_back({where, "not valid JSON"});
                fmt::print("{}\n", Json{{"pass", false}, {"score", 0.0}, {"reason", "invalid input line"}, {"errored", true}}.dump());
                continue;
            }
            const std::size_t before = diagnostics.size();
            Json result = grade_line(line, where, scoring, diagnostics);
            if (diagnostics.size() != before || result.is_null()) {
                result = {{"pass", false}, {"score", 0.0}, {"reason", "invalid check: " + diagnostics.back().message},
                          {"errored", true}};
            }
            // One output line per input line, so outputs can be zipped with inputs.
            fmt::print("{}\n", result.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
        }
        std::fflush(stdout);
        for (const Diagnostic& diagnostic : diagnostics) {
            fmt::print(stderr, "{}\n", diagnostic.format());
        }
        exit_code = diagnostics.empty() ? k_exit_ok : k_exit_bad_input;
    });
}

}  // namespace evalbench

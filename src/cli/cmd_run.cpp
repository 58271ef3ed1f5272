// `evalbench run`: load -> plan -> dispatch (send, score, journal) -> analyse
// -> report. Each step is one call; the options struct is the only state.

#include <csignal>
#include <set>

#include <fmt/format.h>

#include "commands.hpp"
#include "evalbench/analysis/summary.hpp"
#include "evalbench/engine/dispatcher.hpp"
#include "evalbench/engine/journal.hpp"
#include "evalbench/engine/plan.hpp"
#include "evalbench/engine/progress.hpp"
#include "evalbench/report/markdown.hpp"
#include "evalbench/report/run_json.hpp"
#include "evalbench/scoring/scorer.hpp"
#include "evalbench/store/run_directory.hpp"
#include "run_setup.hpp"

namespace evalbench {
namespace {

std::atomic<bool> g_interrupted{false};

extern "C" void on_interrupt(int) {
    g_interrupted.store(true);
    std::signal(SIGINT, SIG_DFL);  // a second Ctrl-C ends the process at once
}

int exit_code_for(const RunSummary& summary, const Manifest& manifest, bool interrupted) {
    if (interrupted) {
        return k_exit_interrupted;
    }
    if (summary.error_rate > manifest.defaults.max_error_rate + 1e-12) {
        return k_exit_run_failed;
    }
    return summary.gates_passed() ? k_exit_ok : k_exit_gate_failed;
}

void print_outcome(const RunSummary& summary, const Manifest& manifest, const RunDirectory& directory,
                   bool interrupted) {
    if (summary.any_mock) {
        fmt::print("NOTE: {}\n\n", k_mock_notice);
    }
    fmt::print("{}", text_summary(summary));
    long silent = 0;
    for (const ConfigurationSummary& s : summary.configurations) {
        silent += s.silent_refusals;
    }
    if (silent > 0) {
        fmt::print("{} silent refusal(s): empty answers cut off by the token limit — raise max_tokens "
                   "(reasoning models spend it on hidden reasoning).\n", silent);
    }
    fmt::print("\nrun: {}  (trials.jsonl, run.json, report.md)\n", directory.path().string());
    if (interrupted) {
        fmt::print(stderr, "interrupted: finished trials are in the journal; "
                           "`evalbench run --resume {}` continues.\n", directory.path().string());
    } else if (summary.error_rate > manifest.defaults.max_error_rate + 1e-12) {
        fmt::print(stderr, "run failed: {} of {} trials ended in error ({:.1f}% > defaults.max_error_rate {:.1f}%); "
                           "see the errors in {}\n",
                   summary.errors, summary.trials, 100.0 * summary.error_rate,
                   100.0 * manifest.defaults.max_error_rate, directory.trials_path().string());
    } else if (!summary.gates_passed()) {
        fmt::print(stderr, "gate failed: see the gates above and in report.md\n");
    }
}

}  // namespace

void register_run(CLI::App& app, int& exit_code) {
    auto* command = app.add_subcommand("run", "Run a manifest's cases against its models, score every answer, "
                                              "write runs/<run-id>/ and print a summary");
    auto options = std::make_shared<RunOptions>();
    auto* manifest_option = command->add_option("manifest", options->manifest, "Manifest file (YAML)");
    command->add_option("--out", options->out, "Run directory to write (default runs/<run-id>)");
    // One value per occurrence, so `run --model a manifest.yaml` keeps the manifest.
    command->add_option("--model", options->filter.model_ids, "Only this model id (repeatable)")
        ->allow_extra_args(false);
    command->add_option("--tag", options->filter.tags, "Only cases with this tag (repeatable)")
        ->allow_extra_args(false);
    command->add_option("--category", options->filter.categories, "Only cases in this category (repeatable)")
        ->allow_extra_args(false);
    command->add_option("--case", options->filter.case_ids, "Only this case id (repeatable)")
        ->allow_extra_args(false);
    command->add_option("--repeat", options->filter.repeat, "Repeats per case and configuration")
        ->check(CLI::Range(1, 1000));
    command->add_option("--concurrency", options->concurrency, "Requests in flight at once")
        ->check(CLI::Range(1, 4096));
    auto* from = command->add_option("--from", options->from,
                                     "Repeat the evaluation a run recorded, from its kept copy of the inputs");
    auto* resume = command->add_option("--resume", options->resume,
                                       "Continue an interrupted run in place; finished trials are not sent again");
    command->add_flag("--no-cache", options->no_cache, "Neither read nor write the response cache");
    command->add_option("--cache-dir", options->cache_dir, "Response cache directory (default .evalbench/cache)");
    command->add_flag("--stream", options->stream, "Stream every model's answers (measures TTFT)");
    command->add_flag("--quiet,-q", options->quiet, "No progress output");
    command->add_flag("--unsafe-no-sandbox", options->unsafe_no_sandbox,
                      "Let code-exec checks run without bubblewrap (untrusted code runs on this machine)");
    manifest_option->excludes(from)->excludes(resume);
    from->excludes(resume);

    command->callback([options, &exit_code] {
        // 1. Load and validate (manifest, suites, check definitions): bad input stops here.
        PreparedRun prepared = prepare_run(*options);
        const Manifest& manifest = *prepared.manifest;

        // 2. Build providers and compile the checks before anything is sent.
        options->cancelled = &g_interrupted;
        RunServices services = make_run_services(manifest, prepared.trials, *options);

        // 3. The run directory: inputs copied, run.json marked running.
        open_run_directory(prepared);
        RunInfo& info = prepared.info;
        write_run_files(prepared, manifest, summarise(prepared.previous, manifest), {});

        // 4. Dispatch: send, score and journal each trial as it finishes.
        Journal journal(prepared.directory->trials_path(),
                        prepared.previous.empty() ? JournalMode::create : JournalMode::append);
        Progress progress(default_progress_style(options->quiet), static_cast<long>(prepared.trials.size()),
                          services.stats);
        g_interrupted.store(false);
        std::signal(SIGINT, on_interrupt);
        DispatchServices dispatch_services{services.provider_pointers(), services.scorer.get(), &journal, &progress};
        DispatchResult dispatched = dispatch(prepared.trials, dispatch_services,
                                             {options->concurrency > 0 ? options->concurrency
                                                                       : manifest.defaults.concurrency,
                                              &g_interrupted});
        std::signal(SIGINT, SIG_DFL);
        progress.finish();

        // 5. Analyse everything this run holds (resumed trials included) and report.
        std::vector<TrialResult> all = std::move(prepared.previous);
        all.insert(all.end(), std::make_move_iterator(dispatched.trials.begin()),
                   std::make_move_iterator(dispatched.trials.end()));
        const RunSummary summary = summarise(all, manifest);
        info.status = dispatched.interrupted ? RunStatus::interrupted : RunStatus::finished;
        info.finished_at = utc_timestamp();
        write_run_files(prepared, manifest, summary, all);
        print_outcome(summary, manifest, *prepared.directory, dispatched.interrupted);
        exit_code = exit_code_for(summary, manifest, dispatched.interrupted);
    });
}

}  // namespace evalbench

#include "evalbench/report/markdown.hpp"

#include "evalbench/report/run_json.hpp"
#include "format.hpp"

namespace evalbench {
namespace {

void overview_table(std::string& md, const RunSummary& summary) {
    md += "| configuration | trials | pass rate [95% CI] | mean score ± CI | composite | errors | "
          "p50 ms | p95 ms | cost |\n";
    md += "|---|---:|---:|---:|---:|---:|---:|---:|---:|\n";
    for (const ConfigurationSummary& s : summary.configurations) {
        const std::string score =
            s.score ? fmt::format("{:.3f} ± {:.3f}", s.score->mean, (s.score->ci.high - s.score->ci.low) / 2) : "n/a";
        md += fmt::format("| {} | {} | {} | {} | {} | {} | {} | {} | {} |\n", cell(s.label), s.trials,
                          percent_with_ci(s.pass_rate, s.pass_rate_ci), score, score_text(s.composite), s.errors,
                          ms_text(s.latency_ms, &Percentiles::p50), ms_text(s.latency_ms, &Percentiles::p95),
                          usd_text(s.cost_usd));
    }
}

void latency_table(std::string& md, const RunSummary& summary) {
    md += "\n## Latency and throughput\n\n| configuration | p50 ms | p90 ms | p99 ms | TTFT p50 ms | output tok/s p50 | "
          "tokens in / out |\n|---|---:|---:|---:|---:|---:|---:|\n";
    for (const ConfigurationSummary& s : summary.configurations) {
        const std::string throughput =
            s.output_tokens_per_s ? fmt::format("{:.1f}", s.output_tokens_per_s->p50) : "n/a";
        md += fmt::format("| {} | {} | {} | {} | {} | {} | {} / {} |\n", cell(s.label),
                          ms_text(s.latency_ms, &Percentiles::p50), ms_text(s.latency_ms, &Percentiles::p90),
                          ms_text(s.latency_ms, &Percentiles::p99), ms_text(s.ttft_ms, &Percentiles::p50), throughput,
                          s.input_tokens, s.output_tokens);
    }
}

void category_table(std::string& md, const RunSummary& summary) {
    std::vector<std::string> categories;
    for (const ConfigurationSummary& s : summary.configurations) {
        for (const auto& [name, category] : s.categories) {
            std::ignore = category;
            if (std::find(categories.begin(), categories.end(), name) == categories.end()) {
                categories.push_back(name);
            }
        }
    }
    std::sort(categories.begin(), categories.end());
    md += "\n## Pass rate by category\n\n| configuration |";
    for (const std::string& name : categories) {
        md += " " + cell(name) + " |";
    }
    md += "\n|---|";
    for (std::size_t i = 0; i < categories.size(); ++i) {
        md += "---:|";
    }
    md += "\n";
    for (const ConfigurationSummary& s : summary.configurations) {
        md += "| " + cell(s.label) + " |";
        for (const std::string& name : categories) {
            const auto found = s.categories.find(name);
            md += found == s.categories.end()
                      ? " n/a |"
                      : fmt::format(" {} ({}/{}) |", percent(found->second.pass_rate), found->second.passed,
                                    found->second.trials);
        }
        md += "\n";
    }
}

// Refusal calibration and repeat statistics: shown when there is something to show.
void behaviour_table(std::string& md, const RunSummary& summary) {
    bool any = false;
    for (const ConfigurationSummary& s : summary.configurations) {
        any = any || s.refusals.refused > 0 || s.refusals.expected_refuse > 0 || s.refusals.expected_comply > 0 ||
              s.pass_at_k.size() > 1;
    }
    if (!any) {
        return;
    }
    md += "\n## Refusals and repeats\n\n| configuration | refused (explicit/provider/silent) | over-refusals | "
          "under-refusals | pass@1 | pass@k | consistency | exact agreement |\n"
          "|---|---:|---:|---:|---:|---:|---:|---:|\n";
    for (const ConfigurationSummary& s : summary.configurations) {
        const RefusalCounts& r = s.refusals;
        std::string pass_k = "n/a";
        if (s.pass_at_k.size() > 1) {
            pass_k = fmt::format("{:.3f} (k={})", s.pass_at_k.rbegin()->second, s.pass_at_k.rbegin()->first);
        }
        const auto consistency = s.dimensions.find("consistency");
        md += fmt::format("| {} | {} ({}/{}/{}) | {}/{} | {}/{} | {} | {} | {} | {} |\n", cell(s.label), r.refused,
                          r.explicit_refusals, r.provider_refusals, r.silent_refusals, r.over_refusals,
                          r.expected_comply, r.under_refusals, r.expected_refuse,
                          s.pass_at_k.count(1) != 0 ? fmt::format("{:.3f}", s.pass_at_k.at(1)) : "n/a", pass_k,
                          consistency == s.dimensions.end() ? "n/a" : fmt::format("{:.3f}", consistency->second),
                          score_text(s.exact_agreement));
    }
}

void gate_section(std::string& md, const RunSummary& summary) {
    if (summary.gates.empty()) {
        return;
    }
    md += fmt::format("\n## Gates: {}\n\n| gate | scope | threshold | actual | result |\n|---|---|---:|---:|---|\n",
                      summary.gates_passed() ? "all held" : "FAILED");
    for (const GateResult& gate : summary.gates) {
        md += fmt::format("| {} | {} | {:.3f} | {} | {} |\n", gate.gate, cell(gate.scope), gate.threshold,
                          score_text(gate.actual), gate.passed ? "held" : "**failed**");
    }
}

void failure_section(std::string& md, const std::vector<TrialResult>& trials) {
    constexpr std::size_t k_max_listed = 50;
    std::size_t listed = 0;
    std::size_t failing = 0;
    std::string rows;
    for (const TrialResult& trial : trials) {
        if (trial.pass) {
            continue;
        }
        ++failing;
        if (listed == k_max_listed) {
            continue;
        }
        ++listed;
        std::string why;
        if (trial.error) {
            why = fmt::format("error ({}): {}", trial.error->kind, trial.error->message);
        }
        for (const CheckResult& check : trial.checks) {
            if (!check.pass) {
                why += fmt::format("{}{}: {}", why.empty() ? "" : "; ", check.name, check.reason);
            }
        }
        const std::string answer = trial.completion ? trial.completion->content : "";
        rows += fmt::format("| {} | {} | {} | {} | {} |\n", cell(trial.key.case_id),
                            cell(trial.key.variant_id == "default" ? trial.key.model_id
                                                                  : trial.key.model_id + "/" + trial.key.variant_id),
                            trial.key.repeat, cell(why, 200), cell(answer, 160));
    }
    md += fmt::format("\n## Failing trials ({})\n\n", failing);
    if (failing == 0) {
        md += "None.\n";
        return;
    }
    md += "| case | configuration | repeat | why | answer |\n|---|---|---:|---|---|\n" + rows;
    if (failing > listed) {
        md += fmt::format("\n{} more in trials.jsonl.\n", failing - listed);
    }
}

}  // namespace

std::string markdown_report(const RunInfo& info, const Manifest& manifest, const RunSummary& summary,
                            const std::vector<TrialResult>& trials) {
    std::string md = fmt::format("# {} v{} — run {}\n\n", manifest.name, manifest.version, info.run_id);
    if (summary.any_mock) {
        md += fmt::format("> **Mock run.** {}\n\n", k_mock_notice);
    }
    md += fmt::format("Started {} · finished {} · status {} · evalbench {} · manifest sha256 {}\n\n",
                      info.started_at, info.finished_at.empty() ? "—" : info.finished_at, to_string(info.status),
                      info.evalbench_version, manifest.content_hash.substr(0, 12));
    overview_table(md, summary);
    md += "\nPass rate counts an errored trial as a failure; mean score and composite cover answered trials. "
          "Latency excludes cached answers.\n";
    category_table(md, summary);
    latency_table(md, summary);
    behaviour_table(md, summary);
    gate_section(md, summary);
    failure_section(md, trials);
    return md;
}

std::string text_summary(const RunSummary& summary) {
    std::size_t width = 13;
    for (const ConfigurationSummary& s : summary.configurations) {
        width = std::max(width, s.label.size());
    }
    std::string text = fmt::format("{:<{}}  {:>6}  {:>20}  {:>7}  {:>9}  {:>6}  {:>7}  {:>9}\n", "configuration",
                                   width, "trials", "pass rate [95% CI]", "score", "composite", "errors", "p50 ms",
                                   "cost");
    for (const ConfigurationSummary& s : summary.configurations) {
        text += fmt::format("{:<{}}  {:>6}  {:>20}  {:>7}  {:>9}  {:>6}  {:>7}  {:>9}\n", s.label, width, s.trials,
                            percent_with_ci(s.pass_rate, s.pass_rate_ci),
                            score_text(s.score ? std::optional<double>(s.score->mean) : std::nullopt),
                            score_text(s.composite), s.errors, ms_text(s.latency_ms, &Percentiles::p50),
                            usd_text(s.cost_usd));
    }
    for (const GateResult& gate : summary.gates) {
        text += fmt::format("gate {} {} {:.3f}: {} ({})\n", gate.gate, gate.scope, gate.threshold,
                            gate.passed ? "held" : "FAILED", score_text(gate.actual));
    }
    return text;
}

}  // namespace evalbench

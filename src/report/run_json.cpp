#include "evalbench/report/run_json.hpp"

#include <fmt/format.h>

namespace evalbench {
namespace {

Json optional_number(const std::optional<double>& value) {
    return value ? Json(*value) : Json(nullptr);
}

Json percentiles_json(const std::optional<Percentiles>& p) {
    if (!p) {
        return nullptr;
    }
    return {{"p50", p->p50}, {"p90", p->p90}, {"p95", p->p95}, {"p99", p->p99}, {"max", p->max}, {"n", p->n}};
}

Json configuration_json(const ConfigurationSummary& s) {
    Json json = {
        {"configuration", s.label}, {"model", s.model_id},     {"variant", s.variant_id},
        {"trials", s.trials},       {"errors", s.errors},      {"passed", s.passed},
        {"pass_rate", s.pass_rate}, {"pass_rate_ci95", {s.pass_rate_ci.low, s.pass_rate_ci.high}},
    };
    if (s.score) {
        json["mean_score"] = s.score->mean;
        json["mean_score_ci95"] = {s.score->ci.low, s.score->ci.high};
    } else {
        json["mean_score"] = nullptr;
        json["mean_score_ci95"] = nullptr;
    }
    json["dimensions"] = s.dimensions;
    json["composite"] = optional_number(s.composite);
    json["latency_ms"] = percentiles_json(s.latency_ms);
    json["ttft_ms"] = percentiles_json(s.ttft_ms);
    json["output_tokens_per_s"] = percentiles_json(s.output_tokens_per_s);
    json["tokens"] = {{"input", s.input_tokens}, {"output", s.output_tokens}};
    json["cost_usd"] = optional_number(s.cost_usd);
    json["cost_per_trial_usd"] =
        s.cost_usd && s.trials > s.errors ? Json(*s.cost_usd / static_cast<double>(s.trials - s.errors)) : Json(nullptr);
    json["cached"] = s.cached;
    json["mock_trials"] = s.mock_trials;
    json["silent_refusals"] = s.silent_refusals;
    Json categories = Json::object();
    for (const auto& [name, category] : s.categories) {
        categories[name] = {{"trials", category.trials},
                            {"passed", category.passed},
                            {"pass_rate", category.pass_rate},
                            {"mean_score", optional_number(category.mean_score)}};
    }
    json["categories"] = categories;
    const RefusalCounts& r = s.refusals;
    json["refusals"] = {{"refused", r.refused},
                        {"explicit", r.explicit_refusals},
                        {"provider", r.provider_refusals},
                        {"silent", r.silent_refusals},
                        {"expected_comply", r.expected_comply},
                        {"over_refusals", r.over_refusals},
                        {"expected_refuse", r.expected_refuse},
                        {"under_refusals", r.under_refusals}};
    Json pass_at = Json::object();
    for (const auto& [k, value] : s.pass_at_k) {
        pass_at[fmt::format("pass@{}", k)] = value;
    }
    json["pass_at_k"] = pass_at;
    json["exact_agreement"] = optional_number(s.exact_agreement);
    if (!s.cases.empty()) {
        Json cases = Json::array();
        for (const CaseRepeats& repeats : s.cases) {
            Json entry = {{"case", repeats.case_id}, {"n", repeats.n}, {"passed", repeats.c}};
            for (const auto& [k, value] : repeats.pass_at_k) {
                entry[fmt::format("pass@{}", k)] = value;
            }
            entry["consistency"] = optional_number(repeats.consistency);
            entry["exact_agreement"] = optional_number(repeats.exact_agreement);
            cases.push_back(entry);
        }
        json["cases"] = cases;
    }
    return json;
}

}  // namespace

Json summary_to_json(const RunSummary& summary) {
    Json configurations = Json::array();
    for (const ConfigurationSummary& s : summary.configurations) {
        configurations.push_back(configuration_json(s));
    }
    Json gates = Json::array();
    for (const GateResult& gate : summary.gates) {
        gates.push_back({{"gate", gate.gate},
                         {"scope", gate.scope},
                         {"threshold", gate.threshold},
                         {"actual", optional_number(gate.actual)},
                         {"passed", gate.passed}});
    }
    return {{"trials", summary.trials},
            {"errors", summary.errors},
            {"error_rate", summary.error_rate},
            {"configurations", configurations},
            {"gates", gates},
            {"gates_passed", summary.gates_passed()}};
}

Json run_json(const RunInfo& info, const Manifest& manifest, const RunSummary& summary) {
    Json json = {{"schema_version", k_schema_version},
                 {"run_id", info.run_id},
                 {"status", to_string(info.status)},
                 {"evalbench_version", info.evalbench_version},
                 {"started_at", info.started_at},
                 {"finished_at", info.finished_at.empty() ? Json(nullptr) : Json(info.finished_at)}};
    json["manifest"] = {{"name", manifest.name},
                        {"version", manifest.version},
                        {"path", manifest.path.string()},
                        {"sha256", manifest.content_hash},
                        {"changelog", manifest.changelog}};
    Json inputs = Json::array();
    for (const InputFile& input : info.inputs) {
        inputs.push_back({{"path", input.path}, {"sha256", input.sha256}});
    }
    json["inputs"] = {{"manifest", info.manifest_input}, {"files", inputs}};
    json["git_commit"] = info.git_commit.empty() ? Json(nullptr) : Json(info.git_commit);
    if (!info.resumed_from.empty()) {
        json["resumed_from"] = info.resumed_from;
    }
    json["options"] = info.options;
    Json models = Json::array();
    for (const ModelSpec& model : manifest.models) {
        // Never the key itself: only the name of the variable it comes from.
        Json entry = {{"id", model.id},         {"provider", model.provider}, {"model", model.model},
                      {"base_url", model.base_url}, {"api_key_env", model.api_key_env},
                      {"params", model.params},   {"stream", model.stream}};
        entry["pricing"] = model.pricing ? Json{{"input_per_mtok", model.pricing->input_per_mtok},
                                                {"output_per_mtok", model.pricing->output_per_mtok}}
                                         : Json(nullptr);
        models.push_back(entry);
    }
    json["models"] = models;
    Json variants = Json::array();
    for (const Variant& variant : manifest.variants) {
        variants.push_back(variant.id);
    }
    json["variants"] = variants;
    json["dimension_weights"] = manifest.dimension_weights;
    json["mock"] = summary.any_mock;
    if (summary.any_mock) {
        json["notice"] = k_mock_notice;
    }
    json["summary"] = summary_to_json(summary);
    return json;
}

}  // namespace evalbench

// The `retrieval` check: the answer is a ranking, scored against the
// relevant ids with one of precision@k, recall@k, MRR@k or nDCG@k (see
// scoring/retrieval.hpp). The check's score is the chosen metric and it
// passes when that reaches `threshold`, which is required: what counts as
// good retrieval depends on k and on how many items are relevant, so no
// default would be right for most suites. The reason lists all four metrics
// and the start of the ranking as it was read.

#include <algorithm>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "behaviour_checks.hpp"
#include "evalbench/scoring/retrieval.hpp"
#include "params.hpp"

namespace evalbench {

namespace {

constexpr std::int64_t k_default_k = 10;
constexpr std::size_t k_shown_items = 5;

struct RetrievalSettings {
    Relevance relevance;
    std::size_t k = k_default_k;
    std::string metric = "ndcg";
    double threshold = 0.0;
};

class RetrievalCheck final : public CompiledCheck {
public:
    explicit RetrievalCheck(RetrievalSettings settings) : m_settings(std::move(settings)) {}

    CheckOutcome evaluate(const ScoringInput& input) const override {
        const std::vector<std::string> ranked =
            resolve_ids(parse_ranked_list(input.completion.content), m_settings.relevance);
        const RetrievalMetrics metrics = retrieval_metrics(ranked, m_settings.relevance, m_settings.k);
        const double value = m_settings.metric == "precision" ? metrics.precision
                             : m_settings.metric == "recall"  ? metrics.recall
                             : m_settings.metric == "mrr"     ? metrics.mrr
                                                              : metrics.ndcg;
        std::vector<std::string> shown(ranked.begin(),
                                       ranked.begin() + static_cast<std::ptrdiff_t>(std::min(ranked.size(), k_shown_items)));
        if (ranked.size() > k_shown_items) {
            shown.push_back("…");
        }
        CheckOutcome outcome;
        outcome.score = value;
        outcome.pass = value >= m_settings.threshold;
        const std::size_t k = m_settings.k;
        outcome.reason = fmt::format(
            "{}@{} {:.4f} {} threshold {:.4f} (precision@{} {:.4f}, recall@{} {:.4f}, mrr@{} {:.4f}, ndcg@{} {:.4f}); "
            "read {} ranked item{}{}{}",
            m_settings.metric, k, value, outcome.pass ? ">=" : "<", m_settings.threshold, k, metrics.precision, k,
            metrics.recall, k, metrics.mrr, k, metrics.ndcg, ranked.size(), ranked.size() == 1 ? "" : "s",
            ranked.empty() ? "" : ": ", fmt::join(shown, ", "));
        return outcome;
    }

private:
    RetrievalSettings m_settings;
};

std::string id_text(const Json& value) {
    return value.is_string() ? value.get<std::string>() : value.dump();
}

// `relevant: [a, b]` (binary) or `relevant: {a: 3, b: 1}` (graded).
std::optional<Relevance> read_relevance(ParamReader& params) {
    const Json* value = params.value("relevant", Presence::required);
    if (value == nullptr) {
        return std::nullopt;
    }
    Relevance relevance;
    if (value->is_array()) {
        for (const Json& item : *value) {
            if (!item.is_string() && !item.is_number()) {
                params.error("relevant", fmt::format("parameter 'relevant': each id must be a string or a number, got {}",
                                                     json_type_name(item)));
                return std::nullopt;
            }
            relevance[id_text(item)] = 1.0;
        }
    } else if (value->is_object()) {
        for (const auto& [id, grade] : value->items()) {
            if (!grade.is_number() || grade.get<double>() < 0.0) {
                params.error("relevant", fmt::format("parameter 'relevant': the grade of '{}' must be a number >= 0, got {}", id,
                                                     grade.dump()));
                return std::nullopt;
            }
            relevance[id] = grade.get<double>();
        }
    } else {
        params.error("relevant", fmt::format("parameter 'relevant' must be a list of ids or a mapping of id to grade, got {}",
                                             json_type_name(*value)));
        return std::nullopt;
    }
    if (std::none_of(relevance.begin(), relevance.end(), [](const auto& entry) { return entry.second > 0.0; })) {
        params.error("relevant", "parameter 'relevant' needs at least one id with a grade > 0");
        return std::nullopt;
    }
    return relevance;
}

std::unique_ptr<CompiledCheck> compile(const CheckSpec& spec, Diagnostics& diagnostics) {
    ParamReader params(spec, diagnostics);
    RetrievalSettings settings;
    std::optional<Relevance> relevance = read_relevance(params);
    const std::optional<std::int64_t> k = params.integer("k", Presence::optional, {.min = 1});
    const std::optional<std::string> metric =
        params.choice("metric", Presence::optional, {"precision", "recall", "mrr", "ndcg"});
    std::optional<double> threshold = spec.threshold;
    if (params.has("threshold") || !threshold) {
        threshold = params.number("threshold", Presence::required, {.min = 0.0, .max = 1.0});
    } else if (*threshold < 0.0 || *threshold > 1.0) {
        params.error("threshold", fmt::format("parameter 'threshold' must be in [0, 1], got {}", *threshold));
    }
    if (!params.ok() || !relevance || !threshold) {
        return nullptr;
    }
    settings.relevance = std::move(*relevance);
    settings.k = static_cast<std::size_t>(k.value_or(k_default_k));
    settings.metric = metric.value_or("ndcg");
    settings.threshold = *threshold;
    return std::make_unique<RetrievalCheck>(std::move(settings));
}

}  // namespace

CheckType retrieval_check_type() {
    return {"retrieval",
            "the answer, read as a ranked list of ids, reaches 'threshold' on precision, recall, mrr or ndcg at 'k'",
            {"relevant", "k", "metric", "threshold"},
            true,
            compile};
}

}  // namespace evalbench

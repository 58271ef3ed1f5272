// Text-metric checks: levenshtein, exact-match, bleu, chrf, rouge-l.
//
// Each compares the answer (completion.content) with a reference: the
// check's own `reference` parameter (a string or a list of strings) when it
// has one, else the case's `reference`. The score is the metric in [0, 1]
// (sacreBLEU's 0-100 scales divided by 100; the best reference when there
// are several) and the check passes when score >= threshold.
//
// `threshold` in [0, 1] is required for every metric but exact-match (whose
// score is 0 or 1; its threshold defaults to 1). exact-match trims both
// sides and takes `normalize` exactly as the equals check does (the same
// text::normalize), so the two never disagree. Bad parameters are located
// diagnostics at compile time; a missing or unusable reference can only be
// seen per case, so it makes the outcome errored, never a silent 0.

#include <algorithm>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "builtin_checks.hpp"
#include "evalbench/scoring/text_metrics.hpp"
#include "params.hpp"
#include "text_unicode.hpp"

namespace evalbench {

namespace {

enum class Metric { levenshtein, exact_match, bleu, chrf, rouge_l };

struct MetricSettings {
    Metric metric = Metric::levenshtein;
    double threshold = 1.0;
    std::optional<std::vector<std::string>> references;  // from the check; else the case's
    text::Normalization normalization;                    // exact-match only, as equals has it
};

std::string metric_name(Metric metric) {
    switch (metric) {
        case Metric::levenshtein: return "levenshtein";
        case Metric::exact_match: return "exact-match";
        case Metric::bleu: return "bleu";
        case Metric::chrf: return "chrf";
        case Metric::rouge_l: return "rouge-l";
    }
    return "";
}

// Levenshtein is O(n*m); past this many cells (a few seconds) the check
// reports an error rather than stall a run on a runaway answer.
constexpr std::uint64_t k_max_levenshtein_cells = 1'000'000'000;

std::uint64_t code_points(std::string_view text) {
    return static_cast<std::uint64_t>(
        std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0U) != 0x80U; }));
}

// Where two texts first differ, in code points, for the reason.
std::uint64_t first_difference(std::string_view a, std::string_view b) {
    const auto mismatch = std::mismatch(a.begin(), a.end(), b.begin(), b.end());
    // Back up to the start of the character the mismatch falls in.
    auto position = mismatch.first;
    while (position != a.begin() && (static_cast<unsigned char>(*position) & 0xC0U) == 0x80U) {
        --position;
    }
    return code_points(std::string_view(a.begin(), position)) + 1;
}

// Best score over the references for metrics that take one reference.
template <typename Score>
double best_over(const std::vector<std::string>& references, Score score) {
    double best = 0.0;
    for (const std::string& reference : references) {
        best = std::max(best, score(reference));
    }
    return best;
}

class MetricCheck final : public CompiledCheck {
public:
    explicit MetricCheck(MetricSettings settings) : m_settings(std::move(settings)) {}

    CheckOutcome evaluate(const ScoringInput& input) const override {
        std::vector<std::string> references;
        if (m_settings.references) {
            references = *m_settings.references;
        } else if (input.test_case.reference) {
            references.push_back(*input.test_case.reference);
        } else {
            return errored("no reference to compare with: give the case a 'reference' or the check a "
                           "'reference' parameter");
        }
        const bool any_text =
            std::any_of(references.begin(), references.end(), [](const std::string& text) { return !text.empty(); });
        const std::string& answer = input.completion.content;
        CheckOutcome outcome;
        std::string measured;
        switch (m_settings.metric) {
            case Metric::levenshtein:
                for (const std::string& reference : references) {
                    if (code_points(answer) * code_points(reference) > k_max_levenshtein_cells) {
                        return errored(fmt::format("answer ({} characters) and reference ({} characters) are too long "
                                                   "for levenshtein; use chrf or rouge-l",
                                                   code_points(answer), code_points(reference)));
                    }
                }
                outcome.score = best_over(references, [&](const std::string& r) { return levenshtein_similarity(answer, r); });
                measured = fmt::format("similarity {:.4f}", outcome.score);
                break;
            case Metric::exact_match: {
                const std::string normalized = normalized_text(answer);
                outcome.score = best_over(references, [&](const std::string& r) {
                    return normalized_text(r) == normalized ? 1.0 : 0.0;
                });
                measured = outcome.score == 1.0
                               ? "matches the reference"
                               : fmt::format("differs from the reference at character {}",
                                             first_difference(normalized, normalized_text(references.front())));
                break;
            }
            case Metric::bleu:
                if (!any_text) {
                    return errored("the reference is empty; BLEU needs reference text");
                }
                outcome.score = sentence_bleu(answer, references) / 100.0;
                measured = fmt::format("BLEU {:.2f}", 100.0 * outcome.score);
                break;
            case Metric::chrf:
                if (!any_text) {
                    return errored("the reference is empty; chrF needs reference text");
                }
                outcome.score = sentence_chrf(answer, references) / 100.0;
                measured = fmt::format("chrF2 {:.2f}", 100.0 * outcome.score);
                break;
            case Metric::rouge_l:
                outcome.score = best_over(references, [&](const std::string& r) { return rouge_l_f(answer, r); });
                measured = fmt::format("ROUGE-L F1 {:.4f}", outcome.score);
                break;
        }
        outcome.pass = outcome.score >= m_settings.threshold;
        outcome.reason = fmt::format("{}: score {:.4f} {} threshold {:.4f}", measured, outcome.score,
                                     outcome.pass ? ">=" : "<", m_settings.threshold);
        return outcome;
    }

private:
    // The same trimming and normalisation as the equals check.
    std::string normalized_text(std::string_view text_in) const {
        return text::normalize(text::trim(text_in), m_settings.normalization);
    }

    static CheckOutcome errored(std::string reason) {
        CheckOutcome outcome;
        outcome.errored = true;
        outcome.reason = std::move(reason);
        return outcome;
    }

    MetricSettings m_settings;
};

enum class ThresholdRule { required, defaults_to_one };

std::optional<double> read_threshold(const CheckSpec& spec, ThresholdRule rule, Diagnostics& diagnostics) {
    std::optional<double> threshold = spec.threshold;
    if (!threshold && spec.params.is_object() && spec.params.contains("threshold")) {
        const Json& value = spec.params.at("threshold");
        if (!value.is_number()) {
            diagnostics.push_back({spec.location_of("threshold"),
                                   fmt::format("check '{}' needs a threshold in [0, 1], got {}", spec.type, value.dump())});
            return std::nullopt;
        }
        threshold = value.get<double>();
    }
    if (!threshold) {
        if (rule == ThresholdRule::defaults_to_one) {
            return 1.0;
        }
        diagnostics.push_back({spec.where, fmt::format("check '{}' needs a threshold in [0, 1]", spec.type)});
        return std::nullopt;
    }
    if (!(*threshold >= 0.0 && *threshold <= 1.0)) {
        diagnostics.push_back({spec.location_of("threshold"),
                               fmt::format("check '{}' needs a threshold in [0, 1], got {}", spec.type, *threshold)});
        return std::nullopt;
    }
    return threshold;
}

// `reference: text` or `reference: [text, ...]`; absent means the case's.
bool read_references(const CheckSpec& spec, MetricSettings& settings, Diagnostics& diagnostics) {
    if (!spec.params.is_object() || !spec.params.contains("reference")) {
        return true;
    }
    const Json& value = spec.params.at("reference");
    std::vector<std::string> references;
    if (value.is_string()) {
        references.push_back(value.get<std::string>());
    } else if (value.is_array() && !value.empty() &&
               std::all_of(value.begin(), value.end(), [](const Json& item) { return item.is_string(); })) {
        for (const Json& item : value) {
            references.push_back(item.get<std::string>());
        }
    } else {
        diagnostics.push_back({spec.location_of("reference"),
                               fmt::format("'reference' of check '{}' must be a string or a non-empty list of "
                                           "strings",
                                           spec.type)});
        return false;
    }
    settings.references = std::move(references);
    return true;
}

// `normalize` as the equals check reads it: absent or false = none, true =
// all, one name or a list of names.
bool read_normalization(const CheckSpec& spec, text::Normalization& normalization, Diagnostics& diagnostics) {
    static const std::vector<std::string> k_names = {"case", "whitespace", "punctuation"};
    ParamReader params(spec, diagnostics);
    const Json* value = params.value("normalize", Presence::optional);
    if (value == nullptr) {
        return true;
    }
    if (value->is_boolean()) {
        const bool all = value->get<bool>();
        normalization = text::Normalization{.fold_case = all, .collapse_whitespace = all, .strip_punctuation = all};
        return true;
    }
    std::vector<std::string> names;
    if (value->is_string()) {
        names.push_back(value->get<std::string>());
    } else if (value->is_array() &&
               std::all_of(value->begin(), value->end(), [](const Json& item) { return item.is_string(); })) {
        names = value->get<std::vector<std::string>>();
    } else {
        params.error("normalize", fmt::format("parameter 'normalize' must be true, false or a list of: {}; got {}",
                                              fmt::join(k_names, ", "), json_type_name(*value)));
        return false;
    }
    for (const std::string& name : names) {
        if (params.check_choice("normalize", name, k_names)) {
            normalization.fold_case = normalization.fold_case || name == "case";
            normalization.collapse_whitespace = normalization.collapse_whitespace || name == "whitespace";
            normalization.strip_punctuation = normalization.strip_punctuation || name == "punctuation";
        }
    }
    return params.ok();
}

CheckType metric_type(Metric metric, std::string summary) {
    CheckType type;
    type.name = metric_name(metric);
    type.summary = std::move(summary);
    type.parameters = {"threshold", "reference"};
    if (metric == Metric::exact_match) {
        type.parameters.push_back("normalize");
    }
    type.compile = [metric](const CheckSpec& spec, Diagnostics& diagnostics) -> std::unique_ptr<CompiledCheck> {
        MetricSettings settings;
        settings.metric = metric;
        const ThresholdRule rule =
            metric == Metric::exact_match ? ThresholdRule::defaults_to_one : ThresholdRule::required;
        const std::optional<double> threshold = read_threshold(spec, rule, diagnostics);
        bool usable = threshold.has_value();
        usable = read_references(spec, settings, diagnostics) && usable;
        if (metric == Metric::exact_match) {
            usable = read_normalization(spec, settings.normalization, diagnostics) && usable;
        }
        if (!usable) {
            return nullptr;
        }
        settings.threshold = *threshold;
        return std::make_unique<MetricCheck>(std::move(settings));
    };
    type.validate_case = require_reference;
    return type;
}

}  // namespace

void register_metric_checks(CheckRegistry& registry) {
    registry.add(metric_type(Metric::levenshtein,
                             "similarity 1 - edit distance / longer length (code points) to the reference >= threshold"));
    registry.add(metric_type(Metric::exact_match,
                             "the trimmed answer equals the reference (optionally normalised: case, whitespace, "
                             "punctuation)"));
    registry.add(metric_type(Metric::bleu, "sentence BLEU as sacreBLEU 2.x computes it, / 100, >= threshold"));
    registry.add(metric_type(Metric::chrf, "sentence chrF2 as sacreBLEU 2.x computes it, / 100, >= threshold"));
    registry.add(metric_type(Metric::rouge_l, "ROUGE-L F1 as Google's rouge-score computes it >= threshold"));
}

}  // namespace evalbench

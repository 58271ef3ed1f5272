// The `similar` check: the answer means what the reference means, measured
// as the cosine of their embeddings (ScoringOptions::embed, which the CLI
// wires to the manifest's OpenAI-compatible `embeddings` endpoint). The
// score is the cosine clamped to [0, 1] and the check passes when the
// cosine reaches `threshold` (required: useful values depend on the
// embedding model). The reference's embedding is cached per check, so a
// run embeds each reference once rather than once per model and repeat.
// Without an embedder, or when embedding fails, the outcome is an error:
// the run could not measure the check, which says nothing about the model.

#include <algorithm>
#include <map>
#include <mutex>

#include <fmt/format.h>

#include "behaviour_checks.hpp"
#include "evalbench/scoring/similarity.hpp"
#include "params.hpp"

namespace evalbench {

namespace {

CheckOutcome errored(std::string reason) {
    CheckOutcome outcome;
    outcome.errored = true;
    outcome.reason = std::move(reason);
    return outcome;
}

class SimilarCheck final : public CompiledCheck {
public:
    SimilarCheck(double threshold, std::optional<std::string> reference)
        : m_threshold(threshold), m_reference(std::move(reference)) {}

    CheckOutcome evaluate(const ScoringInput& input) const override {
        if (input.options == nullptr || !input.options->embed) {
            return errored("no embeddings endpoint: add `embeddings:` to the manifest");
        }
        const std::optional<std::string>& reference = m_reference ? m_reference : input.test_case.reference;
        if (!reference) {
            return errored("no reference to compare with: give the case a 'reference' or the check a 'reference'");
        }
        if (input.completion.content.find_first_not_of(" \t\r\n") == std::string::npos) {
            CheckOutcome outcome;
            outcome.reason = "the answer is empty";
            return outcome;
        }
        const std::expected<std::vector<double>, std::string> reference_vector =
            reference_embedding(*reference, input.options->embed);
        if (!reference_vector) {
            return errored("embedding the reference failed: " + reference_vector.error());
        }
        const std::expected<std::vector<double>, std::string> answer_vector =
            input.options->embed(input.completion.content);
        if (!answer_vector) {
            return errored("embedding the answer failed: " + answer_vector.error());
        }
        const std::expected<double, std::string> cosine = cosine_similarity(*answer_vector, *reference_vector);
        if (!cosine) {
            return errored("cannot compare the embeddings: " + cosine.error());
        }
        CheckOutcome outcome;
        outcome.pass = *cosine >= m_threshold;
        outcome.score = std::clamp(*cosine, 0.0, 1.0);
        outcome.reason = fmt::format("cosine similarity {:.4f} {} threshold {:.4f}", *cosine,
                                     outcome.pass ? ">=" : "<", m_threshold);
        return outcome;
    }

private:
    std::expected<std::vector<double>, std::string> reference_embedding(const std::string& reference,
                                                                        const Embedder& embed) const {
        {
            const std::lock_guard<std::mutex> lock(m_mutex);
            const auto found = m_cache.find(reference);
            if (found != m_cache.end()) {
                return found->second;
            }
        }
        // Embed outside the lock: a slow endpoint must not serialise the
        // other trials. Two threads may both embed the same reference once.
        std::expected<std::vector<double>, std::string> embedded = embed(reference);
        if (embedded) {
            const std::lock_guard<std::mutex> lock(m_mutex);
            m_cache.emplace(reference, *embedded);
        }
        return embedded;
    }

    double m_threshold;
    std::optional<std::string> m_reference;
    mutable std::mutex m_mutex;
    mutable std::map<std::string, std::vector<double>> m_cache;  // failures are not cached: they may be transient
};

std::unique_ptr<CompiledCheck> compile(const CheckSpec& spec, Diagnostics& diagnostics) {
    ParamReader params(spec, diagnostics);
    std::optional<double> threshold = spec.threshold;
    if (params.has("threshold") || !threshold) {
        threshold = params.number("threshold", Presence::required, {.min = -1.0, .max = 1.0});
    } else if (*threshold < -1.0 || *threshold > 1.0) {
        params.error("threshold", fmt::format("parameter 'threshold' must be in [-1, 1], got {}", *threshold));
    }
    std::optional<std::string> reference = params.text("reference", Presence::optional, Emptiness::reject);
    if (!params.ok() || !threshold) {
        return nullptr;
    }
    return std::make_unique<SimilarCheck>(*threshold, std::move(reference));
}

}  // namespace

CheckType similar_check_type() {
    return {"similar",
            "the cosine of the answer's and the reference's embeddings reaches 'threshold'",
            {"threshold", "reference"},
            true,
            compile,
            require_reference};
}

}  // namespace evalbench

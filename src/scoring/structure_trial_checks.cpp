// finish-reason, latency and cost: facts about the call, not the text.
//
// latency compares `completion.latency_ms` (the final attempt, request to
// last byte). A cached completion carries the latency recorded when it was
// first fetched, and is judged on that (the reason says so); a cached
// completion without a recorded latency passes with the reason "cached:
// latency not measured", because a replay says nothing about the model's
// speed and must not fail a gate. cost compares ScoringInput::cost_usd;
// without pricing the check errors ("model has no pricing") rather than
// pass or fail on a number nobody has.

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "params.hpp"
#include "structure_checks.hpp"
#include "text_checks.hpp"

namespace evalbench {

namespace {

const std::vector<std::string> k_finish_reasons = {"stop", "length", "content_filter", "refusal", "tool_calls", "error"};

class FinishReasonCheck final : public CompiledCheck {
public:
    explicit FinishReasonCheck(std::vector<FinishReason> allowed) : m_allowed(std::move(allowed)) {
        std::vector<std::string> names;
        for (const FinishReason reason : m_allowed) {
            names.push_back(to_string(reason));
        }
        m_expected = fmt::format("{}", fmt::join(names, " or "));
    }

    CheckOutcome evaluate(const ScoringInput& input) const override {
        const Completion& completion = input.completion;
        const bool pass = std::find(m_allowed.begin(), m_allowed.end(), completion.finish) != m_allowed.end();
        const std::string actual = to_string(completion.finish);
        const std::string raw = !completion.finish_raw.empty() && completion.finish_raw != actual
                                    ? fmt::format(" (provider said '{}')", completion.finish_raw)
                                    : "";
        return verdict(pass, fmt::format("finish reason is '{}'{}; expected {}", actual, raw, m_expected));
    }

private:
    std::vector<FinishReason> m_allowed;
    std::string m_expected;
};

std::unique_ptr<CompiledCheck> compile_finish_reason(const CheckSpec& spec, Diagnostics& diagnostics) {
    ParamReader params(spec, diagnostics);
    params.expect_count_of({"value", "values"}, 1, 1);
    std::vector<std::string> names;
    if (params.has("value")) {
        if (std::optional<std::string> name = params.choice("value", Presence::required, k_finish_reasons)) {
            names.push_back(std::move(*name));
        }
    } else if (std::optional<std::vector<std::string>> list = params.text_list("values", Presence::optional)) {
        for (const std::string& name : *list) {
            if (params.check_choice("values", name, k_finish_reasons)) {
                names.push_back(name);
            }
        }
    }
    if (!params.ok()) {
        return nullptr;
    }
    std::vector<FinishReason> allowed;
    for (const std::string& name : names) {
        allowed.push_back(*finish_reason_from_string(name));
    }
    return std::make_unique<FinishReasonCheck>(std::move(allowed));
}

class LatencyCheck final : public CompiledCheck {
public:
    explicit LatencyCheck(double max_ms) : m_max_ms(max_ms) {}

    CheckOutcome evaluate(const ScoringInput& input) const override {
        const Completion& completion = input.completion;
        if (completion.cached && completion.latency_ms <= 0.0) {
            return verdict(true, "cached: latency not measured");
        }
        const bool pass = completion.latency_ms <= m_max_ms;
        return verdict(pass, fmt::format("latency {:.0f} ms{}; at most {} ms allowed", completion.latency_ms,
                                         completion.cached ? " (recorded when the response was cached)" : "", m_max_ms));
    }

private:
    double m_max_ms;
};

std::unique_ptr<CompiledCheck> compile_latency(const CheckSpec& spec, Diagnostics& diagnostics) {
    ParamReader params(spec, diagnostics);
    const std::optional<double> max_ms = params.number("max_ms", Presence::required, {.greater_than = 0.0});
    if (!params.ok()) {
        return nullptr;
    }
    return std::make_unique<LatencyCheck>(*max_ms);
}

class CostCheck final : public CompiledCheck {
public:
    explicit CostCheck(double max_usd) : m_max_usd(max_usd) {}

    CheckOutcome evaluate(const ScoringInput& input) const override {
        if (!input.cost_usd) {
            return not_evaluated("model has no pricing");
        }
        const double cost = *input.cost_usd;
        return verdict(cost <= m_max_usd, fmt::format("cost ${:.6f}; at most ${} allowed", cost, m_max_usd));
    }

private:
    double m_max_usd;
};

std::unique_ptr<CompiledCheck> compile_cost(const CheckSpec& spec, Diagnostics& diagnostics) {
    ParamReader params(spec, diagnostics);
    const std::optional<double> max_usd = params.number("max_usd", Presence::required, {.min = 0.0});
    if (!params.ok()) {
        return nullptr;
    }
    return std::make_unique<CostCheck>(*max_usd);
}

}  // namespace

void register_structure_trial_checks(CheckRegistry& registry) {
    registry.add({"finish-reason",
                  "the call ended for one of the given reasons (`value` or `values`: stop, length, "
                  "content_filter, refusal, tool_calls, error)",
                  {"value", "values"}, true, compile_finish_reason});
    registry.add({"latency", "the call took at most `max_ms` milliseconds (a cached answer: as recorded)",
                  {"max_ms"}, true, compile_latency});
    registry.add({"cost", "the call cost at most `max_usd` dollars (errors when the model has no pricing)",
                  {"max_usd"}, true, compile_cost});
}

}  // namespace evalbench

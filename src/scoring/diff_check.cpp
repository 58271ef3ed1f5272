// The `max-diff-lines` scope check: an answer asked to edit the case's
// `original` code may change at most `max` lines (see line_diff.hpp for
// what a changed line is). The edited code is the answer's first fenced
// block (the first one tagged `language` when that is given), else the
// whole answer. Within the limit the score is 1; beyond it the score decays
// as (max + 1) / (changed + 1), so one line over a limit of 0 scores 0.5
// and ten lines over a limit of 10 about 0.52 — overshoot is judged
// relative to the size of the allowed edit. A case without `original` is an
// error outcome, not a failure: the definition, not the model, is wrong.

#include <fmt/format.h>

#include "behaviour_checks.hpp"
#include "diff_fenced.hpp"
#include "evalbench/scoring/line_diff.hpp"
#include "params.hpp"

namespace evalbench {

namespace {

class MaxDiffLinesCheck final : public CompiledCheck {
public:
    MaxDiffLinesCheck(std::size_t max_changed, std::string language)
        : m_max(max_changed), m_language(std::move(language)) {}

    CheckOutcome evaluate(const ScoringInput& input) const override {
        CheckOutcome outcome;
        if (!input.test_case.original) {
            outcome.errored = true;
            outcome.reason = "the case has no 'original' code to compare the answer with";
            return outcome;
        }
        const std::optional<std::string> block = first_fenced_block(input.completion.content, m_language);
        const std::string& code = block ? *block : input.completion.content;
        const LineDiff diff = diff_lines(*input.test_case.original, code);
        outcome.pass = diff.changed <= m_max;
        outcome.score = outcome.pass ? 1.0 : static_cast<double>(m_max + 1) / static_cast<double>(diff.changed + 1);
        std::string where;
        if (diff.hunks > 0) {
            where = fmt::format(" in {} hunk{}, first at original line {}", diff.hunks, diff.hunks == 1 ? "" : "s",
                                diff.first_changed_line);
        }
        outcome.reason =
            fmt::format("{}{} changed line{} (+{} -{}){} {} max {}; compared {}", diff.exact ? "" : "at least ",
                        diff.changed, diff.changed == 1 ? "" : "s", diff.added, diff.removed, where,
                        outcome.pass ? "<=" : ">", m_max,
                        block ? "the answer's code block" : "the whole answer (no code block)");
        return outcome;
    }

private:
    std::size_t m_max;
    std::string m_language;
};

std::unique_ptr<CompiledCheck> compile(const CheckSpec& spec, Diagnostics& diagnostics) {
    ParamReader params(spec, diagnostics);
    const std::optional<std::int64_t> max_changed = params.integer("max", Presence::required, {.min = 0});
    const std::optional<std::string> language = params.string("language", Presence::optional, Emptiness::reject);
    if (!params.ok() || !max_changed) {
        return nullptr;
    }
    return std::make_unique<MaxDiffLinesCheck>(static_cast<std::size_t>(*max_changed), language.value_or(""));
}

}  // namespace

CheckType max_diff_lines_check_type() {
    return {"max-diff-lines",
            "the answer's code changes at most 'max' lines of the case's 'original' (LCS line diff)",
            {"max", "language"},
            true,
            compile,
            require_original};
}

}  // namespace evalbench

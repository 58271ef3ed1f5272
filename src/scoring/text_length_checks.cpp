// min-length, max-length and word-count.
//
// Lengths are counted in characters (Unicode code points), never bytes: a
// 10-character answer in Greek is 10 characters, not 20. The whole answer
// is measured as it came back, whitespace included. Words are maximal runs
// of non-whitespace characters (Unicode White_Space), the way `wc -w` counts.

#include <cstdint>
#include <optional>
#include <string>

#include <fmt/format.h>

#include "params.hpp"
#include "text_checks.hpp"
#include "text_unicode.hpp"

namespace evalbench {

namespace {

enum class Bound { at_least, at_most };

class LengthCheck final : public CompiledCheck {
public:
    LengthCheck(std::size_t limit, Bound bound) : m_limit(limit), m_bound(bound) {}

    CheckOutcome evaluate(const ScoringInput& input) const override {
        const std::string_view answer = answer_of(input);
        const std::size_t length = text::length(answer);
        const bool pass = m_bound == Bound::at_least ? length >= m_limit : length <= m_limit;
        return verdict(pass, fmt::format("answer is {} chars; {} {} {}: {}", length,
                                         m_bound == Bound::at_least ? "at least" : "at most", m_limit,
                                         m_bound == Bound::at_least ? "required" : "allowed", text::quote(answer, 60)));
    }

private:
    std::size_t m_limit;
    Bound m_bound;
};

std::unique_ptr<CompiledCheck> compile_length(const CheckSpec& spec, Diagnostics& diagnostics, Bound bound) {
    ParamReader params(spec, diagnostics);
    const std::optional<std::int64_t> limit = params.integer("value", Presence::required, {.min = 0.0});
    if (!params.ok()) {
        return nullptr;
    }
    return std::make_unique<LengthCheck>(static_cast<std::size_t>(*limit), bound);
}

class WordCountCheck final : public CompiledCheck {
public:
    WordCountCheck(std::optional<std::size_t> min, std::optional<std::size_t> max) : m_min(min), m_max(max) {}

    CheckOutcome evaluate(const ScoringInput& input) const override {
        const std::string_view answer = answer_of(input);
        const std::size_t words = text::count_words(answer);
        const bool pass = (!m_min || words >= *m_min) && (!m_max || words <= *m_max);
        return verdict(pass, fmt::format("answer has {} word{}; expected {}: {}", words, words == 1 ? "" : "s",
                                         expected(), text::quote(answer, 60)));
    }

private:
    std::string expected() const {
        if (m_min && m_max) {
            return fmt::format("{} to {}", *m_min, *m_max);
        }
        return m_min ? fmt::format("at least {}", *m_min) : fmt::format("at most {}", *m_max);
    }

    std::optional<std::size_t> m_min;
    std::optional<std::size_t> m_max;
};

std::unique_ptr<CompiledCheck> compile_word_count(const CheckSpec& spec, Diagnostics& diagnostics) {
    ParamReader params(spec, diagnostics);
    params.expect_count_of({"min", "max"}, 1, 2);
    const std::optional<std::int64_t> min = params.integer("min", Presence::optional, {.min = 0.0});
    const std::optional<std::int64_t> max = params.integer("max", Presence::optional, {.min = 0.0});
    if (min && max && *min > *max) {
        params.error("max", fmt::format("'max' ({}) must not be below 'min' ({})", *max, *min));
    }
    if (!params.ok()) {
        return nullptr;
    }
    const auto as_size = [](std::optional<std::int64_t> value) -> std::optional<std::size_t> {
        return value ? std::optional<std::size_t>(static_cast<std::size_t>(*value)) : std::nullopt;
    };
    return std::make_unique<WordCountCheck>(as_size(min), as_size(max));
}

}  // namespace

void register_text_length_checks(CheckRegistry& registry) {
    registry.add({"min-length", "the answer has at least `value` characters (Unicode code points)", {"value"}, true,
                  [](const CheckSpec& spec, Diagnostics& diagnostics) {
                      return compile_length(spec, diagnostics, Bound::at_least);
                  }});
    registry.add({"max-length", "the answer has at most `value` characters (Unicode code points)", {"value"}, true,
                  [](const CheckSpec& spec, Diagnostics& diagnostics) {
                      return compile_length(spec, diagnostics, Bound::at_most);
                  }});
    registry.add({"word-count", "the answer has between `min` and `max` words (either may be left out)",
                  {"min", "max"}, true, compile_word_count});
}

}  // namespace evalbench

// equals: the answer, without surrounding whitespace, is exactly `value`.
//
// `normalize` relaxes the comparison: `true` (case, whitespace and
// punctuation), `false`, one name or a list of names. Both sides go through
// the same normalisation (fold case, drop punctuation, collapse runs of
// whitespace to one space), the expected side once at compile time. A
// failure names the first differing character so long answers are easy to
// read in a report.

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "params.hpp"
#include "text_checks.hpp"
#include "text_unicode.hpp"

namespace evalbench {

namespace {

const std::vector<std::string> k_normalizations = {"case", "whitespace", "punctuation"};

std::string describe(const text::Normalization& normalization) {
    std::vector<std::string> names;
    if (normalization.fold_case) {
        names.emplace_back("case");
    }
    if (normalization.collapse_whitespace) {
        names.emplace_back("whitespace");
    }
    if (normalization.strip_punctuation) {
        names.emplace_back("punctuation");
    }
    return fmt::format("{}", fmt::join(names, ", "));
}

// The code point index where `left` and `right` first differ.
std::size_t first_difference(std::string_view left, std::string_view right) {
    const auto [left_end, right_end] = std::mismatch(left.begin(), left.end(), right.begin(), right.end());
    std::ignore = right_end;  // both iterators point at the same byte offset
    // Step back to the start of the code point the difference falls in.
    std::size_t at = static_cast<std::size_t>(left_end - left.begin());
    while (at > 0 && at < left.size() && (static_cast<unsigned char>(left[at]) & 0xC0U) == 0x80U) {
        --at;
    }
    return text::char_index(left, at);
}

class EqualsCheck final : public CompiledCheck {
public:
    EqualsCheck(std::string value, text::Normalization normalization)
        : m_value(std::move(value)), m_normalization(normalization) {
        m_expected = text::normalize(text::trim(m_value), m_normalization);
    }

    CheckOutcome evaluate(const ScoringInput& input) const override {
        thread_local std::string buffer;
        const std::string_view answer = answer_of(input);
        std::string_view compared = text::trim(answer);
        if (m_normalization.any()) {
            text::normalize_into(compared, m_normalization, buffer);
            compared = buffer;
        }
        const std::string note =
            m_normalization.any() ? fmt::format(" (after normalizing {})", describe(m_normalization)) : "";
        if (compared == m_expected) {
            return verdict(true, fmt::format("answer equals {}{}", text::quote(m_value), note));
        }
        std::string reason = fmt::format("expected {}, got {}{}", text::quote(m_value), text::quote(answer), note);
        if (!compared.empty() && !m_expected.empty()) {
            reason += fmt::format("; first difference at char {}", first_difference(compared, m_expected));
        }
        return verdict(false, std::move(reason));
    }

private:
    std::string m_value;
    std::string m_expected;
    text::Normalization m_normalization;
};

// `normalize`: absent/false = none, true = all, a name or a list of names.
std::optional<text::Normalization> read_normalization(ParamReader& params) {
    text::Normalization normalization;
    const Json* value = params.value("normalize", Presence::optional);
    if (value == nullptr) {
        return normalization;
    }
    if (value->is_boolean()) {
        const bool all = value->get<bool>();
        return text::Normalization{.fold_case = all, .collapse_whitespace = all, .strip_punctuation = all};
    }
    std::vector<std::string> names;
    if (value->is_string()) {
        names.push_back(value->get<std::string>());
    } else if (value->is_array() && std::all_of(value->begin(), value->end(), [](const Json& item) { return item.is_string(); })) {
        names = value->get<std::vector<std::string>>();
    } else {
        params.error("normalize",
                     fmt::format("parameter 'normalize' must be true, false or a list of: {}; got {}",
                                 fmt::join(k_normalizations, ", "), json_type_name(*value)));
        return std::nullopt;
    }
    bool good = true;
    for (const std::string& name : names) {
        if (!params.check_choice("normalize", name, k_normalizations)) {
            good = false;
        }
        normalization.fold_case = normalization.fold_case || name == "case";
        normalization.collapse_whitespace = normalization.collapse_whitespace || name == "whitespace";
        normalization.strip_punctuation = normalization.strip_punctuation || name == "punctuation";
    }
    if (!good) {
        return std::nullopt;
    }
    return normalization;
}

std::unique_ptr<CompiledCheck> compile_equals(const CheckSpec& spec, Diagnostics& diagnostics) {
    ParamReader params(spec, diagnostics);
    std::optional<std::string> value = params.text("value", Presence::required);
    const std::optional<text::Normalization> normalization = read_normalization(params);
    if (!params.ok()) {
        return nullptr;
    }
    return std::make_unique<EqualsCheck>(std::move(*value), *normalization);
}

}  // namespace

void register_text_equals_check(CheckRegistry& registry) {
    registry.add({"equals",
                  "the answer, surrounding whitespace ignored, equals `value`; `normalize`: true or a list of "
                  "case, whitespace, punctuation",
                  {"value", "normalize"}, true, compile_equals});
}

}  // namespace evalbench

// equals, contains, icontains, contains-any, contains-all, starts-with.
//
// Expected texts are prepared once at compile time (normalised or case
// folded); an evaluation prepares the answer the same way into a per-thread
// buffer that keeps its capacity, so scoring many answers allocates only
// for the reason it writes. Case folding maps one code point to one, so a
// position in the folded answer is the same character index in the original.

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

enum class CaseMode { exact, ignore };

const text::Normalization k_fold_only{.fold_case = true};

std::string_view searchable(std::string_view answer, CaseMode mode, std::string& buffer) {
    if (mode == CaseMode::exact) {
        return answer;
    }
    text::normalize_into(answer, k_fold_only, buffer);
    return buffer;
}

std::string prepared(const std::string& needle, CaseMode mode) {
    return mode == CaseMode::exact ? needle : text::normalize(needle, k_fold_only);
}

// `at char N: "…context…"` for a match found at byte `at` of `searched`.
std::string where_found(std::string_view answer, std::string_view searched, std::size_t at, std::size_t size,
                        CaseMode mode) {
    std::size_t begin = at;
    std::size_t end = at + size;
    const std::size_t index = text::char_index(searched, at);
    if (mode == CaseMode::ignore) {
        begin = text::byte_offset(answer, index);
        end = text::byte_offset(answer, index + text::length(searched.substr(at, size)));
    }
    return fmt::format("at char {}: {}", index, text::quote_window(answer, begin, end));
}

CaseMode read_case_mode(ParamReader& params) {
    const std::optional<bool> ignore = params.boolean("ignore_case", Presence::optional);
    return ignore.value_or(false) ? CaseMode::ignore : CaseMode::exact;
}

class ContainsCheck final : public CompiledCheck {
public:
    ContainsCheck(std::string value, CaseMode mode) : m_value(std::move(value)), m_needle(prepared(m_value, mode)), m_mode(mode) {}

    CheckOutcome evaluate(const ScoringInput& input) const override {
        thread_local std::string buffer;
        const std::string_view answer = answer_of(input);
        const std::string_view searched = searchable(answer, m_mode, buffer);
        const std::size_t at = searched.find(m_needle);
        if (at == std::string_view::npos) {
            return verdict(false, fmt::format("{} not found{} in {}", text::quote(m_value),
                                              m_mode == CaseMode::ignore ? " (ignoring case)" : "", text::quote(answer)));
        }
        return verdict(true, fmt::format("found {} {}", text::quote(m_value), where_found(answer, searched, at, m_needle.size(), m_mode)));
    }

private:
    std::string m_value;
    std::string m_needle;
    CaseMode m_mode;
};

std::unique_ptr<CompiledCheck> compile_contains(const CheckSpec& spec, Diagnostics& diagnostics, CaseMode mode) {
    ParamReader params(spec, diagnostics);
    std::optional<std::string> value = params.text("value", Presence::required, Emptiness::reject);
    if (!params.ok()) {
        return nullptr;
    }
    return std::make_unique<ContainsCheck>(std::move(*value), mode);
}

enum class Quantifier { any, all };

class ContainsSetCheck final : public CompiledCheck {
public:
    ContainsSetCheck(std::vector<std::string> values, CaseMode mode, Quantifier quantifier)
        : m_values(std::move(values)), m_mode(mode), m_quantifier(quantifier) {
        for (const std::string& value : m_values) {
            m_needles.push_back(prepared(value, mode));
        }
    }

    CheckOutcome evaluate(const ScoringInput& input) const override {
        thread_local std::string buffer;
        const std::string_view answer = answer_of(input);
        const std::string_view searched = searchable(answer, m_mode, buffer);
        std::vector<std::string> missing;
        std::string first_found;
        std::size_t found = 0;
        for (std::size_t index = 0; index < m_needles.size(); ++index) {
            const std::size_t at = searched.find(m_needles[index]);
            if (at == std::string_view::npos) {
                missing.push_back(text::quote(m_values[index], 40));
                continue;
            }
            ++found;
            if (first_found.empty()) {
                first_found = fmt::format("found {} {}", text::quote(m_values[index]),
                                          where_found(answer, searched, at, m_needles[index].size(), m_mode));
            }
            if (m_quantifier == Quantifier::any) {
                return verdict(true, std::move(first_found));
            }
        }
        const std::string case_note = m_mode == CaseMode::ignore ? " (ignoring case)" : "";
        if (m_quantifier == Quantifier::any) {
            return verdict(false, fmt::format("none of {} found{} in {}", fmt::join(missing, ", "), case_note, text::quote(answer)));
        }
        CheckOutcome outcome;
        outcome.pass = missing.empty();
        outcome.score = static_cast<double>(found) / static_cast<double>(m_needles.size());
        outcome.reason = missing.empty()
                             ? fmt::format("found all {} values{}", m_needles.size(), case_note)
                             : fmt::format("found {} of {}; missing {}{} in {}", found, m_needles.size(),
                                           fmt::join(missing, ", "), case_note, text::quote(answer));
        return outcome;
    }

private:
    std::vector<std::string> m_values;
    std::vector<std::string> m_needles;
    CaseMode m_mode;
    Quantifier m_quantifier;
};

std::unique_ptr<CompiledCheck> compile_contains_set(const CheckSpec& spec, Diagnostics& diagnostics,
                                                    Quantifier quantifier) {
    ParamReader params(spec, diagnostics);
    std::optional<std::vector<std::string>> values = params.text_list("values", Presence::required);
    const CaseMode mode = read_case_mode(params);
    if (values) {
        for (std::size_t index = 0; index < values->size(); ++index) {
            if ((*values)[index].empty()) {
                params.error("values", fmt::format("element {} of 'values' must not be empty", index + 1));
            }
        }
    }
    if (!params.ok()) {
        return nullptr;
    }
    return std::make_unique<ContainsSetCheck>(std::move(*values), mode, quantifier);
}

class StartsWithCheck final : public CompiledCheck {
public:
    StartsWithCheck(std::string value, CaseMode mode) : m_value(std::move(value)), m_prefix(prepared(m_value, mode)), m_mode(mode) {}

    CheckOutcome evaluate(const ScoringInput& input) const override {
        thread_local std::string buffer;
        const std::string_view answer = text::trim_start(answer_of(input));
        // Folding keeps characters one to one, so only the answer's first
        // characters need preparing.
        const std::size_t prefix_chars = text::length(m_prefix);
        const std::string_view head = answer.substr(0, text::byte_offset(answer, prefix_chars));
        const std::string_view searched = searchable(head, m_mode, buffer);
        if (searched == m_prefix) {
            return verdict(true, fmt::format("answer starts with {}", text::quote(m_value)));
        }
        return verdict(false, fmt::format("expected the answer to start with {}{}, it starts with {}",
                                          text::quote(m_value), m_mode == CaseMode::ignore ? " (ignoring case)" : "",
                                          text::quote(answer, prefix_chars + 20)));
    }

private:
    std::string m_value;
    std::string m_prefix;
    CaseMode m_mode;
};

std::unique_ptr<CompiledCheck> compile_starts_with(const CheckSpec& spec, Diagnostics& diagnostics) {
    ParamReader params(spec, diagnostics);
    std::optional<std::string> value = params.text("value", Presence::required, Emptiness::reject);
    const CaseMode mode = read_case_mode(params);
    if (!params.ok()) {
        return nullptr;
    }
    return std::make_unique<StartsWithCheck>(std::move(*value), mode);
}

}  // namespace

void register_text_match_checks(CheckRegistry& registry) {
    register_text_equals_check(registry);
    registry.add({"contains", "the answer contains `value` (case-sensitive)", {"value"}, true,
                  [](const CheckSpec& spec, Diagnostics& diagnostics) { return compile_contains(spec, diagnostics, CaseMode::exact); }});
    registry.add({"icontains", "the answer contains `value`, ignoring case", {"value"}, true,
                  [](const CheckSpec& spec, Diagnostics& diagnostics) { return compile_contains(spec, diagnostics, CaseMode::ignore); }});
    registry.add({"contains-any", "the answer contains at least one of `values` (optional `ignore_case`)",
                  {"values", "ignore_case"}, true,
                  [](const CheckSpec& spec, Diagnostics& diagnostics) {
                      return compile_contains_set(spec, diagnostics, Quantifier::any);
                  }});
    registry.add({"contains-all",
                  "the answer contains every one of `values`; score = share found (optional `ignore_case`)",
                  {"values", "ignore_case"}, true,
                  [](const CheckSpec& spec, Diagnostics& diagnostics) {
                      return compile_contains_set(spec, diagnostics, Quantifier::all);
                  }});
    registry.add({"starts-with", "the answer, leading whitespace ignored, starts with `value` (optional `ignore_case`)",
                  {"value", "ignore_case"}, true, compile_starts_with});
}

}  // namespace evalbench

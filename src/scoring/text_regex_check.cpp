// regex: the answer contains a match of `pattern` (RE2 syntax).
//
// RE2 runs in time linear in the answer whatever the pattern, so neither a
// user's pattern nor a model's answer can stall a run. The pattern is
// compiled once, when the check is compiled: an invalid one is a located
// error found by `validate`, never a surprise mid-run. `flags` maps to RE2:
// `i` ignores case, `s` lets `.` match a newline, `m` makes `^` and `$`
// match at line breaks. Matching is partial (anywhere in the answer); anchor
// with `^`/`$` (or `\A`/`\z`) for a whole-answer match.

#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <re2/re2.h>

#include "params.hpp"
#include "text_checks.hpp"
#include "text_unicode.hpp"

namespace evalbench {

namespace {

const std::vector<std::string> k_flags = {"i", "s", "m"};

class RegexCheck final : public CompiledCheck {
public:
    RegexCheck(const std::string& pattern, const std::string& flags, std::unique_ptr<RE2> regex)
        : m_shown(shown(pattern, flags)), m_regex(std::move(regex)) {}

    CheckOutcome evaluate(const ScoringInput& input) const override {
        const std::string_view answer = answer_of(input);
        re2::StringPiece match;
        if (!m_regex->Match(answer, 0, answer.size(), RE2::UNANCHORED, &match, 1)) {
            return verdict(false, fmt::format("no match for {} in {}", m_shown, text::quote(answer)));
        }
        const auto begin = static_cast<std::size_t>(match.data() - answer.data());
        return verdict(true, fmt::format("{} matched {} at char {}: {}", m_shown,
                                         text::quote({match.data(), match.size()}, 40), text::char_index(answer, begin),
                                         text::quote_window(answer, begin, begin + match.size())));
    }

private:
    // `/pattern/flags`, long patterns cut, for reasons.
    static std::string shown(const std::string& pattern, const std::string& flags) {
        constexpr std::size_t k_max_chars = 60;
        const std::size_t cut = text::byte_offset(pattern, k_max_chars);
        return fmt::format("/{}{}/{}", pattern.substr(0, cut), cut < pattern.size() ? "…" : "", flags);
    }

    std::string m_shown;
    std::unique_ptr<RE2> m_regex;
};

// `flags`: a string of letters ("is") or a list of them (["i", "s"]).
std::optional<std::string> read_flags(ParamReader& params) {
    const Json* value = params.value("flags", Presence::optional);
    if (value == nullptr) {
        return std::string();
    }
    std::vector<std::string> letters;
    if (value->is_string()) {
        for (const char letter : value->get<std::string>()) {
            letters.emplace_back(1, letter);
        }
    } else if (value->is_array() &&
               std::all_of(value->begin(), value->end(), [](const Json& item) { return item.is_string(); })) {
        letters = value->get<std::vector<std::string>>();
    } else {
        params.error("flags", fmt::format("parameter 'flags' must be a string of letters such as \"is\" "
                                          "(i: ignore case, s: dot matches newline, m: multi-line); got {}",
                                          json_type_name(*value)));
        return std::nullopt;
    }
    std::string flags;
    bool good = true;
    for (const std::string& letter : letters) {
        if (!params.check_choice("flags", letter, k_flags)) {
            good = false;
        } else if (flags.find(letter) == std::string::npos) {
            flags += letter;
        }
    }
    if (!good) {
        return std::nullopt;
    }
    return flags;
}

std::unique_ptr<CompiledCheck> compile_regex(const CheckSpec& spec, Diagnostics& diagnostics) {
    ParamReader params(spec, diagnostics);
    std::optional<std::string> pattern = params.text("pattern", Presence::required, Emptiness::reject);
    std::optional<std::string> flags = read_flags(params);
    if (!pattern || !flags) {
        return nullptr;
    }
    RE2::Options options;
    options.set_log_errors(false);  // the error becomes a diagnostic instead of a line on stderr
    options.set_case_sensitive(flags->find('i') == std::string::npos);
    options.set_dot_nl(flags->find('s') != std::string::npos);
    auto regex = std::make_unique<RE2>(*pattern, options);
    if (!regex->ok()) {
        params.error("pattern", fmt::format("invalid regular expression {}: {}", text::quote(*pattern, 60), regex->error()));
        return nullptr;
    }
    if (flags->find('m') != std::string::npos) {
        // RE2 has no option for multi-line outside POSIX mode; the inline
        // flag does it. The bare pattern compiled, so this compiles too.
        regex = std::make_unique<RE2>("(?m)" + *pattern, options);
    }
    if (!params.ok()) {
        return nullptr;
    }
    return std::make_unique<RegexCheck>(*pattern, *flags, std::move(regex));
}

}  // namespace

void register_text_regex_check(CheckRegistry& registry) {
    registry.add({"regex",
                  "the answer contains a match of `pattern` (RE2 syntax, partial match); `flags`: i, s, m",
                  {"pattern", "flags"}, true, compile_regex});
}

}  // namespace evalbench

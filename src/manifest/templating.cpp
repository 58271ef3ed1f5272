// Placeholder substitution in one left-to-right scan: at each `{{` try to
// read `spaces name spaces }}`; on success substitute (or record a problem),
// otherwise copy the `{{` and go on. Substituted values are not rescanned, so
// a variable's value may itself contain `{{` without being expanded.

#include "evalbench/manifest/templating.hpp"

#include <algorithm>
#include <optional>

#include <fmt/format.h>

#include "evalbench/core/error.hpp"

namespace evalbench {

namespace {

bool is_name_start(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

bool is_name_char(char c) {
    return is_name_start(c) || (c >= '0' && c <= '9') || c == '-' || c == '.';
}

struct Placeholder {
    std::string name;
    std::size_t end = 0;  // one past the closing `}}`
};

// Reads a placeholder whose `{{` starts at `start`.
std::optional<Placeholder> read_placeholder(const std::string& text, std::size_t start) {
    std::size_t i = start + 2;
    while (i < text.size() && text[i] == ' ') {
        ++i;
    }
    if (i >= text.size() || !is_name_start(text[i])) {
        return std::nullopt;
    }
    const std::size_t name_start = i;
    while (i < text.size() && is_name_char(text[i])) {
        ++i;
    }
    const std::size_t name_end = i;
    while (i < text.size() && text[i] == ' ') {
        ++i;
    }
    if (text.compare(i, 2, "}}") != 0) {
        return std::nullopt;
    }
    return Placeholder{text.substr(name_start, name_end - name_start), i + 2};
}

template <typename OnPlaceholder>
std::string scan(const std::string& text, OnPlaceholder on_placeholder) {
    std::string out;
    out.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        if (text.compare(i, 3, "\\{{") == 0) {
            out += "{{";
            i += 3;
            continue;
        }
        if (text.compare(i, 2, "{{") == 0) {
            if (const std::optional<Placeholder> placeholder = read_placeholder(text, i)) {
                out += on_placeholder(placeholder->name, i, text.substr(i, placeholder->end - i));
                i = placeholder->end;
                continue;
            }
        }
        out += text[i];
        ++i;
    }
    return out;
}

}  // namespace

std::string render_template(const std::string& text, const std::map<std::string, std::string>& vars,
                            std::vector<TemplateProblem>& problems) {
    return scan(text, [&](const std::string& name, std::size_t offset, const std::string& written) {
        const auto found = vars.find(name);
        if (found != vars.end()) {
            return found->second;
        }
        std::vector<std::string> known;
        for (const auto& [key, value] : vars) {
            known.push_back(key);
        }
        problems.push_back(TemplateProblem{
            name, offset, fmt::format("unknown template variable '{}'{}", name, did_you_mean(name, known))});
        return written;
    });
}

std::string render_template(const std::string& text, const std::map<std::string, std::string>& vars) {
    std::vector<TemplateProblem> problems;
    std::string rendered = render_template(text, vars, problems);
    if (!problems.empty()) {
        Diagnostics diagnostics;
        for (const TemplateProblem& problem : problems) {
            Diagnostic diagnostic;
            diagnostic.message = problem.message;
            diagnostics.push_back(std::move(diagnostic));
        }
        throw EvalError(Failure::bad_input, std::move(diagnostics));
    }
    return rendered;
}

std::vector<std::string> template_variables(const std::string& text) {
    std::vector<std::string> names;
    std::ignore = scan(text, [&](const std::string& name, std::size_t /*offset*/, const std::string& written) {
        if (std::find(names.begin(), names.end(), name) == names.end()) {
            names.push_back(name);
        }
        return written;
    });  // only the names matter here
    return names;
}

}  // namespace evalbench

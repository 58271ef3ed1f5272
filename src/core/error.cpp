#include "evalbench/core/error.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace evalbench {

std::string SourceLocation::str() const {
    if (file.empty()) {
        return "";
    }
    if (line <= 0) {
        return file;
    }
    if (column <= 0) {
        return fmt::format("{}:{}", file, line);
    }
    return fmt::format("{}:{}:{}", file, line, column);
}

std::string Diagnostic::format() const {
    const std::string prefix = where.str();
    const std::string kind = severity == Severity::warning ? "warning: " : "";
    return prefix.empty() ? kind + message : prefix + ": " + kind + message;
}

bool has_errors(const Diagnostics& diagnostics) {
    return std::any_of(diagnostics.begin(), diagnostics.end(),
                       [](const Diagnostic& d) { return d.severity == Severity::error; });
}

namespace {
std::string join_messages(const Diagnostics& diagnostics) {
    std::string text;
    for (const Diagnostic& diagnostic : diagnostics) {
        if (!text.empty()) {
            text += '\n';
        }
        text += diagnostic.format();
    }
    return text;
}
}  // namespace

EvalError::EvalError(Failure failure, std::string message)
    : std::runtime_error(message), m_failure(failure), m_diagnostics{Diagnostic{{}, std::move(message)}} {}

EvalError::EvalError(Failure failure, Diagnostics diagnostics)
    : std::runtime_error(join_messages(diagnostics)), m_failure(failure), m_diagnostics(std::move(diagnostics)) {}

void throw_bad_input(const SourceLocation& where, const std::string& message) {
    throw EvalError(Failure::bad_input, Diagnostics{Diagnostic{where, message}});
}

namespace {
// Optimal string alignment distance: Levenshtein plus adjacent
// transpositions, so "tnoe" is one edit from "tone" as a reader expects.
std::size_t edit_distance(const std::string& a, const std::string& b) {
    std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
    for (std::size_t i = 0; i <= a.size(); ++i) {
        d[i][0] = i;
    }
    for (std::size_t j = 0; j <= b.size(); ++j) {
        d[0][j] = j;
    }
    for (std::size_t i = 1; i <= a.size(); ++i) {
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
                d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
            }
        }
    }
    return d[a.size()][b.size()];
}
}  // namespace

std::string closest_match(const std::string& word, const std::vector<std::string>& candidates) {
    // Allow roughly one typo per three characters, at least one, at most three.
    const std::size_t budget = std::clamp<std::size_t>(word.size() / 3, 1, 3);
    std::string best;
    std::size_t best_distance = budget + 1;
    for (const std::string& candidate : candidates) {
        const std::size_t distance = edit_distance(word, candidate);
        if (distance < best_distance) {
            best = candidate;
            best_distance = distance;
        }
    }
    return best;
}

std::string did_you_mean(const std::string& word, const std::vector<std::string>& candidates) {
    const std::string match = closest_match(word, candidates);
    return match.empty() ? "" : fmt::format(" (did you mean '{}'?)", match);
}

}  // namespace evalbench

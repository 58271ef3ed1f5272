#pragma once
// Located diagnostics and the one exception type evalbench throws.
//
// Everything a user wrote (manifest, suite, flag) is reported as
// `file:line:col: message`; lines and columns are 1-based. Per-request
// failures are not exceptions: see providers/provider.hpp.

#include <stdexcept>
#include <string>
#include <vector>

namespace evalbench {

struct SourceLocation {
    std::string file;
    int line = 0;    // 1-based; 0 = unknown
    int column = 0;  // 1-based; 0 = unknown

    // "file:line:col", "file:line", "file" or "" depending on what is known.
    std::string str() const;
};

enum class Severity { error, warning };

struct Diagnostic {
    SourceLocation where;
    std::string message;
    Severity severity = Severity::error;

    // "file:line:col: message" (with "warning: " before warnings).
    std::string format() const;
};

using Diagnostics = std::vector<Diagnostic>;

bool has_errors(const Diagnostics& diagnostics);

// What kind of failure ends the program; maps one-to-one to exit codes.
enum class Failure {
    bad_input = 2,   // manifest, flag or file is wrong; nothing was sent
    run_failed = 3,  // the run could not finish
};

// The single exception type: fatal usage/config/run errors, caught once in
// the CLI. Carries every diagnostic so they can be reported together.
class EvalError : public std::runtime_error {
public:
    EvalError(Failure failure, std::string message);
    EvalError(Failure failure, Diagnostics diagnostics);

    Failure failure() const { return m_failure; }
    const Diagnostics& diagnostics() const { return m_diagnostics; }

private:
    Failure m_failure;
    Diagnostics m_diagnostics;
};

// Convenience for the common case: bad input at a location.
[[noreturn]] void throw_bad_input(const SourceLocation& where, const std::string& message);

// "did you mean 'x'?" helper: the closest candidate within a small edit
// distance, or "" when nothing is close enough.
std::string closest_match(const std::string& word, const std::vector<std::string>& candidates);

// " (did you mean 'x'?)" or "" — ready to append to a message.
std::string did_you_mean(const std::string& word, const std::vector<std::string>& candidates);

}  // namespace evalbench

#pragma once
// Private to scoring: wording a finished process for a check's reason.

#include <cstddef>
#include <string>

#include "evalbench/sys/process.hpp"

namespace evalbench {

enum class ExcerptEnd { head, tail };

// At most `max_chars` of `text` (keeping the head or the tail, where a
// traceback's useful line is), newlines shown as " ⏎ ", "" when blank.
std::string excerpt(const std::string& text, std::size_t max_chars, ExcerptEnd keep);

// "exit 1", "timed out after 10 s (wall clock)", "CPU time limit reached", ...
std::string describe_ending(const ProcessResult& result, double timeout_s);

// "stderr: ...; stdout: ..." with whichever streams have text.
std::string output_excerpts(const ProcessResult& result);

}  // namespace evalbench

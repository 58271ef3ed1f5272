#pragma once
// Private: finding the code an answer contains (max-diff-lines, retrieval).

#include <optional>
#include <string>
#include <string_view>

namespace evalbench {

// The content of the first fenced code block (``` or ~~~, CommonMark style:
// up to three spaces of indent, a fence of three or more, closed by a fence
// of the same character at least as long; an unclosed block runs to the
// end). With `language`, the first block whose info string starts with that
// word (case-insensitive) is preferred, falling back to the first block.
// The content excludes the fence lines and ends without the final newline.
std::optional<std::string> first_fenced_block(std::string_view text, std::string_view language = {});

// The first fenced block, or the whole answer when there is none.
std::string answer_code(std::string_view text, std::string_view language = {});

}  // namespace evalbench

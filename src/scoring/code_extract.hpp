#pragma once
// Private to scoring: finding the program in a model's answer (code-exec;
// other checks that read code may reuse it).

#include <optional>
#include <string>
#include <vector>

namespace evalbench {

struct FencedBlock {
    std::string tag;   // first word of the info string, lowercased ("" when untagged)
    std::string code;  // the lines between the fences, with a final newline
    bool closed = true;  // false: the answer ended inside the block (cut-off answer)
};

// Every ``` or ~~~ fenced block, in order (CommonMark fences: up to three
// spaces of indent, a closing fence of the same character at least as long).
std::vector<FencedBlock> fenced_blocks(const std::string& text);

struct ExtractedCode {
    std::string code;
    std::string source;  // how it was found, for reasons: "```python block", "whole answer"
};

// The tags a language's fences use: python -> python, py, python3.
std::vector<std::string> language_tags(const std::string& language);

// The rule (documented in code_extract.cpp): the first block tagged with the
// language, else the first untagged block, else the first block, else the
// whole answer when it looks like code. Empty when there is no code.
std::optional<ExtractedCode> extract_code(const std::string& answer, const std::string& language);

}  // namespace evalbench

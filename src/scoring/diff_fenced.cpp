// Fenced code blocks for the checks that read code or lists out of an answer
// (max-diff-lines, retrieval). The blocks themselves are found by
// fenced_blocks (code_extract.hpp), the one CommonMark fence reader scoring
// has; this file only chooses a block.

#include "diff_fenced.hpp"

#include <algorithm>
#include <cctype>

#include "code_extract.hpp"

namespace evalbench {

std::optional<std::string> first_fenced_block(std::string_view text, std::string_view language) {
    const std::vector<FencedBlock> blocks = fenced_blocks(std::string(text));
    if (blocks.empty()) {
        return std::nullopt;
    }
    const FencedBlock* chosen = &blocks.front();
    if (!language.empty()) {
        std::string wanted(language);
        std::transform(wanted.begin(), wanted.end(), wanted.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        const std::vector<std::string> tags = language_tags(wanted);
        const auto tagged = std::find_if(blocks.begin(), blocks.end(), [&](const FencedBlock& block) {
            return std::find(tags.begin(), tags.end(), block.tag) != tags.end();
        });
        if (tagged != blocks.end()) {
            chosen = &*tagged;
        }
    }
    std::string code = chosen->code;
    if (!code.empty() && code.back() == '\n') {
        code.pop_back();
    }
    return code;
}

std::string answer_code(std::string_view text, std::string_view language) {
    return first_fenced_block(text, language).value_or(std::string(text));
}

}  // namespace evalbench

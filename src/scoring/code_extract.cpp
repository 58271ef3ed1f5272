// Finding the program in an answer.
//
// Models wrap code in Markdown fences, often with prose and several blocks
// around it (a usage example, a shell command to install something). The
// rule, in order:
//   1. the first fenced block tagged with the language (```python, ```py,
//      ```python3 for python; see language_tags);
//   2. else the first untagged block (``` alone) — models often omit the tag;
//   3. else the first fenced block whatever its tag (running a mislabelled
//      block beats reporting "no code" for an answer that has code);
//   4. else, with no fence at all, the whole answer when it looks like code:
//      its first non-blank line is code-like and so are at least half of its
//      non-blank lines. A code-like line is indented, starts with a comment
//      or decorator mark or a lowercase keyword (def, import, return, ...),
//      ends with ';' or '{', or begins with an assignment or a call
//      (`name =`, `name(`). Prose starts with a capital and ends in '.'.
// A block the answer ends inside (a cut-off answer) still counts: running
// what is there reports the truncation as the failure it is.

#include "code_extract.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <string_view>

namespace evalbench {

namespace {

std::vector<std::string_view> split_lines(const std::string& text) {
    std::vector<std::string_view> lines;
    std::size_t begin = 0;
    while (begin < text.size()) {
        std::size_t end = text.find('\n', begin);
        if (end == std::string::npos) {
            end = text.size();
        }
        std::string_view line(text.data() + begin, end - begin);
        if (!line.empty() && line.back() == '\r') {
            line.remove_suffix(1);
        }
        lines.push_back(line);
        begin = end + 1;
    }
    return lines;
}

std::string_view trim(std::string_view text) {
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())) != 0) {
        text.remove_prefix(1);
    }
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())) != 0) {
        text.remove_suffix(1);
    }
    return text;
}

struct Fence {
    char mark = 0;
    std::size_t length = 0;
    std::string_view info;
};

// A fence line: up to three spaces, then three or more ` or ~.
std::optional<Fence> parse_fence(std::string_view line) {
    std::size_t indent = 0;
    while (indent < line.size() && indent < 4 && line[indent] == ' ') {
        ++indent;
    }
    if (indent > 3 || indent >= line.size() || (line[indent] != '`' && line[indent] != '~')) {
        return std::nullopt;
    }
    const char mark = line[indent];
    std::size_t end = indent;
    while (end < line.size() && line[end] == mark) {
        ++end;
    }
    if (end - indent < 3) {
        return std::nullopt;
    }
    return Fence{mark, end - indent, trim(line.substr(end))};
}

std::string first_word_lowercase(std::string_view info) {
    std::string word;
    for (const char c : info) {
        if (std::isspace(static_cast<unsigned char>(c)) != 0 || c == '{' || c == ',') {
            break;
        }
        word.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    }
    return word;
}

bool code_like(std::string_view line) {
    static const std::array<std::string_view, 36> keywords = {
        "def",    "class",   "import", "from",   "return", "if",     "elif",     "else",  "for",
        "while",  "try",     "except", "finally", "with",  "async",  "await",    "raise", "assert",
        "pass",   "break",   "continue", "yield", "lambda", "print", "function", "const", "let",
        "var",    "fn",      "func",   "package", "public", "static", "include", "echo",  "export"};
    if (std::isspace(static_cast<unsigned char>(line.front())) != 0) {
        return true;  // indented
    }
    const std::string_view text = trim(line);
    for (const std::string_view mark : {"#", "//", "/*", "@", "}", ")", "]"}) {
        if (text.starts_with(mark)) {
            return true;
        }
    }
    if (text.ends_with(";") || text.ends_with("{")) {
        return true;
    }
    std::size_t name_end = 0;
    while (name_end < text.size() && (std::isalnum(static_cast<unsigned char>(text[name_end])) != 0 ||
                                       text[name_end] == '_' || text[name_end] == '.')) {
        ++name_end;
    }
    const std::string_view name = text.substr(0, name_end);
    if (std::find(keywords.begin(), keywords.end(), name) != keywords.end()) {
        return true;
    }
    const std::string_view rest = trim(text.substr(name_end));
    return !name.empty() && (rest.starts_with("=") || rest.starts_with("+=") || rest.starts_with("-=") ||
                             rest.starts_with("("));
}

bool looks_like_code(const std::string& answer) {
    std::size_t total = 0;
    std::size_t code = 0;
    bool first = true;
    for (const std::string_view line : split_lines(answer)) {
        if (trim(line).empty()) {
            continue;
        }
        const bool is_code = code_like(line);
        if (first && !is_code) {
            return false;
        }
        first = false;
        ++total;
        code += is_code ? 1 : 0;
    }
    return total > 0 && code * 2 >= total;
}

}  // namespace

std::vector<FencedBlock> fenced_blocks(const std::string& text) {
    std::vector<FencedBlock> blocks;
    std::optional<Fence> open;
    FencedBlock current;
    for (const std::string_view line : split_lines(text)) {
        const std::optional<Fence> fence = parse_fence(line);
        if (!open) {
            if (fence && !(fence->mark == '`' && fence->info.find('`') != std::string_view::npos)) {
                open = fence;
                current = FencedBlock{first_word_lowercase(fence->info), "", true};
            }
            continue;
        }
        if (fence && fence->mark == open->mark && fence->length >= open->length && fence->info.empty()) {
            blocks.push_back(std::move(current));
            open.reset();
            continue;
        }
        current.code.append(line);
        current.code.push_back('\n');
    }
    if (open) {
        current.closed = false;
        blocks.push_back(std::move(current));
    }
    return blocks;
}

std::vector<std::string> language_tags(const std::string& language) {
    if (language == "python" || language == "py" || language == "python3") {
        return {"python", "py", "python3"};
    }
    if (language == "javascript" || language == "js" || language == "node") {
        return {"javascript", "js", "node", "mjs"};
    }
    if (language == "typescript" || language == "ts") {
        return {"typescript", "ts"};
    }
    if (language == "bash" || language == "sh" || language == "shell") {
        return {"bash", "sh", "shell", "zsh"};
    }
    if (language == "ruby" || language == "rb") {
        return {"ruby", "rb"};
    }
    return {language};
}

std::optional<ExtractedCode> extract_code(const std::string& answer, const std::string& language) {
    const std::vector<FencedBlock> blocks = fenced_blocks(answer);
    const std::vector<std::string> tags = language_tags(language);
    const auto describe = [](const FencedBlock& block) {
        return "```" + block.tag + " block" + (block.closed ? "" : " (unterminated)");
    };
    for (const FencedBlock& block : blocks) {
        if (std::find(tags.begin(), tags.end(), block.tag) != tags.end()) {
            return ExtractedCode{block.code, describe(block)};
        }
    }
    for (const FencedBlock& block : blocks) {
        if (block.tag.empty()) {
            return ExtractedCode{block.code, "untagged ``` block"};
        }
    }
    if (!blocks.empty()) {
        return ExtractedCode{blocks.front().code, describe(blocks.front())};
    }
    if (looks_like_code(answer)) {
        return ExtractedCode{answer, "whole answer (no fenced block)"};
    }
    return std::nullopt;
}

}  // namespace evalbench

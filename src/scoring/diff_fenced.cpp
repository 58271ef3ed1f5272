// Fenced code blocks, read line by line as CommonMark does: an opening
// fence is three or more backticks or tildes after at most three spaces,
// optionally followed by an info string (the language); the block ends at a
// line holding only a fence of the same character that is at least as long.

#include "diff_fenced.hpp"

#include <algorithm>
#include <cctype>

namespace evalbench {

namespace {

struct Fence {
    char symbol = 0;
    std::size_t length = 0;
    std::string_view info;
};

std::optional<Fence> read_fence(std::string_view line) {
    std::size_t at = 0;
    while (at < line.size() && at < 3 && line[at] == ' ') {
        ++at;
    }
    if (at >= line.size() || (line[at] != '`' && line[at] != '~')) {
        return std::nullopt;
    }
    Fence fence;
    fence.symbol = line[at];
    while (at < line.size() && line[at] == fence.symbol) {
        ++fence.length;
        ++at;
    }
    if (fence.length < 3) {
        return std::nullopt;
    }
    std::string_view info = line.substr(at);
    while (!info.empty() && (info.front() == ' ' || info.front() == '\t')) {
        info.remove_prefix(1);
    }
    while (!info.empty() && (info.back() == ' ' || info.back() == '\t' || info.back() == '\r')) {
        info.remove_suffix(1);
    }
    if (fence.symbol == '`' && info.find('`') != std::string_view::npos) {
        return std::nullopt;  // CommonMark: a backtick fence's info string has no backticks
    }
    fence.info = info;
    return fence;
}

bool is_closing(std::string_view line, const Fence& opening) {
    const std::optional<Fence> fence = read_fence(line);
    return fence && fence->symbol == opening.symbol && fence->length >= opening.length && fence->info.empty();
}

bool info_names(std::string_view info, std::string_view language) {
    const std::string_view word = info.substr(0, info.find_first_of(" \t{"));
    return word.size() == language.size() &&
           std::equal(word.begin(), word.end(), language.begin(), [](char a, char b) {
               return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
           });
}

}  // namespace

std::optional<std::string_view> first_fenced_block(std::string_view text, std::string_view language) {
    std::optional<std::string_view> first;
    std::size_t at = 0;
    while (at < text.size()) {
        std::size_t end = text.find('\n', at);
        end = end == std::string_view::npos ? text.size() : end;
        const std::optional<Fence> opening = read_fence(text.substr(at, end - at));
        if (!opening) {
            at = end + 1;
            continue;
        }
        const std::size_t body = std::min(end + 1, text.size());
        std::size_t line = body;
        std::size_t body_end = text.size();
        std::size_t next = text.size();
        while (line < text.size()) {
            std::size_t line_end = text.find('\n', line);
            line_end = line_end == std::string_view::npos ? text.size() : line_end;
            if (is_closing(text.substr(line, line_end - line), *opening)) {
                body_end = line;
                next = line_end + 1;
                break;
            }
            line = line_end + 1;
        }
        std::string_view content = text.substr(body, body_end - body);
        if (!content.empty() && content.back() == '\n') {
            content.remove_suffix(1);
        }
        if (!content.empty() && content.back() == '\r') {
            content.remove_suffix(1);
        }
        if (language.empty() || info_names(opening->info, language)) {
            return content;
        }
        if (!first) {
            first = content;
        }
        at = next;
    }
    return first;
}

std::string_view answer_code(std::string_view text, std::string_view language) {
    return first_fenced_block(text, language).value_or(text);
}

}  // namespace evalbench

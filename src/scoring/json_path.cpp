// Parsing and walking `json-path` paths; the syntax is in json_path.hpp.

#include "json_path.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace evalbench {

namespace {

using Step = JsonPath::Step;
using StepKind = JsonPath::StepKind;

// "0", "17" -> index; "", "01", "x", "-1" -> none (RFC 6901 forbids leading zeros).
std::optional<std::size_t> as_index(const std::string& token) {
    constexpr std::size_t k_max_digits = 15;
    if (token.empty() || token.size() > k_max_digits || (token.size() > 1 && token[0] == '0')) {
        return std::nullopt;
    }
    std::size_t index = 0;
    for (const char c : token) {
        if (c < '0' || c > '9') {
            return std::nullopt;
        }
        index = index * 10 + static_cast<std::size_t>(c - '0');
    }
    return index;
}

std::expected<std::vector<Step>, std::string> parse_pointer(const std::string& text) {
    std::vector<Step> steps;
    std::size_t at = 1;  // past the leading '/'
    while (true) {
        const std::size_t end = std::min(text.find('/', at), text.size());
        std::string token;
        for (std::size_t index = at; index < end; ++index) {
            if (text[index] != '~') {
                token.push_back(text[index]);
                continue;
            }
            const char next = index + 1 < end ? text[index + 1] : '\0';
            if (next != '0' && next != '1') {
                return std::unexpected(fmt::format("'~' at char {} must be followed by 0 (for '~') or 1 (for '/')", index + 1));
            }
            token.push_back(next == '0' ? '~' : '/');
            ++index;
        }
        steps.push_back({StepKind::name, token, as_index(token)});
        if (end == text.size()) {
            return steps;
        }
        at = end + 1;
    }
}

std::expected<std::vector<Step>, std::string> parse_dotted(const std::string& text) {
    std::vector<Step> steps;
    std::size_t at = 1;  // past the '$'
    const auto failure = [](std::size_t where, const std::string& message) {
        return std::unexpected(fmt::format("{} at char {}", message, where + 1));
    };
    while (at < text.size()) {
        const char c = text[at];
        if (c == '.') {
            if (at + 1 < text.size() && text[at + 1] == '.') {
                return failure(at, "recursive descent '..' is not supported");
            }
            const std::size_t end = std::min(text.find_first_of(".[", at + 1), text.size());
            const std::string name = text.substr(at + 1, end - at - 1);
            if (name.empty()) {
                return failure(at, "expected a name after '.'");
            }
            if (name == "*") {
                return failure(at + 1, "wildcards are not supported");
            }
            steps.push_back({StepKind::name, name, as_index(name)});
            at = end;
        } else if (c == '[') {
            const char next = at + 1 < text.size() ? text[at + 1] : '\0';
            if (next == '\'' || next == '"') {
                std::string key;
                std::size_t index = at + 2;
                for (; index < text.size() && text[index] != next; ++index) {
                    if (text[index] == '\\' && index + 1 < text.size()) {
                        ++index;  // \' \" \\ stand for the character itself
                    }
                    key.push_back(text[index]);
                }
                if (index + 1 >= text.size() || text[index + 1] != ']') {
                    return failure(at, "unclosed quoted name (expected a closing quote and ']')");
                }
                steps.push_back({StepKind::key, key, std::nullopt});
                at = index + 2;
            } else {
                const std::size_t close = text.find(']', at);
                if (close == std::string::npos) {
                    return failure(at, "missing ']'");
                }
                const std::string inside = text.substr(at + 1, close - at - 1);
                const std::optional<std::size_t> index = as_index(inside);
                if (!index) {
                    if (inside == "*" || inside.starts_with('?') || inside.find(':') != std::string::npos ||
                        inside.starts_with('-')) {
                        return failure(at + 1, fmt::format("'[{}]': wildcards, filters, slices and negative indices are not supported", inside));
                    }
                    return failure(at + 1, fmt::format("'[{}]' is neither an index nor a quoted name", inside));
                }
                steps.push_back({StepKind::index, "", index});
                at = close + 1;
            }
        } else {
            return failure(at, fmt::format("unexpected '{}' (expected '.' or '[')", c));
        }
    }
    return steps;
}

// `.key`, or `["key"]` when the key is not a plain name.
std::string shown_key(const std::string& key) {
    const bool plain = !key.empty() && key.find_first_of(".[]'\" ") == std::string::npos;
    return plain ? "." + key : fmt::format("[{}]", Json(key).dump());
}

}  // namespace

std::expected<JsonPath, std::string> JsonPath::parse(const std::string& text) {
    std::expected<std::vector<Step>, std::string> steps;
    if (text.starts_with('$')) {
        steps = parse_dotted(text);
    } else if (text.starts_with('/')) {
        steps = parse_pointer(text);
    } else {
        return std::unexpected("a path starts with '$' (JSONPath, e.g. $.a.b[0]) or '/' (JSON Pointer, e.g. /a/b/0)");
    }
    if (!steps) {
        return std::unexpected(steps.error());
    }
    JsonPath path;
    path.m_text = text;
    path.m_steps = std::move(*steps);
    return path;
}

const Json* JsonPath::find(const Json& root, std::string* missing) const {
    const Json* current = &root;
    std::string walked = "$";
    for (const Step& step : m_steps) {
        const Json* next = nullptr;
        std::string problem;
        if (current->is_object() && step.kind != StepKind::index) {
            const auto found = current->find(step.key);
            if (found != current->end()) {
                next = &*found;
            } else {
                problem = fmt::format("no key {} in the object at {}", Json(step.key).dump(), walked);
            }
        } else if (current->is_array() && step.index) {
            if (*step.index < current->size()) {
                next = &(*current)[*step.index];
            } else {
                problem = fmt::format("index {} is past the end of the array at {} ({} items)", *step.index, walked,
                                      current->size());
            }
        } else {
            const char* wanted = step.kind == StepKind::index ? "an array" : (step.index ? "an object or array" : "an object");
            problem = fmt::format("expected {} at {}, found {}", wanted, walked, current->type_name());
        }
        if (next == nullptr) {
            if (missing != nullptr) {
                *missing = std::move(problem);
            }
            return nullptr;
        }
        walked += current->is_array() ? fmt::format("[{}]", *step.index) : shown_key(step.key);
        current = next;
    }
    return current;
}

}  // namespace evalbench

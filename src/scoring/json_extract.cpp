// Finding JSON in an answer; see json_extract.hpp for the rules.
//
// Validation goes through nlohmann's SAX parser with a handler that keeps
// nothing: it costs about what `accept` costs, never throws (nlohmann hands
// the handler its parse_error object instead of throwing it), and reports
// where and why parsing stopped. Candidates in prose are found by a
// string-aware bracket count from each `{` or `[`; only a balanced span is
// handed to the parser.

#include "json_extract.hpp"

#include <algorithm>
#include <cctype>

#include "evalbench/core/json.hpp"
#include "text_unicode.hpp"

namespace evalbench {

namespace {

class SyntaxSax final : public nlohmann::json_sax<Json> {
public:
    bool null() override { return value(); }
    bool boolean(bool /*value*/) override { return value(); }
    bool number_integer(number_integer_t /*value*/) override { return value(); }
    bool number_unsigned(number_unsigned_t /*value*/) override { return value(); }
    bool number_float(number_float_t /*value*/, const string_t& /*text*/) override { return value(); }
    bool string(string_t& /*value*/) override { return value(); }
    bool binary(binary_t& /*value*/) override { return value(); }
    bool start_object(std::size_t /*size*/) override { return open(JsonTop::object); }
    bool key(string_t& /*value*/) override { return true; }
    bool end_object() override { return true; }
    bool start_array(std::size_t /*size*/) override { return open(JsonTop::array); }
    bool end_array() override { return true; }

    bool parse_error(std::size_t position, const std::string& /*last_token*/,
                     const nlohmann::detail::exception& error) override {
        m_failed = true;
        m_position = position;
        m_message = error.what();
        return false;
    }

    std::optional<JsonTop> top() const { return m_failed ? std::nullopt : m_top; }
    std::size_t position() const { return m_position; }
    const std::string& message() const { return m_message; }

private:
    bool value() {
        if (!m_top) {
            m_top = JsonTop::scalar;
        }
        return true;
    }
    bool open(JsonTop top) {
        if (!m_top) {
            m_top = top;
        }
        return true;
    }

    std::optional<JsonTop> m_top;
    bool m_failed = false;
    std::size_t m_position = 0;
    std::string m_message;
};

bool starts_with_fence(std::string_view line) {
    return line.starts_with("```") || line.starts_with("~~~");
}

// The line starting at `at` (without its newline) and where the next begins.
std::pair<std::string_view, std::size_t> line_at(std::string_view text, std::size_t at) {
    const std::size_t end = text.find('\n', at);
    if (end == std::string_view::npos) {
        return {text.substr(at), text.size()};
    }
    return {text.substr(at, end - at), end + 1};
}

// The byte index of the bracket closing the one at `start`, counting both
// kinds together (mismatches are the parser's job) and skipping strings.
std::optional<std::size_t> balanced_end(std::string_view text, std::size_t start) {
    std::size_t depth = 0;
    bool in_string = false;
    bool escaped = false;
    for (std::size_t at = start; at < text.size(); ++at) {
        const char c = text[at];
        if (in_string) {
            if (escaped) {
                escaped = false;
            } else if (c == '\\') {
                escaped = true;
            } else if (c == '"') {
                in_string = false;
            }
            continue;
        }
        if (c == '"') {
            in_string = true;
        } else if (c == '{' || c == '[') {
            ++depth;
        } else if (c == '}' || c == ']') {
            if (--depth == 0) {
                return at;
            }
        }
    }
    return std::nullopt;
}

JsonText located(std::string_view answer, std::string_view text, JsonTop top, bool fenced) {
    return {text, static_cast<std::size_t>(text.data() - answer.data()), top, fenced};
}

// The first ```json block whose body is JSON of the required kind.
std::optional<JsonText> find_fenced(std::string_view answer, JsonKind kind) {
    std::size_t at = 0;
    while (at < answer.size()) {
        const auto [line, next] = line_at(answer, at);
        at = next;
        const std::string_view opening = text::trim(line);
        if (!starts_with_fence(opening)) {
            continue;
        }
        std::string info(text::trim(opening.substr(3)));
        std::transform(info.begin(), info.end(), info.begin(), [](unsigned char c) { return std::tolower(c); });
        const std::size_t body_start = at;
        std::size_t body_end = answer.size();
        while (at < answer.size()) {
            const auto [inner, after] = line_at(answer, at);
            if (starts_with_fence(text::trim(inner))) {
                body_end = at;
                at = after;
                break;
            }
            at = after;
        }
        if (info != "json") {
            continue;
        }
        const std::string_view body = text::trim(answer.substr(body_start, body_end - body_start));
        const std::optional<JsonTop> top = check_json_syntax(body, nullptr);
        if (top && *top != JsonTop::scalar && kind_matches(kind, *top)) {
            return located(answer, body, *top, true);
        }
    }
    return std::nullopt;
}

}  // namespace

bool kind_matches(JsonKind kind, JsonTop top) {
    switch (kind) {
        case JsonKind::any: return true;
        case JsonKind::object: return top == JsonTop::object;
        case JsonKind::array: return top == JsonTop::array;
    }
    return false;
}

std::string to_string(JsonTop top) {
    switch (top) {
        case JsonTop::object: return "an object";
        case JsonTop::array: return "an array";
        case JsonTop::scalar: break;
    }
    return "a scalar";
}

std::optional<JsonTop> check_json_syntax(std::string_view text, JsonSyntaxError* error) {
    SyntaxSax sax;
    std::ignore = Json::sax_parse(text.data(), text.data() + text.size(), &sax);  // the handler keeps the outcome
    const std::optional<JsonTop> top = sax.top();
    if (!top && error != nullptr) {
        std::string message = sax.message();
        const std::size_t prefix = message.find("] ");
        if (message.starts_with("[json.exception") && prefix != std::string::npos) {
            message.erase(0, prefix + 2);
        }
        // nlohmann counts characters read, one past the offending one.
        const std::size_t byte = sax.position() > 0 ? sax.position() - 1 : 0;
        // The message quotes the bytes last read, which may be broken UTF-8.
        *error = {std::min(byte, text.size()), text::valid_utf8(message)};
    }
    return top;
}

std::optional<JsonText> whole_json(std::string_view answer, JsonSyntaxError* error) {
    std::string_view body = text::trim(answer);
    bool fenced = false;
    if (starts_with_fence(body)) {
        // One fenced block that is the whole answer: drop the opening line
        // (with its info string) and a closing fence on its own line.
        const std::size_t first_newline = body.find('\n');
        const std::size_t last_newline = body.rfind('\n');
        if (first_newline != std::string_view::npos && last_newline > first_newline &&
            starts_with_fence(text::trim(body.substr(last_newline + 1)))) {
            body = text::trim(body.substr(first_newline + 1, last_newline - first_newline - 1));
            fenced = true;
        }
    }
    const std::optional<JsonTop> top = check_json_syntax(body, error);
    if (!top) {
        return std::nullopt;
    }
    return located(answer, body, *top, fenced);
}

std::optional<JsonText> find_json(std::string_view answer, JsonKind kind) {
    if (std::optional<JsonText> fenced = find_fenced(answer, kind)) {
        return fenced;
    }
    const char* openers = kind == JsonKind::object ? "{" : (kind == JsonKind::array ? "[" : "{[");
    std::size_t tried = 0;
    for (std::size_t start = answer.find_first_of(openers); start != std::string_view::npos && tried < k_max_candidates;
         start = answer.find_first_of(openers, start + 1)) {
        ++tried;
        const std::optional<std::size_t> end = balanced_end(answer, start);
        if (!end) {
            continue;
        }
        const std::string_view candidate = answer.substr(start, *end - start + 1);
        const std::optional<JsonTop> top = check_json_syntax(candidate, nullptr);
        if (top && kind_matches(kind, *top)) {
            return located(answer, candidate, *top, false);
        }
    }
    return std::nullopt;
}

}  // namespace evalbench

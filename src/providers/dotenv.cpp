// A `.env` reader, in the dialect most tools agree on (docker compose,
// python-dotenv, direnv's dotenv):
//
//   # comment                     blank lines and comments are skipped
//   export OPENAI_API_KEY=sk-...  `export ` is allowed and ignored
//   A=plain value # note          unquoted: trimmed, ` #` starts a comment
//   B='literal $X \n'             single quotes: taken as written
//   C="line\nnext \"q\""          double quotes: \n \r \t \" \\ \$ escapes;
//                                 may span lines (PEM keys)
//
// No variable expansion: a key file is data, not a script. Every bad line is
// reported (then skipped) as `file:line:col: message`; a message never quotes
// the line, because the line may hold a secret.
#include <cctype>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "evalbench/providers/secrets.hpp"

namespace evalbench {
namespace {

class DotenvParser {
public:
    DotenvParser(std::string_view text, std::string origin) : m_text(text), m_origin(std::move(origin)) {}

    std::map<std::string, std::string> parse() {
        while (!at_end()) {
            parse_line();
        }
        if (has_errors(m_diagnostics)) {
            throw EvalError(Failure::bad_input, m_diagnostics);
        }
        return m_values;
    }

private:
    bool at_end() const { return m_pos >= m_text.size(); }
    char peek() const { return at_end() ? '\0' : m_text[m_pos]; }
    char advance() {
        const char c = m_text[m_pos++];
        if (c == '\n') {
            ++m_line;
            m_column = 1;
        } else {
            ++m_column;
        }
        return c;
    }
    void skip_blanks() {
        while (peek() == ' ' || peek() == '\t') {
            advance();
        }
    }
    void skip_line() {
        while (!at_end() && advance() != '\n') {
        }
    }
    // Records the problem and moves on to the next line.
    void fail(const std::string& message) {
        m_diagnostics.push_back({SourceLocation{m_origin, m_line, m_column}, message, Severity::error});
        skip_line();
    }
    static bool name_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
    static bool name_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

    std::string read_name() {
        std::string name;
        while (name_char(peek())) {
            name += advance();
        }
        return name;
    }

    void parse_line() {
        skip_blanks();
        if (peek() == '\n' || peek() == '\r' || peek() == '#' || at_end()) {
            skip_line();
            return;
        }
        if (!name_start(peek())) {
            fail("expected a variable name (letters, digits, '_')");
            return;
        }
        std::string name = read_name();
        if (name == "export" && (peek() == ' ' || peek() == '\t')) {
            skip_blanks();
            if (!name_start(peek())) {
                fail("expected a variable name after 'export'");
                return;
            }
            name = read_name();
        }
        skip_blanks();
        if (peek() != '=') {
            // Not `name`: a key pasted on a line of its own reads as a name.
            fail("expected '=' after the variable name");
            return;
        }
        advance();
        skip_blanks();
        std::optional<std::string> value;
        if (peek() == '"' || peek() == '\'') {
            value = read_quoted(name);
        } else {
            value = read_unquoted();
        }
        if (value) {
            m_values[name] = std::move(*value);
        }
    }

    std::string read_unquoted() {
        std::string value;
        while (!at_end() && peek() != '\n') {
            if (peek() == '#' && (value.empty() || value.back() == ' ' || value.back() == '\t')) {
                break;
            }
            value += advance();
        }
        skip_line();
        while (!value.empty() && std::isspace(static_cast<unsigned char>(value.back()))) {
            value.pop_back();
        }
        return value;
    }

    std::optional<std::string> read_quoted(const std::string& name) {
        const int start_line = m_line;
        const int start_column = m_column;
        const char quote = advance();
        std::string value;
        while (!at_end() && peek() != quote) {
            const char c = advance();
            if (c == '\\' && quote == '"' && !at_end()) {
                const char escaped = advance();
                switch (escaped) {
                    case 'n': value += '\n'; break;
                    case 'r': value += '\r'; break;
                    case 't': value += '\t'; break;
                    case '"': case '\\': case '$': value += escaped; break;
                    default: value += '\\'; value += escaped; break;
                }
            } else {
                value += c;
            }
        }
        if (at_end()) {
            m_diagnostics.push_back({SourceLocation{m_origin, start_line, start_column},
                                     fmt::format("the value of {} opens a quote that is never closed", name),
                                     Severity::error});
            return std::nullopt;
        }
        advance();  // the closing quote
        skip_blanks();
        if (peek() == '\r') {
            advance();
        }
        if (!at_end() && peek() != '\n' && peek() != '#') {
            fail(fmt::format("unexpected text after the closing quote of {}", name));
            return std::nullopt;
        }
        skip_line();
        return value;
    }

    std::string_view m_text;
    std::string m_origin;
    std::size_t m_pos = 0;
    int m_line = 1;
    int m_column = 1;
    std::map<std::string, std::string> m_values;
    Diagnostics m_diagnostics;
};

}  // namespace

std::map<std::string, std::string> parse_dotenv_text(std::string_view text, const std::string& origin) {
    return DotenvParser(text, origin).parse();
}

std::map<std::string, std::string> parse_dotenv(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw EvalError(Failure::bad_input, fmt::format("{}: cannot read the file", path.string()));
    }
    std::stringstream text;
    text << in.rdbuf();
    return parse_dotenv_text(text.str(), path.string());
}

}  // namespace evalbench

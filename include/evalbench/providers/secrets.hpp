#pragma once
// Where API keys come from, and where they may go. See src/providers/secrets.cpp.

#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "evalbench/core/model.hpp"
#include "evalbench/providers/adapters.hpp"

namespace evalbench {

// Looks a variable up; nullopt when unset. The real one reads getenv.
using EnvLookup = std::function<std::optional<std::string>(const std::string& name)>;
EnvLookup process_environment();

// OPENAI_API_KEY, ANTHROPIC_API_KEY, GEMINI_API_KEY; "" for providers without one.
std::string default_key_variable(const std::string& provider);
// api.openai.com, api.anthropic.com, generativelanguage.googleapis.com; "" otherwise.
std::string default_host(const std::string& provider);

// True when requests go to the provider's own official host: no base_url, or
// an https base_url on that host (port 443).
bool uses_default_host(const ModelSpec& model);

// The key a model entry sends, or nullopt when it sends none (exec, mock, or
// a custom base_url without api_key_env: Ollama and friends need no key).
// The environment wins over `dotenv`; an empty value counts as unset.
// Throws EvalError(bad_input) at the model's location, naming the variable
// (never a value), when a key is needed and missing.
std::optional<Credentials> resolve_credentials(const ModelSpec& model,
                                               const std::map<std::string, std::string>& dotenv,
                                               const EnvLookup& environment = process_environment());

// A `.env` file: KEY=VALUE lines, optional `export ` prefix, '...' (literal)
// or "..." (with \n \t \" \\ \$ escapes) quoting, # comments, blank lines.
// Later lines win. Throws EvalError(bad_input) with one `file:line:col:`
// diagnostic per bad line; diagnostics never quote a value.
std::map<std::string, std::string> parse_dotenv(const std::filesystem::path& path);
std::map<std::string, std::string> parse_dotenv_text(std::string_view text, const std::string& origin);

}  // namespace evalbench

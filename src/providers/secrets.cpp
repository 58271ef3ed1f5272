// API key selection.
//
// Keys come only from the environment (or a `.env` beside the manifest, which
// the process environment overrides). The rule that decides which key a model
// entry sends protects the default keys: OPENAI_API_KEY and friends go only
// to their provider's own official host. A model with a custom base_url (a
// local Ollama, a company proxy, OpenRouter) sends only the variable its
// `api_key_env` names, or no key at all — otherwise a typo'd or hostile
// base_url in a shared manifest would receive the team's OpenAI key.
//
// Values never leave this file except inside Credentials::api_key, which the
// adapters place in a request header; error messages name variables only.
#include "evalbench/providers/secrets.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>

#include <fmt/format.h>

namespace evalbench {

EnvLookup process_environment() {
    return [](const std::string& name) -> std::optional<std::string> {
        const char* value = std::getenv(name.c_str());
        if (value == nullptr) {
            return std::nullopt;
        }
        return std::string(value);
    };
}

std::string default_key_variable(const std::string& provider) {
    if (provider == "openai") {
        return "OPENAI_API_KEY";
    }
    if (provider == "anthropic") {
        return "ANTHROPIC_API_KEY";
    }
    if (provider == "gemini") {
        return "GEMINI_API_KEY";
    }
    return "";
}

std::string default_host(const std::string& provider) {
    if (provider == "openai") {
        return "api.openai.com";
    }
    if (provider == "anthropic") {
        return "api.anthropic.com";
    }
    if (provider == "gemini") {
        return "generativelanguage.googleapis.com";
    }
    return "";
}

bool uses_default_host(const ModelSpec& model) {
    if (model.base_url.empty()) {
        return true;
    }
    const std::string host = default_host(model.provider);
    constexpr std::string_view scheme = "https://";
    std::string url = model.base_url;
    std::transform(url.begin(), url.end(), url.begin(), [](unsigned char c) { return std::tolower(c); });
    if (host.empty() || !url.starts_with(scheme)) {
        return false;
    }
    // The authority ends at the first '/', '?' or '#'. Userinfo ('@') is
    // refused: "https://api.openai.com@evil.example" is not OpenAI.
    const std::string authority = url.substr(scheme.size(), url.find_first_of("/?#", scheme.size()) - scheme.size());
    return authority == host || authority == host + ":443";
}

namespace {

std::optional<std::string> lookup(const std::string& name, const std::map<std::string, std::string>& dotenv,
                                  const EnvLookup& environment) {
    if (std::optional<std::string> value = environment(name); value && !value->empty()) {
        return value;
    }
    if (auto found = dotenv.find(name); found != dotenv.end() && !found->second.empty()) {
        return found->second;
    }
    return std::nullopt;
}

}  // namespace

std::optional<Credentials> resolve_credentials(const ModelSpec& model,
                                               const std::map<std::string, std::string>& dotenv,
                                               const EnvLookup& environment) {
    if (!model.api_key_env.empty()) {
        if (std::optional<std::string> value = lookup(model.api_key_env, dotenv, environment)) {
            return Credentials{std::move(*value), model.api_key_env};
        }
        throw_bad_input(model.where,
                        fmt::format("model '{}': api_key_env names {}, which is not set in the environment or .env",
                                    model.id, model.api_key_env));
    }
    const std::string variable = default_key_variable(model.provider);
    if (variable.empty() || !uses_default_host(model)) {
        return std::nullopt;
    }
    if (std::optional<std::string> value = lookup(variable, dotenv, environment)) {
        return Credentials{std::move(*value), variable};
    }
    throw_bad_input(model.where, fmt::format("model '{}': no API key; set {} or name another variable with "
                                             "api_key_env in the model entry",
                                             model.id, variable));
}

}  // namespace evalbench

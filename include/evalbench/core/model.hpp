#pragma once
// Models, prompt variants and the configurations compared (model x variant).

#include <optional>
#include <string>
#include <vector>

#include "evalbench/core/error.hpp"
#include "evalbench/core/json.hpp"
#include "evalbench/core/test_case.hpp"

namespace evalbench {

struct Pricing {
    double input_per_mtok = 0.0;   // USD per million input tokens
    double output_per_mtok = 0.0;  // USD per million output tokens (reasoning included)
};

struct ModelSpec {
    std::string id;        // the name used in reports and trial keys
    std::string provider;  // openai | anthropic | gemini | exec | mock
    std::string model;     // the provider's model name (or the command for exec)
    std::string base_url;  // empty: the provider's default host
    std::string api_key_env;  // empty: the provider's default variable
    Json params = Json::object();  // passed through to the provider
    std::optional<Pricing> pricing;
    bool stream = false;
    std::optional<int> rpm;
    std::optional<int> tpm;
    std::optional<int> max_concurrency;
    SourceLocation where;
};

// A prompt variant: what is wrapped around each case's prompt.
struct Variant {
    std::string id = "default";
    std::optional<std::string> system;  // replaces the case's system prompt when set
    std::vector<Message> few_shot;      // inserted before the case's messages
    std::string prompt_template;        // "" or a template containing {{prompt}}
    SourceLocation where;
};

// What is compared: a model under a variant.
struct Configuration {
    const ModelSpec* model = nullptr;
    const Variant* variant = nullptr;

    // "model" when the variant is "default", otherwise "model/variant".
    std::string label() const;
};

}  // namespace evalbench

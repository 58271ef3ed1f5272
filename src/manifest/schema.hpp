#pragma once
// The one place that lists what a manifest and a suite may contain. Each issue
// that adds a key extends these lists; anything not listed stays an error.

#include <string>
#include <string_view>
#include <vector>

namespace evalbench::schema {

// Every mapping the loader checks keys of.
enum class Section {
    manifest,
    model,
    pricing,
    variant,
    few_shot_message,
    defaults,
    dimensions,  // names, not keys: see known_dimensions()
    gates,
    category_gate,
    embeddings,
    suite,
    test_case,
    message,
    mock,
    mock_tool_call,
    tool,
    tool_choice,
};

// Keys a section accepts.
const std::vector<std::string>& keys(Section section);

// "manifest", "model", "case", ... as used in "unknown key 'x' in a model".
std::string_view describe(Section section);

// Keys that are planned but not built yet: reported as such, not as typos.
const std::vector<std::string>& unsupported_keys();

const std::vector<std::string>& providers();
const std::vector<std::string>& known_dimensions();
const std::vector<std::string>& difficulties();
const std::vector<std::string>& expectations();
const std::vector<std::string>& message_roles();
const std::vector<std::string>& few_shot_roles();
const std::vector<std::string>& finish_reasons();
const std::vector<std::string>& tool_choices();

// Keys every check mapping may carry besides its type's own parameters; the
// loader fills CheckSpec fields from them (`type` is handled separately).
const std::vector<std::string>& common_check_keys();

}  // namespace evalbench::schema

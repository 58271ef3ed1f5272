#pragma once
// The section parsers the loader is made of (private to the manifest module).
// Each reads one kind of mapping into core types, reporting problems through
// the Reader and filling in what it could, so later stages can still check
// what does not depend on the broken part.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "evalbench/manifest/manifest.hpp"
#include "reader.hpp"
#include "yaml_tree.hpp"

namespace evalbench::loading {

// Parts of the manifest that can only be checked once the suites are loaded.
struct DeferredChecks {
    const yaml::Node* suites = nullptr;           // the `suites` list, when usable
    const yaml::Node* dimensions = nullptr;       // the `dimensions` mapping
    const yaml::Node* gate_categories = nullptr;  // `gates.categories`
};

// Fills everything of `manifest` that comes from the manifest file itself.
DeferredChecks parse_manifest_sections(Reader& reader, const yaml::Node& root, Manifest& manifest);

// `models` and `variants` lists (models.cpp).
void parse_model_list(Reader& reader, const yaml::Node& list, Manifest& manifest);
void parse_variant_list(Reader& reader, const yaml::Node& list, Manifest& manifest);

struct SuiteContext {
    std::string suite_file;               // relative to the manifest directory
    std::filesystem::path suite_dir;      // absolute; context files resolve against it
    std::vector<std::filesystem::path>* input_files = nullptr;  // context files read are added
};

// The cases of one suite file. `complete` is cleared when a problem means
// some cases may be missing (so checks across suites would mislead).
std::vector<TestCase> parse_suite(Reader& reader, const yaml::Node& root, const SuiteContext& context,
                                  bool& complete);

TestCase parse_case(Reader& reader, const yaml::Node& node, const SuiteContext& context);

std::vector<CheckSpec> parse_checks(Reader& reader, const yaml::Node& node);
std::optional<MockSpec> parse_mock(Reader& reader, const yaml::Node& node);
std::optional<Json> parse_tools(Reader& reader, const yaml::Node& node);
std::optional<Json> parse_tool_choice(Reader& reader, const yaml::Node& node, const Json& tools);

// True for ids of cases, models and variants: letters, digits and `_ - . /`
// (`/` only for case ids: a configuration label joins model and variant ids with it).
enum class Slash { allowed, forbidden };
bool is_valid_id(const std::string& id, Slash slash);

}  // namespace evalbench::loading

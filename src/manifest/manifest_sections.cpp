// The manifest file's own sections: identity, defaults, dimensions, gates and
// embeddings (models and variants are in models.cpp). Suites are resolved by
// the loader.

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "parsers.hpp"
#include "schema.hpp"

namespace evalbench::loading {

using schema::Section;

namespace {

void parse_defaults(Reader& reader, const yaml::Node& node, RunDefaults& defaults) {
    if (!reader.expect_mapping(node, "'defaults'")) {
        return;
    }
    reader.check_keys(node, Section::defaults);
    if (const yaml::Node* value = node.find("repeat")) {
        defaults.repeat = static_cast<int>(reader.integer(*value, "'repeat'", 1).value_or(defaults.repeat));
    }
    if (const yaml::Node* value = node.find("concurrency")) {
        defaults.concurrency =
            static_cast<int>(reader.integer(*value, "'concurrency'", 1).value_or(defaults.concurrency));
    }
    if (const yaml::Node* value = node.find("timeout_s")) {
        defaults.timeout_s = reader.number(*value, "'timeout_s'", k_positive).value_or(defaults.timeout_s);
    }
    if (const yaml::Node* value = node.find("retries")) {
        defaults.retries = static_cast<int>(reader.integer(*value, "'retries'", 0).value_or(defaults.retries));
    }
    if (const yaml::Node* value = node.find("max_error_rate")) {
        defaults.max_error_rate =
            reader.number(*value, "'max_error_rate'", k_unit_interval).value_or(defaults.max_error_rate);
    }
    if (const yaml::Node* value = node.find("params")) {
        defaults.params = reader.object(*value, "'params'").value_or(Json::object());
    }
}

void parse_dimensions(Reader& reader, const yaml::Node& node, Manifest& manifest) {
    manifest.dimension_weights.clear();
    bool any_positive = false;
    for (const yaml::Entry& entry : node.entries) {
        const std::optional<double> weight = reader.number(*entry.value, key_label(entry.key), k_non_negative);
        if (weight) {
            manifest.dimension_weights[entry.key] = *weight;
            any_positive = any_positive || *weight > 0.0;
        }
    }
    if (node.entries.empty()) {
        reader.error(node.where, "'dimensions' must name at least one dimension");
    } else if (!any_positive && manifest.dimension_weights.size() == node.entries.size()) {
        reader.error(node.where, "'dimensions': at least one weight must be above 0");
    }
}

GateThresholds parse_thresholds(Reader& reader, const yaml::Node& node) {
    GateThresholds thresholds;
    if (const yaml::Node* value = node.find("min_pass_rate")) {
        thresholds.min_pass_rate = reader.number(*value, "'min_pass_rate'", k_unit_interval);
    }
    if (const yaml::Node* value = node.find("min_score")) {
        thresholds.min_score = reader.number(*value, "'min_score'", k_unit_interval);
    }
    return thresholds;
}

const yaml::Node* parse_gates(Reader& reader, const yaml::Node& node, Gates& gates) {
    if (!reader.expect_mapping(node, "'gates'")) {
        return nullptr;
    }
    reader.check_keys(node, Section::gates);
    gates.where = node.where;
    gates.overall = parse_thresholds(reader, node);
    const yaml::Node* categories = node.find("categories");
    if (categories == nullptr || !reader.expect_mapping(*categories, "'categories'")) {
        return nullptr;
    }
    for (const yaml::Entry& entry : categories->entries) {
        if (!reader.expect_mapping(*entry.value, fmt::format("category '{}'", entry.key))) {
            continue;
        }
        reader.check_keys(*entry.value, Section::category_gate);
        gates.per_category[entry.key] = parse_thresholds(reader, *entry.value);
    }
    return categories;
}

void parse_embeddings(Reader& reader, const yaml::Node& node, Manifest& manifest) {
    if (!reader.expect_mapping(node, "'embeddings'")) {
        return;
    }
    reader.check_keys(node, Section::embeddings);
    EmbeddingsSpec spec;
    if (const yaml::Node* value = reader.require(node, "base_url", "'embeddings'")) {
        spec.base_url = reader.text(*value, "'base_url'").value_or("");
    }
    if (const yaml::Node* value = reader.require(node, "model", "'embeddings'")) {
        spec.model = reader.text(*value, "'model'").value_or("");
    }
    if (const yaml::Node* value = node.find("api_key_env")) {
        spec.api_key_env = reader.text(*value, "'api_key_env'").value_or("");
    }
    manifest.embeddings = std::move(spec);
}

}  // namespace

DeferredChecks parse_manifest_sections(Reader& reader, const yaml::Node& root, Manifest& manifest) {
    DeferredChecks deferred;
    reader.check_keys(root, Section::manifest);
    for (const auto& [key, field] : {std::pair{"name", &manifest.name}, std::pair{"version", &manifest.version}}) {
        if (const yaml::Node* node = reader.require(root, key, "the manifest")) {
            const std::optional<std::string> value = reader.text(*node, key_label(key));
            if (value && value->empty()) {
                reader.error(node->where, fmt::format("'{}' must not be empty", key));
            }
            *field = value.value_or("");
        }
    }
    if (const yaml::Node* node = root.find("changelog")) {
        if (node->kind == yaml::Kind::sequence || infer_type(*node) == yaml::ScalarType::string) {
            manifest.changelog = to_json(*node);
        } else {
            reader.error(node->where, fmt::format("'changelog': expected a string or a list, got {}",
                                                  yaml::describe(*node)));
        }
    }
    if (const yaml::Node* node = root.find("description")) {
        std::ignore = reader.text(*node, "'description'");  // validated; runs do not use it
    }
    if (const yaml::Node* node = reader.require(root, "suites", "the manifest")) {
        if (reader.expect_non_empty_sequence(*node, "'suites'")) {
            deferred.suites = node;
        }
    }
    if (const yaml::Node* node = reader.require(root, "models", "the manifest")) {
        if (reader.expect_non_empty_sequence(*node, "'models'")) {
            parse_model_list(reader, *node, manifest);
        }
    }
    if (const yaml::Node* node = root.find("variants")) {
        if (reader.expect_non_empty_sequence(*node, "'variants'")) {
            parse_variant_list(reader, *node, manifest);
        }
    }
    if (manifest.variants.empty()) {
        manifest.variants.push_back(Variant{});
    }
    if (const yaml::Node* node = root.find("defaults")) {
        parse_defaults(reader, *node, manifest.defaults);
    }
    manifest.dimension_weights = {{"checks", 1.0}};
    if (const yaml::Node* node = root.find("dimensions")) {
        if (reader.expect_mapping(*node, "'dimensions'")) {
            parse_dimensions(reader, *node, manifest);
            deferred.dimensions = node;
        }
    }
    if (const yaml::Node* node = root.find("gates")) {
        deferred.gate_categories = parse_gates(reader, *node, manifest.gates);
    }
    if (const yaml::Node* node = root.find("embeddings")) {
        parse_embeddings(reader, *node, manifest);
    }
    return deferred;
}

}  // namespace evalbench::loading

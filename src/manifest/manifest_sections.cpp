// The manifest file's own sections: identity, models, variants, defaults,
// dimensions, gates and embeddings. Suites are resolved by the loader.

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "evalbench/manifest/templating.hpp"
#include "parsers.hpp"
#include "schema.hpp"

namespace evalbench::loading {

using schema::Section;

bool is_valid_id(const std::string& id, Slash slash) {
    if (id.empty()) {
        return false;
    }
    return std::all_of(id.begin(), id.end(), [&](char c) {
        const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        return alnum || c == '_' || c == '-' || c == '.' || (c == '/' && slash == Slash::allowed);
    });
}

namespace {

// Reads an id and reports a bad or repeated one; `seen` maps ids to where
// they were first given.
std::optional<std::string> read_id(Reader& reader, const yaml::Node& owner, std::string_view what,
                                   std::map<std::string, SourceLocation>& seen) {
    const yaml::Node* node = reader.require(owner, "id", what);
    if (node == nullptr) {
        return std::nullopt;
    }
    std::optional<std::string> id = reader.text(*node, "'id'");
    if (!id) {
        return std::nullopt;
    }
    if (!is_valid_id(*id, Slash::forbidden)) {
        reader.error(node->where, fmt::format("{} id '{}' may use only letters, digits, '_', '-' and '.'", what, *id));
        return std::nullopt;
    }
    const auto [first, inserted] = seen.emplace(*id, node->where);
    if (!inserted) {
        reader.error(node->where, fmt::format("duplicate {} id '{}' (first given at {})", what, *id,
                                              first->second.str()));
    }
    return id;
}

void parse_pricing(Reader& reader, const yaml::Node& node, ModelSpec& model) {
    if (!reader.expect_mapping(node, "'pricing'")) {
        return;
    }
    reader.check_keys(node, Section::pricing);
    const yaml::Node* input = reader.require(node, "input_per_mtok", "'pricing'");
    const yaml::Node* output = reader.require(node, "output_per_mtok", "'pricing'");
    const std::optional<double> in = input ? reader.number(*input, "'input_per_mtok'", k_non_negative) : std::nullopt;
    const std::optional<double> out =
        output ? reader.number(*output, "'output_per_mtok'", k_non_negative) : std::nullopt;
    if (in && out) {
        model.pricing = Pricing{*in, *out};
    }
}

std::optional<int> positive_int(Reader& reader, const yaml::Node& owner, const std::string& key) {
    const yaml::Node* node = owner.find(key);
    if (node == nullptr) {
        return std::nullopt;
    }
    const std::optional<std::int64_t> value = reader.integer(*node, key_label(key), 1);
    return value ? std::optional<int>(static_cast<int>(*value)) : std::nullopt;
}

void parse_models(Reader& reader, const yaml::Node& list, Manifest& manifest) {
    std::map<std::string, SourceLocation> seen;
    for (const yaml::NodePtr& item : list.items) {
        if (!reader.expect_mapping(*item, "a model")) {
            continue;
        }
        reader.check_keys(*item, Section::model);
        ModelSpec model;
        model.where = item->where;
        model.id = read_id(reader, *item, "model", seen).value_or("");
        const std::string owner = model.id.empty() ? "a model" : fmt::format("model '{}'", model.id);
        if (const yaml::Node* provider = reader.require(*item, "provider", owner)) {
            model.provider = reader.choice(*provider, "'provider'", schema::providers()).value_or("");
        }
        if (const yaml::Node* name = reader.require(*item, "model", owner)) {
            model.model = reader.text(*name, "'model'").value_or("");
        }
        if (const yaml::Node* node = item->find("base_url")) {
            model.base_url = reader.text(*node, "'base_url'").value_or("");
        }
        if (const yaml::Node* node = item->find("api_key_env")) {
            model.api_key_env = reader.text(*node, "'api_key_env'").value_or("");
        }
        if (const yaml::Node* node = item->find("params")) {
            model.params = reader.object(*node, "'params'").value_or(Json::object());
        }
        if (const yaml::Node* node = item->find("pricing")) {
            parse_pricing(reader, *node, model);
        }
        if (const yaml::Node* node = item->find("stream")) {
            model.stream = reader.boolean(*node, "'stream'").value_or(false);
        }
        model.rpm = positive_int(reader, *item, "rpm");
        model.tpm = positive_int(reader, *item, "tpm");
        model.max_concurrency = positive_int(reader, *item, "max_concurrency");
        manifest.models.push_back(std::move(model));
    }
}

void parse_few_shot(Reader& reader, const yaml::Node& list, Variant& variant) {
    if (!reader.expect_sequence(list, "'few_shot'")) {
        return;
    }
    for (const yaml::NodePtr& item : list.items) {
        if (!reader.expect_mapping(*item, "a few-shot message")) {
            continue;
        }
        reader.check_keys(*item, Section::few_shot_message);
        Message message;
        if (const yaml::Node* role = reader.require(*item, "role", "a few-shot message")) {
            message.role = reader.choice(*role, "'role'", schema::few_shot_roles()).value_or("");
        }
        if (const yaml::Node* content = reader.require(*item, "content", "a few-shot message")) {
            message.content = reader.text(*content, "'content'").value_or("");
        }
        variant.few_shot.push_back(std::move(message));
    }
}

void parse_template(Reader& reader, const yaml::Node& node, Variant& variant) {
    const std::optional<std::string> text = reader.text(node, "'template'");
    if (!text) {
        return;
    }
    const std::vector<std::string> names = template_variables(*text);
    if (std::find(names.begin(), names.end(), "prompt") == names.end()) {
        reader.error(node.where, "'template' must contain {{prompt}}, where the case's prompt goes");
    }
    for (const std::string& name : names) {
        if (name != "prompt") {
            reader.error(node.where, fmt::format("unknown template variable '{}' in 'template': only {{{{prompt}}}} "
                                                 "is available{}",
                                                 name, did_you_mean(name, {"prompt"})));
        }
    }
    variant.prompt_template = *text;
}

void parse_variants(Reader& reader, const yaml::Node& list, Manifest& manifest) {
    std::map<std::string, SourceLocation> seen;
    for (const yaml::NodePtr& item : list.items) {
        if (!reader.expect_mapping(*item, "a variant")) {
            continue;
        }
        reader.check_keys(*item, Section::variant);
        Variant variant;
        variant.where = item->where;
        variant.id = read_id(reader, *item, "variant", seen).value_or("");
        if (const yaml::Node* node = item->find("system")) {
            variant.system = reader.text(*node, "'system'");
        }
        if (const yaml::Node* node = item->find("few_shot")) {
            parse_few_shot(reader, *node, variant);
        }
        if (const yaml::Node* node = item->find("template")) {
            parse_template(reader, *node, variant);
        }
        manifest.variants.push_back(std::move(variant));
    }
}

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
            parse_models(reader, *node, manifest);
        }
    }
    if (const yaml::Node* node = root.find("variants")) {
        if (reader.expect_non_empty_sequence(*node, "'variants'")) {
            parse_variants(reader, *node, manifest);
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

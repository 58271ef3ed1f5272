// Model entries and prompt variants of a manifest.

#include <algorithm>
#include <map>

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

}  // namespace

void parse_model_list(Reader& reader, const yaml::Node& list, Manifest& manifest) {
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

void parse_variant_list(Reader& reader, const yaml::Node& list, Manifest& manifest) {
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

}  // namespace evalbench::loading

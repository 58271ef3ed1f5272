#include "evalbench/engine/plan.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "evalbench/core/hash.hpp"

namespace evalbench {
namespace {

bool any_in(const std::vector<std::string>& wanted, const std::vector<std::string>& have) {
    return std::any_of(wanted.begin(), wanted.end(), [&](const std::string& item) {
        return std::find(have.begin(), have.end(), item) != have.end();
    });
}

bool selected(const TestCase& test_case, const PlanFilter& filter) {
    if (test_case.retired) {
        return false;
    }
    if (!filter.case_ids.empty() && !any_in(filter.case_ids, {test_case.id})) {
        return false;
    }
    if (!filter.tags.empty() && !any_in(filter.tags, test_case.tags)) {
        return false;
    }
    if (!filter.categories.empty() && !any_in(filter.categories, {test_case.category})) {
        return false;
    }
    return true;
}

std::string apply_template(const std::string& prompt_template, const std::string& prompt) {
    if (prompt_template.empty()) {
        return prompt;
    }
    std::string text = prompt_template;
    for (const std::string marker : {"{{prompt}}", "{{ prompt }}"}) {
        for (std::size_t at = text.find(marker); at != std::string::npos; at = text.find(marker, at + prompt.size())) {
            text.replace(at, marker.size(), prompt);
        }
    }
    return text;
}

Json merged_params(const Manifest& manifest, const ModelSpec& model) {
    Json params = manifest.defaults.params.is_object() ? manifest.defaults.params : Json::object();
    if (model.params.is_object()) {
        for (const auto& [key, value] : model.params.items()) {
            params[key] = value;
        }
    }
    return params;
}

}  // namespace

std::vector<Message> render_messages(const TestCase& test_case, const Variant& variant) {
    std::vector<Message> messages;
    const std::string system = variant.system ? *variant.system : test_case.system;
    if (!system.empty()) {
        messages.push_back({"system", system});
    }
    messages.insert(messages.end(), variant.few_shot.begin(), variant.few_shot.end());
    const std::size_t first_case_message = messages.size();
    messages.insert(messages.end(), test_case.messages.begin(), test_case.messages.end());
    for (std::size_t i = messages.size(); i > first_case_message; --i) {
        if (messages[i - 1].role == "user") {
            messages[i - 1].content = apply_template(variant.prompt_template, messages[i - 1].content);
            break;
        }
    }
    return messages;
}

std::string prompt_hash(const Request& request) {
    Json json = Json::object();
    Json messages = Json::array();
    for (const Message& message : request.messages) {
        messages.push_back(to_json(message));
    }
    json["messages"] = messages;
    json["tools"] = request.tools;
    json["tool_choice"] = request.tool_choice;
    return sha256_hex(json.dump()).substr(0, 16);
}

std::vector<Trial> plan_trials(const Manifest& manifest, const PlanFilter& filter) {
    Diagnostics problems;
    for (const std::string& id : filter.model_ids) {
        if (manifest.find_model(id) == nullptr) {
            std::vector<std::string> known;
            for (const ModelSpec& model : manifest.models) {
                known.push_back(model.id);
            }
            problems.push_back({{}, fmt::format("--model {}: no such model in {}{}; models: {}", id,
                                                manifest.path.string(), did_you_mean(id, known),
                                                fmt::join(known, ", "))});
        }
    }
    if (!problems.empty()) {
        throw EvalError(Failure::bad_input, problems);
    }
    const int repeats = filter.repeat > 0 ? filter.repeat : manifest.defaults.repeat;
    std::vector<Trial> trials;
    for (const TestCase& test_case : manifest.cases) {
        if (!selected(test_case, filter)) {
            continue;
        }
        for (const ModelSpec& model : manifest.models) {
            if (!filter.model_ids.empty() && !any_in(filter.model_ids, {model.id})) {
                continue;
            }
            const Json params = merged_params(manifest, model);
            for (const Variant& variant : manifest.variants) {
                Request request;
                request.messages = render_messages(test_case, variant);
                request.params = params;
                request.tools = test_case.tools;
                request.tool_choice = test_case.tool_choice;
                request.stream = model.stream;
                request.timeout_s = manifest.defaults.timeout_s;
                request.mock = test_case.mock;
                const std::string hash = prompt_hash(request);
                for (int repeat = 0; repeat < repeats; ++repeat) {
                    Trial trial;
                    trial.key = {test_case.id, model.id, variant.id, repeat};
                    trial.test_case = &test_case;
                    trial.configuration = {&model, &variant};
                    trial.request = request;
                    trial.request.repeat = repeat;
                    trial.prompt_hash = hash;
                    trials.push_back(std::move(trial));
                }
            }
        }
    }
    if (trials.empty()) {
        throw EvalError(Failure::bad_input,
                        fmt::format("nothing to run: no active case of {} matches the filters "
                                    "(--tag/--category/--case); `evalbench list` shows what there is",
                                    manifest.path.string()));
    }
    return trials;
}

}  // namespace evalbench

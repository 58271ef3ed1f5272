#include "evalbench/scoring/check_json.hpp"

#include <optional>
#include <type_traits>

#include <fmt/format.h>

namespace evalbench {

CheckSpec check_spec_from_json(const Json& json, const SourceLocation& where, Diagnostics& diagnostics) {
    CheckSpec spec;
    spec.where = where;
    if (!json.is_object()) {
        diagnostics.push_back({where, fmt::format("a check must be an object with a \"type\", got {}", json.type_name())});
        return spec;
    }
    spec.params = json;
    if (!json.contains("type") || !json["type"].is_string()) {
        diagnostics.push_back({where, "a check needs \"type\" (a string such as \"contains\")"});
        return spec;
    }
    spec.type = json["type"].get<std::string>();
    if (spec.type.rfind("not-", 0) == 0) {
        spec.negate = true;
        spec.type = spec.type.substr(4);
    }
    // Each common key: present and of the right type, or a diagnostic.
    const auto read = [&](const char* key, bool (Json::*is_kind)() const noexcept, const char* kind, auto& target) {
        if (!json.contains(key)) {
            return;
        }
        if ((json[key].*is_kind)()) {
            using Target = std::remove_reference_t<decltype(target)>;
            if constexpr (std::is_same_v<Target, std::optional<double>>) {
                target = json[key].get<double>();
            } else {
                target = json[key].get<Target>();
            }
        } else {
            diagnostics.push_back({where, fmt::format("check \"{}\" must be {}", key, kind)});
        }
    };
    read("weight", &Json::is_number, "a number", spec.weight);
    read("threshold", &Json::is_number, "a number", spec.threshold);
    read("gate", &Json::is_boolean, "true or false", spec.gate);
    read("dimension", &Json::is_string, "a string", spec.dimension);
    return spec;
}

}  // namespace evalbench

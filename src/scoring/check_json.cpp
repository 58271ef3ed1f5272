#include "evalbench/scoring/check_json.hpp"

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
    if (json.contains("weight")) {
        if (json["weight"].is_number()) {
            spec.weight = json["weight"].get<double>();
        } else {
            diagnostics.push_back({where, "check \"weight\" must be a number"});
        }
    }
    if (json.contains("threshold")) {
        if (json["threshold"].is_number()) {
            spec.threshold = json["threshold"].get<double>();
        } else {
            diagnostics.push_back({where, "check \"threshold\" must be a number"});
        }
    }
    if (json.contains("gate")) {
        if (json["gate"].is_boolean()) {
            spec.gate = json["gate"].get<bool>();
        } else {
            diagnostics.push_back({where, "check \"gate\" must be true or false"});
        }
    }
    if (json.contains("dimension")) {
        if (json["dimension"].is_string()) {
            spec.dimension = json["dimension"].get<std::string>();
        } else {
            diagnostics.push_back({where, "check \"dimension\" must be a string"});
        }
    }
    return spec;
}

}  // namespace evalbench

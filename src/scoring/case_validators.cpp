// Validation of what a check needs from its case, so that a missing
// reference or an undeclared tool is a located `validate` error rather than
// an errored check in the middle of a paid run.

#include <fmt/format.h>

#include "evalbench/scoring/check.hpp"

namespace evalbench {

void require_reference(const CheckSpec& spec, const TestCase& test_case, Diagnostics& diagnostics) {
    if (spec.params.contains("reference") || test_case.reference) {
        return;
    }
    diagnostics.push_back({spec.where, fmt::format("check '{}' compares with a reference, but case '{}' has no "
                                                   "`reference` (add one to the case or to the check)",
                                                   spec.display_name(), test_case.id)});
}

void require_original(const CheckSpec& spec, const TestCase& test_case, Diagnostics& diagnostics) {
    if (test_case.original) {
        return;
    }
    diagnostics.push_back({spec.where, fmt::format("check '{}' measures changes to the case's `original` code, but "
                                                   "case '{}' has no `original`",
                                                   spec.display_name(), test_case.id)});
}

void require_declared_tool(const CheckSpec& spec, const TestCase& test_case, Diagnostics& diagnostics) {
    if (!spec.params.contains("name") || !spec.params["name"].is_string()) {
        return;  // the compile step already reported it
    }
    const std::string name = spec.params["name"].get<std::string>();
    std::vector<std::string> declared;
    if (test_case.tools.is_array()) {
        for (const Json& tool : test_case.tools) {
            if (tool.is_object() && tool.contains("name") && tool["name"].is_string()) {
                declared.push_back(tool["name"].get<std::string>());
            }
        }
    }
    if (std::find(declared.begin(), declared.end(), name) != declared.end()) {
        return;
    }
    const std::string known = declared.empty() ? "the case declares no `tools`"
                                               : fmt::format("declared: {}", fmt::join(declared, ", "));
    diagnostics.push_back({spec.location_of("name"), fmt::format("check '{}' expects a call to '{}', which case '{}' "
                                                                 "does not declare{}; {}",
                                                                 spec.display_name(), name, test_case.id,
                                                                 did_you_mean(name, declared), known)});
}

}  // namespace evalbench

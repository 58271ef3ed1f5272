#include "evalbench/core/test_case.hpp"

namespace evalbench {

std::string CheckSpec::display_name() const {
    return negate ? "not-" + type : type;
}

SourceLocation CheckSpec::location_of(const std::string& key) const {
    const auto found = param_locations.find(key);
    return found == param_locations.end() ? where : found->second;
}

std::string to_string(Expectation expectation) {
    switch (expectation) {
        case Expectation::comply: return "comply";
        case Expectation::refuse: return "refuse";
        case Expectation::unspecified: break;
    }
    return "";
}

}  // namespace evalbench

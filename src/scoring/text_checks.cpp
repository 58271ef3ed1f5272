// The text checks: what an answer says, compared with what the case expects.
// Each family lives in its own text_*.cpp; this file registers them all.

#include "builtin_checks.hpp"
#include "text_checks.hpp"

namespace evalbench {

void register_text_checks(CheckRegistry& registry) {
    register_text_equals_check(registry);
    register_text_match_checks(registry);
    register_text_regex_check(registry);
    register_text_length_checks(registry);
}

}  // namespace evalbench

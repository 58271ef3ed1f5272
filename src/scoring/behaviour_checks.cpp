// Behaviour checks: what the model did rather than what it wrote — refused,
// ranked, called a tool, stayed in scope, meant the same thing.
#include "behaviour_checks.hpp"

#include "builtin_checks.hpp"

namespace evalbench {

void register_behaviour_checks(CheckRegistry& registry) {
    registry.add(refusal_check_type());
    registry.add(retrieval_check_type());
    registry.add(tool_call_check_type());
    registry.add(max_diff_lines_check_type());
    registry.add(similar_check_type());
}

}  // namespace evalbench

// The structure checks: the shape of an answer (JSON) and facts about the
// call that produced it (finish reason, latency, cost). Each family lives in
// its own structure_*.cpp; this file registers them all.

#include "builtin_checks.hpp"
#include "structure_checks.hpp"

namespace evalbench {

void register_structure_checks(CheckRegistry& registry) {
    register_structure_json_checks(registry);
    register_structure_trial_checks(registry);
}

}  // namespace evalbench

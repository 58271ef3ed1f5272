#pragma once
// Private: the families inside the structure checks (structure_*.cpp),
// registered by register_structure_checks.

#include "evalbench/scoring/registry.hpp"

namespace evalbench {

void register_structure_json_checks(CheckRegistry& registry);       // is-json, contains-json (and json-path)
void register_structure_json_path_check(CheckRegistry& registry);   // json-path
void register_structure_trial_checks(CheckRegistry& registry);      // finish-reason, latency, cost

}  // namespace evalbench

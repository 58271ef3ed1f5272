#pragma once
// A check definition given as JSON (as in `evalbench check` input lines)
// rather than YAML: same keys, same meaning as in a suite file.

#include <string>

#include "evalbench/core/error.hpp"
#include "evalbench/core/json.hpp"
#include "evalbench/core/test_case.hpp"

namespace evalbench {

// Fills type/negate/weight/threshold/gate/dimension/params. Problems with the
// common keys are reported into `diagnostics` at `where`.
CheckSpec check_spec_from_json(const Json& json, const SourceLocation& where, Diagnostics& diagnostics);

}  // namespace evalbench

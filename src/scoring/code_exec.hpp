#pragma once
// Private to scoring: the code-exec check type (registered by
// execution_checks.cpp).

#include "evalbench/scoring/check.hpp"

namespace evalbench {

CheckType code_exec_check_type();

}  // namespace evalbench

#pragma once
// Private: the behaviour check family, one check type per file
// (refusal_check.cpp, retrieval_check.cpp, tool_call_check.cpp,
// diff_check.cpp, similar_check.cpp); behaviour_checks.cpp registers them.

#include "evalbench/scoring/check.hpp"

namespace evalbench {

CheckType refusal_check_type();
CheckType retrieval_check_type();
CheckType tool_call_check_type();
CheckType max_diff_lines_check_type();
CheckType similar_check_type();

}  // namespace evalbench

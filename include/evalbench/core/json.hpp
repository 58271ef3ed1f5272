#pragma once
// evalbench uses nlohmann's ordered_json everywhere so that files it writes
// keep a stable, readable key order.

#include <nlohmann/json.hpp>

namespace evalbench {
using Json = nlohmann::ordered_json;
}

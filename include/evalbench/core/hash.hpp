#pragma once
// Stable content hashes (SHA-256, hex) for manifests, prompts and cache keys.

#include <string>
#include <string_view>

namespace evalbench {

std::string sha256_hex(std::string_view data);

}  // namespace evalbench

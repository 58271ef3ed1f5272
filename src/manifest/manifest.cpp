#include "evalbench/manifest/manifest.hpp"

#include <algorithm>

namespace evalbench {

const ModelSpec* Manifest::find_model(const std::string& id) const {
    const auto found = std::find_if(models.begin(), models.end(), [&](const ModelSpec& m) { return m.id == id; });
    return found == models.end() ? nullptr : &*found;
}

}  // namespace evalbench

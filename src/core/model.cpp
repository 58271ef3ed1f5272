#include "evalbench/core/model.hpp"

namespace evalbench {

std::string Configuration::label() const {
    const std::string model_id = model ? model->id : "?";
    if (!variant || variant->id == "default") {
        return model_id;
    }
    return model_id + "/" + variant->id;
}

}  // namespace evalbench

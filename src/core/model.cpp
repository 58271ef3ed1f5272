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

#include "evalbench/core/run_info.hpp"

namespace evalbench {

std::string to_string(RunStatus status) {
    switch (status) {
        case RunStatus::running: return "running";
        case RunStatus::finished: return "finished";
        case RunStatus::interrupted: return "interrupted";
        case RunStatus::failed: return "failed";
    }
    return "failed";
}

}  // namespace evalbench

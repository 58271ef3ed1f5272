// BOOTSTRAP: replaced by the owner of sys/process.
#include "evalbench/sys/process.hpp"

namespace evalbench {

std::expected<ProcessResult, std::string> run_process(const ProcessOptions& options) {
    std::ignore = options;
    return std::unexpected(std::string("run_process: not built yet"));
}

}  // namespace evalbench

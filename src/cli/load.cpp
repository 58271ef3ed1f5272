#include <fmt/format.h>

#include "commands.hpp"
#include "evalbench/manifest/loader.hpp"
#include "evalbench/scoring/registry.hpp"

namespace evalbench {

Manifest load_validated_manifest(const std::string& path) {
    LoadResult loaded = load_manifest(path);
    Diagnostics diagnostics = std::move(loaded.diagnostics);
    // Check definitions are validated by the registry that will run them, so
    // validate and run can never disagree about a definition; the cases of a
    // manifest with other errors are checked too, so one pass reports all.
    Diagnostics checks = validate_checks(loaded.manifest ? loaded.manifest->cases : loaded.partial_cases);
    diagnostics.insert(diagnostics.end(), checks.begin(), checks.end());
    if (has_errors(diagnostics) || !loaded.manifest) {
        throw EvalError(Failure::bad_input, diagnostics);
    }
    for (const Diagnostic& diagnostic : diagnostics) {
        fmt::print(stderr, "{}\n", diagnostic.format());
    }
    return std::move(*loaded.manifest);
}

}  // namespace evalbench

#pragma once
// Loading a manifest and its suites: YAML -> validated core types.
//
// The loader reports every problem it finds in one pass, each located as
// `file:line:col: message` (1-based). It checks the structure of the files
// (keys, types, ranges, references between them) but not check parameters:
// check types live in the scoring registry, and the CLI runs
// `validate_checks()` on the loaded cases.

#include <filesystem>
#include <optional>

#include "evalbench/core/error.hpp"
#include "evalbench/manifest/manifest.hpp"

namespace evalbench {

struct LoadResult {
    std::optional<Manifest> manifest;  // present exactly when diagnostics hold no error
    Diagnostics diagnostics;           // in file order: the manifest, then each suite
    // When there are errors: the cases that did load, so their check
    // definitions can still be validated and every problem reported at once.
    std::vector<TestCase> partial_cases;
};

// Reads the manifest at `path`, every suite it names and every context file
// the cases name. Never throws for bad input: everything is in diagnostics.
LoadResult load_manifest(const std::filesystem::path& path);

// Same, but throws EvalError(Failure::bad_input, diagnostics) when any error
// was found.
Manifest load_manifest_or_throw(const std::filesystem::path& path);

}  // namespace evalbench

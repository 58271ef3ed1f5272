#pragma once
// Private: one file per subcommand registers its options on the CLI11 app
// and sets the code the program exits with.

#include <string>

#include <CLI/CLI.hpp>

#include "evalbench/manifest/manifest.hpp"

namespace evalbench {

inline constexpr int k_exit_ok = 0;
inline constexpr int k_exit_gate_failed = 1;
inline constexpr int k_exit_bad_input = 2;
inline constexpr int k_exit_run_failed = 3;
inline constexpr int k_exit_interrupted = 130;

void register_validate(CLI::App& app, int& exit_code);
void register_list(CLI::App& app, int& exit_code);
void register_run(CLI::App& app, int& exit_code);
void register_check(CLI::App& app, int& exit_code);
void register_cache(CLI::App& app, int& exit_code);
void register_checks(CLI::App& app, int& exit_code);

// Loads the manifest and validates every check definition; throws
// EvalError(bad_input) carrying every problem found. Warnings are printed.
Manifest load_validated_manifest(const std::string& path);

}  // namespace evalbench

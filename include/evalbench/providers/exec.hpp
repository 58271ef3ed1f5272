#pragma once
// The `exec` provider: a local command stands in for a model. See
// src/providers/exec_provider.cpp for the protocol on stdin/stdout.

#include <filesystem>
#include <memory>

#include "evalbench/core/model.hpp"
#include "evalbench/providers/provider.hpp"

namespace evalbench {

struct ExecOptions {
    std::filesystem::path working_directory;  // the manifest's folder; empty: the current directory
    std::size_t max_output_bytes = 8u << 20;  // a longer answer is an error, never silently cut
};

// Throws EvalError(bad_input) at the model's location for an empty command
// or an unknown params.input / params.output value.
std::unique_ptr<Provider> make_exec_provider(const ModelSpec& model, ExecOptions options);

}  // namespace evalbench

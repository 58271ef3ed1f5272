#pragma once
// A loaded manifest: everything a run needs, already validated.

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "evalbench/core/error.hpp"
#include "evalbench/core/json.hpp"
#include "evalbench/core/model.hpp"
#include "evalbench/core/test_case.hpp"

namespace evalbench {

struct RunDefaults {
    int repeat = 1;
    int concurrency = 8;
    double timeout_s = 60.0;
    int retries = 4;                // attempts after the first
    double max_error_rate = 0.0;    // share of trials that may end in error before exit 3
    Json params = Json::object();   // merged under every model's params
};

struct GateThresholds {
    std::optional<double> min_pass_rate;  // 0-1
    std::optional<double> min_score;      // 0-1, on the composite
};

struct Gates {
    GateThresholds overall;
    std::map<std::string, GateThresholds> per_category;
    SourceLocation where;
};

// Endpoint for the `similar` check (OpenAI-compatible /embeddings).
struct EmbeddingsSpec {
    std::string base_url;
    std::string model;
    std::string api_key_env;
};

struct SuiteFile {
    std::string path;          // relative to the manifest directory
    std::string content_hash;  // sha256 of the file bytes
    std::string content;       // bytes as read (copied into the run directory)
};

struct Manifest {
    std::filesystem::path path;  // as given
    std::filesystem::path dir;   // directory that relative paths resolve against
    std::string content_hash;    // sha256 of the manifest bytes
    std::string content;         // manifest bytes as read

    std::string name;
    std::string version;
    Json changelog;  // string or list, kept as written
    std::vector<std::string> suite_patterns;
    std::vector<SuiteFile> suites;  // resolved, sorted, de-duplicated
    std::vector<ModelSpec> models;
    std::vector<Variant> variants;  // never empty: {default} when none given
    RunDefaults defaults;
    std::map<std::string, double> dimension_weights;  // never empty: {checks: 1}
    Gates gates;
    std::optional<EmbeddingsSpec> embeddings;
    std::vector<TestCase> cases;  // retired ones included; runs skip them
    // Every file the load read (manifest, suites, context files), absolute and
    // lexically normal: the run directory keeps a copy of each so that
    // `run --from` repeats exactly this evaluation.
    std::vector<std::filesystem::path> input_files;

    const ModelSpec* find_model(const std::string& id) const;
};

}  // namespace evalbench

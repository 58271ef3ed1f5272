#pragma once
// A run on disk: runs/<run-id>/ with trials.jsonl, run.json, report.md and
// inputs/ (a copy of every manifest, suite and context file the run read, so
// `run --from` can repeat exactly that evaluation after the files changed).

#include <filesystem>
#include <string>

#include "evalbench/core/json.hpp"
#include "evalbench/core/run_info.hpp"
#include "evalbench/manifest/manifest.hpp"

namespace evalbench {

// "20261123-141502-quickstart-3fa2": sortable, readable, unique enough.
std::string make_run_id(const std::string& manifest_name);

class RunDirectory {
public:
    // Creates `path` (and parents). Throws EvalError(bad_input) when it
    // already holds a run: a run directory is never silently overwritten.
    static RunDirectory create(const std::filesystem::path& path);
    // An existing run (for --from and --resume). Throws when it is not one.
    static RunDirectory open(const std::filesystem::path& path);

    const std::filesystem::path& path() const { return m_path; }
    std::filesystem::path trials_path() const { return m_path / "trials.jsonl"; }
    std::filesystem::path run_json_path() const { return m_path / "run.json"; }
    std::filesystem::path report_path() const { return m_path / "report.md"; }

    // Copies every input file under inputs/, keeping their relative layout;
    // records them (with hashes) and the manifest's copy in `info`.
    void snapshot_inputs(const Manifest& manifest, RunInfo& info) const;

    // The manifest copy of a finished run, from its run.json.
    std::filesystem::path manifest_copy() const;
    Json read_run_json() const;

    // Written to a temporary file and renamed: a reader never sees half a file.
    void write_file(const std::string& name, const std::string& content) const;

private:
    explicit RunDirectory(std::filesystem::path path) : m_path(std::move(path)) {}
    std::filesystem::path m_path;
};

// The commit of the git repository containing `dir`, or "" (no git needed:
// .git/HEAD and refs are read directly).
std::string git_commit_of(const std::filesystem::path& dir);

}  // namespace evalbench

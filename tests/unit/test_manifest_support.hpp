#pragma once
// Helpers for the manifest tests: a temporary project with a manifest and
// suites, and diagnostics as strings with the temporary directory removed
// so tests can compare exact `file:line:col: message` text.

#include <string>
#include <vector>

#include "evalbench/manifest/loader.hpp"
#include "support/temp_dir.hpp"

namespace evalbench::test {

// A minimal valid manifest header; tests append or replace sections.
inline const std::string k_models =
    "models:\n"
    "  - id: m1\n"
    "    provider: mock\n"
    "    model: echo\n";

inline const std::string k_case =
    "cases:\n"
    "  - id: c1\n"
    "    prompt: hi\n"
    "    checks:\n"
    "      - contains: hi\n";

class Project {
public:
    std::filesystem::path write(const std::string& relative, const std::string& content) const {
        return m_dir.write(relative, content);
    }
    const std::filesystem::path& path() const { return m_dir.path(); }

    LoadResult load(const std::string& manifest = "manifest.yaml") const { return load_manifest(path() / manifest); }

    // Each diagnostic formatted, with "<tempdir>/" removed.
    std::vector<std::string> messages(const LoadResult& result) const {
        const std::string prefix = path().string() + "/";
        std::vector<std::string> out;
        for (const Diagnostic& diagnostic : result.diagnostics) {
            std::string text = diagnostic.format();
            for (std::size_t at = text.find(prefix); at != std::string::npos; at = text.find(prefix)) {
                text.erase(at, prefix.size());
            }
            out.push_back(text);
        }
        return out;
    }

    // Writes a manifest with one suite file `suite.yaml` holding `suite`.
    LoadResult load_with_suite(const std::string& suite, const std::string& extra_manifest = "") const {
        write("manifest.yaml", "name: t\nversion: 1\nsuites: [suite.yaml]\n" + k_models + extra_manifest);
        write("suite.yaml", suite);
        return load();
    }

private:
    TempDir m_dir;
};

inline std::string joined(const std::vector<std::string>& lines) {
    std::string text;
    for (const std::string& line : lines) {
        text += line + "\n";
    }
    return text;
}

}  // namespace evalbench::test

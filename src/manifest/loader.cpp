// load_manifest: the manifest file, then every suite it names, then the
// checks that need all of them (case ids unique across suites, gate
// categories and dimension names that exist). Problems are collected, never
// thrown, and sorted by file (in the order files were read) and position, so
// a user reads them top to bottom. Checks across suites run only when every
// suite was read completely: a suite that failed to parse would otherwise
// make a correct gate look wrong.

#include "evalbench/manifest/loader.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include <fmt/format.h>

#include "evalbench/core/hash.hpp"
#include "files.hpp"
#include "parsers.hpp"
#include "schema.hpp"

namespace evalbench {

namespace fs = std::filesystem;
using loading::Reader;

namespace {

struct SuiteRef {
    fs::path absolute;
    std::string relative;  // to the manifest directory, '/'-separated
};

std::vector<SuiteRef> resolve_suites(Reader& reader, const yaml::Node& list, const Manifest& manifest,
                                     const fs::path& manifest_file, bool& complete) {
    std::vector<SuiteRef> suites;
    for (const yaml::NodePtr& item : list.items) {
        const std::optional<std::string> pattern = reader.text(*item, "a suite path");
        if (!pattern) {
            complete = false;
            continue;
        }
        std::vector<fs::path> found;
        if (loading::has_wildcards(*pattern)) {
            found = loading::expand_glob(manifest.dir, *pattern);
            // The manifest is never its own suite, e.g. under `*.yaml`.
            std::erase(found, manifest_file);
            if (found.empty()) {
                reader.error(item->where, fmt::format("suite pattern '{}' matches no file", *pattern));
                complete = false;
            }
        } else {
            const fs::path full = loading::absolute_normal(manifest.dir / *pattern);
            std::error_code error;
            if (fs::is_directory(full, error)) {
                reader.error(item->where, fmt::format("suite path '{}' is a directory: name its files, e.g. '{}/*.yaml'",
                                                      *pattern, *pattern));
                complete = false;
            } else if (!fs::is_regular_file(full, error)) {
                reader.error(item->where, fmt::format("suite file '{}' does not exist (looked for {})", *pattern,
                                                      loading::display_name(full)));
                complete = false;
            } else {
                found.push_back(full);
            }
        }
        for (const fs::path& path : found) {
            suites.push_back(SuiteRef{path, path.lexically_relative(manifest.dir).generic_string()});
        }
    }
    std::sort(suites.begin(), suites.end(), [](const SuiteRef& a, const SuiteRef& b) { return a.relative < b.relative; });
    suites.erase(std::unique(suites.begin(), suites.end(),
                             [](const SuiteRef& a, const SuiteRef& b) { return a.absolute == b.absolute; }),
                 suites.end());
    return suites;
}

// Reads one suite file into `manifest`; clears `complete` when cases may be missing.
void load_suite(Reader& reader, const SuiteRef& ref, Manifest& manifest, bool& complete) {
    std::string error;
    std::optional<std::string> bytes = loading::read_bytes(ref.absolute, error);
    const std::string shown = loading::display_name(ref.absolute);
    if (!bytes) {
        reader.error(SourceLocation{shown, 0, 0}, fmt::format("cannot read suite file: {}", error));
        complete = false;
        return;
    }
    manifest.input_files.push_back(ref.absolute);
    manifest.suites.push_back(SuiteFile{ref.relative, sha256_hex(*bytes), *bytes});
    yaml::ParseResult parsed = yaml::parse_yaml(*bytes, shown);
    for (Diagnostic& diagnostic : parsed.diagnostics) {
        reader.error(diagnostic.where, std::move(diagnostic.message));
    }
    if (!parsed.root) {
        complete = false;
        return;
    }
    const loading::SuiteContext context{ref.relative, ref.absolute.parent_path(), &manifest.input_files};
    std::vector<TestCase> cases = loading::parse_suite(reader, *parsed.root, context, complete);
    std::move(cases.begin(), cases.end(), std::back_inserter(manifest.cases));
}

void check_unique_case_ids(Reader& reader, const Manifest& manifest) {
    std::map<std::string, const TestCase*> first;
    for (const TestCase& test_case : manifest.cases) {
        const auto [found, inserted] = first.emplace(test_case.id, &test_case);
        if (!inserted) {
            reader.error(test_case.where, fmt::format("duplicate case id '{}': also defined at {}", test_case.id,
                                                      found->second->where.str()));
        }
    }
}

void check_gate_categories(Reader& reader, const yaml::Node& categories, const Manifest& manifest) {
    std::vector<std::string> known;
    for (const TestCase& test_case : manifest.cases) {
        if (std::find(known.begin(), known.end(), test_case.category) == known.end()) {
            known.push_back(test_case.category);
        }
    }
    for (const yaml::Entry& entry : categories.entries) {
        if (std::find(known.begin(), known.end(), entry.key) == known.end()) {
            reader.error(entry.key_where, fmt::format("gate for category '{}', which no case has{}", entry.key,
                                                      did_you_mean(entry.key, known)));
        }
    }
}

void check_dimension_names(Reader& reader, const yaml::Node& dimensions, const Manifest& manifest) {
    std::vector<std::string> known = schema::known_dimensions();
    for (const TestCase& test_case : manifest.cases) {
        for (const CheckSpec& check : test_case.checks) {
            if (std::find(known.begin(), known.end(), check.dimension) == known.end()) {
                known.push_back(check.dimension);
            }
        }
    }
    for (const yaml::Entry& entry : dimensions.entries) {
        if (std::find(known.begin(), known.end(), entry.key) == known.end()) {
            reader.error(entry.key_where, fmt::format("unknown dimension '{}'{}: known are the built-in dimensions "
                                                      "and any a check names with 'dimension:'",
                                                      entry.key, did_you_mean(entry.key, known)));
        }
    }
}

// Orders diagnostics by the order their files were read, then by position.
void sort_diagnostics(Diagnostics& diagnostics, const std::vector<fs::path>& files) {
    std::map<std::string, std::size_t> rank;
    for (const fs::path& file : files) {
        rank.emplace(loading::display_name(file), rank.size());
    }
    const auto rank_of = [&](const Diagnostic& d) {
        const auto found = rank.find(d.where.file);
        return found == rank.end() ? rank.size() : found->second;
    };
    std::stable_sort(diagnostics.begin(), diagnostics.end(), [&](const Diagnostic& a, const Diagnostic& b) {
        return std::tuple(rank_of(a), a.where.line, a.where.column) <
               std::tuple(rank_of(b), b.where.line, b.where.column);
    });
}

void remove_duplicate_paths(std::vector<fs::path>& paths) {
    std::set<fs::path> seen;
    std::erase_if(paths, [&](const fs::path& path) { return !seen.insert(path).second; });
}

}  // namespace

LoadResult load_manifest(const fs::path& path) {
    LoadResult result;
    Reader reader(result.diagnostics);
    Manifest manifest;
    manifest.path = path;
    const fs::path absolute = loading::absolute_normal(path);
    manifest.dir = absolute.parent_path();
    const std::string shown = loading::display_name(absolute);

    std::string error;
    std::optional<std::string> bytes = loading::read_bytes(absolute, error);
    if (!bytes) {
        reader.error(SourceLocation{shown, 0, 0}, fmt::format("cannot read manifest: {}", error));
        return result;
    }
    manifest.content = *bytes;
    manifest.content_hash = sha256_hex(*bytes);
    manifest.input_files.push_back(absolute);

    yaml::ParseResult parsed = yaml::parse_yaml(*bytes, shown);
    result.diagnostics = std::move(parsed.diagnostics);
    if (!parsed.root) {
        return result;
    }
    const yaml::Node& root = *parsed.root;
    if (root.kind != yaml::Kind::mapping) {
        reader.error(root.where, fmt::format("a manifest is a mapping with 'name', 'version', 'suites' and "
                                             "'models'; got {}",
                                             yaml::describe(root)));
        return result;
    }
    const loading::DeferredChecks deferred = loading::parse_manifest_sections(reader, root, manifest);

    bool complete = deferred.suites != nullptr;
    if (deferred.suites != nullptr) {
        for (const yaml::NodePtr& item : deferred.suites->items) {
            manifest.suite_patterns.push_back(item->text);
        }
        for (const SuiteRef& ref : resolve_suites(reader, *deferred.suites, manifest, absolute, complete)) {
            load_suite(reader, ref, manifest, complete);
        }
    }
    check_unique_case_ids(reader, manifest);
    if (complete && deferred.gate_categories != nullptr) {
        check_gate_categories(reader, *deferred.gate_categories, manifest);
    }
    if (complete && deferred.dimensions != nullptr) {
        check_dimension_names(reader, *deferred.dimensions, manifest);
    }
    remove_duplicate_paths(manifest.input_files);
    sort_diagnostics(result.diagnostics, manifest.input_files);
    if (!has_errors(result.diagnostics)) {
        result.manifest = std::move(manifest);
    } else {
        result.partial_cases = std::move(manifest.cases);
    }
    return result;
}

Manifest load_manifest_or_throw(const fs::path& path) {
    LoadResult result = load_manifest(path);
    if (!result.manifest) {
        throw EvalError(Failure::bad_input, std::move(result.diagnostics));
    }
    return std::move(*result.manifest);
}

}  // namespace evalbench

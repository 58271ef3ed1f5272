#include <map>

#include <fmt/format.h>

#include "commands.hpp"

namespace evalbench {
namespace {

struct ListOptions {
    std::string path;
    bool retired = false;
    bool json = false;
};

Json list_json(const Manifest& manifest, const ListOptions& options) {
    Json cases = Json::array();
    for (const TestCase& test_case : manifest.cases) {
        if (test_case.retired != options.retired) {
            continue;
        }
        cases.push_back({{"id", test_case.id},
                         {"suite", test_case.suite_file},
                         {"category", test_case.category},
                         {"tags", test_case.tags},
                         {"difficulty", test_case.difficulty},
                         {"version", test_case.version},
                         {"retired", test_case.retired},
                         {"checks", test_case.checks.size()}});
    }
    Json models = Json::array();
    for (const ModelSpec& model : manifest.models) {
        models.push_back({{"id", model.id}, {"provider", model.provider}, {"model", model.model}});
    }
    Json suites = Json::array();
    for (const SuiteFile& suite : manifest.suites) {
        suites.push_back(suite.path);
    }
    return {{"name", manifest.name}, {"version", manifest.version}, {"suites", suites},
            {"models", models},      {"cases", cases}};
}

void print_text(const Manifest& manifest, const ListOptions& options) {
    fmt::print("{} v{}\n\nsuites:\n", manifest.name, manifest.version);
    for (const SuiteFile& suite : manifest.suites) {
        fmt::print("  {}\n", suite.path);
    }
    fmt::print("\nmodels:\n");
    for (const ModelSpec& model : manifest.models) {
        fmt::print("  {:<24} {} {}\n", model.id, model.provider, model.model);
    }
    if (manifest.variants.size() > 1 || manifest.variants.front().id != "default") {
        fmt::print("\nvariants:\n");
        for (const Variant& variant : manifest.variants) {
            fmt::print("  {}\n", variant.id);
        }
    }
    std::map<std::string, int> tags;
    std::map<std::string, int> categories;
    fmt::print("\n{}:\n", options.retired ? "retired cases" : "cases");
    int shown = 0;
    for (const TestCase& test_case : manifest.cases) {
        if (test_case.retired != options.retired) {
            continue;
        }
        ++shown;
        ++categories[test_case.category];
        for (const std::string& tag : test_case.tags) {
            ++tags[tag];
        }
        fmt::print("  {:<32} {:<14} {:<7} [{}]\n", test_case.id, test_case.category,
                   test_case.difficulty.empty() ? "-" : test_case.difficulty, fmt::join(test_case.tags, ", "));
    }
    if (shown == 0) {
        fmt::print("  (none)\n");
    }
    fmt::print("\ncategories:\n");
    for (const auto& [name, count] : categories) {
        fmt::print("  {:<24} {}\n", name, count);
    }
    fmt::print("\ntags:\n");
    for (const auto& [name, count] : tags) {
        fmt::print("  {:<24} {}\n", name, count);
    }
}

}  // namespace

void register_list(CLI::App& app, int& exit_code) {
    auto* command = app.add_subcommand("list", "Show a manifest's suites, cases, tags, categories and models");
    auto options = std::make_shared<ListOptions>();
    command->add_option("manifest", options->path, "Manifest file (YAML)")->required();
    command->add_flag("--retired", options->retired, "List the retired cases (kept in files, skipped by runs)");
    command->add_flag("--json", options->json, "Print JSON instead of text");
    command->callback([options, &exit_code] {
        const Manifest manifest = load_validated_manifest(options->path);
        if (options->json) {
            fmt::print("{}\n", list_json(manifest, *options).dump(2));
        } else {
            print_text(manifest, *options);
        }
        exit_code = k_exit_ok;
    });
}

}  // namespace evalbench

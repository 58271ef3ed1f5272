#include <fmt/format.h>

#include "commands.hpp"

namespace evalbench {

void register_validate(CLI::App& app, int& exit_code) {
    auto* command = app.add_subcommand("validate", "Check a manifest, its suites and every check definition; "
                                                   "report every problem as file:line:col");
    auto path = std::make_shared<std::string>();
    command->add_option("manifest", *path, "Manifest file (YAML)")->required();
    command->callback([path, &exit_code] {
        const Manifest manifest = load_validated_manifest(*path);
        long active = 0;
        long checks = 0;
        for (const TestCase& test_case : manifest.cases) {
            active += test_case.retired ? 0 : 1;
            checks += static_cast<long>(test_case.checks.size());
        }
        fmt::print("{}: ok — {} v{}, {} suite file(s), {} case(s) ({} active), {} check(s), {} model(s), "
                   "{} variant(s)\n",
                   *path, manifest.name, manifest.version, manifest.suites.size(), manifest.cases.size(), active,
                   checks, manifest.models.size(), manifest.variants.size());
        exit_code = k_exit_ok;
    });
}

}  // namespace evalbench

#include <fmt/format.h>

#include "commands.hpp"
#include "evalbench/providers/secrets.hpp"

namespace evalbench {
namespace {

// A model whose key is missing would stop `run` before anything is sent; say
// so now, as a warning (CI often validates without secrets).
void warn_missing_keys(const Manifest& manifest) {
    const std::filesystem::path dotenv_path = manifest.dir / ".env";
    std::map<std::string, std::string> dotenv;
    try {
        if (std::filesystem::exists(dotenv_path)) {
            dotenv = parse_dotenv(dotenv_path);
        }
    } catch (const EvalError& error) {
        for (Diagnostic diagnostic : error.diagnostics()) {
            diagnostic.severity = Severity::warning;
            fmt::print(stderr, "{}\n", diagnostic.format());
        }
    }
    for (const ModelSpec& model : manifest.models) {
        try {
            std::ignore = resolve_credentials(model, dotenv);  // only whether it throws matters here
        } catch (const EvalError& error) {
            for (Diagnostic diagnostic : error.diagnostics()) {
                diagnostic.severity = Severity::warning;
                fmt::print(stderr, "{} (`run` will refuse to start)\n", diagnostic.format());
            }
        }
    }
}

}  // namespace

void register_validate(CLI::App& app, int& exit_code) {
    auto* command = app.add_subcommand("validate", "Check a manifest, its suites and every check definition; "
                                                   "report every problem as file:line:col");
    auto path = std::make_shared<std::string>();
    command->add_option("manifest", *path, "Manifest file (YAML)")->required();
    command->callback([path, &exit_code] {
        const Manifest manifest = load_validated_manifest(*path);
        warn_missing_keys(manifest);
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

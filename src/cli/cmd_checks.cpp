#include <fmt/format.h>

#include "commands.hpp"
#include "evalbench/scoring/registry.hpp"

namespace evalbench {

void register_checks(CLI::App& app, int& exit_code) {
    auto* command = app.add_subcommand("checks", "List every check type with its parameters");
    command->callback([&exit_code] {
        const CheckRegistry& registry = CheckRegistry::builtin();
        for (const std::string& name : registry.names()) {
            const CheckType* type = registry.find(name);
            fmt::print("{:<15} {}\n", name, type->summary);
            if (!type->parameters.empty()) {
                fmt::print("{:<15} parameters: {}\n", "", fmt::join(type->parameters, ", "));
            }
        }
        fmt::print("\nEvery check also takes {}; `not-<type>` negates a check.\n",
                   fmt::join(common_check_keys(), ", "));
        exit_code = k_exit_ok;
    });
}

}  // namespace evalbench

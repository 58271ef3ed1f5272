#include <fmt/format.h>

#include "commands.hpp"
#include "evalbench/providers/cache.hpp"

namespace evalbench {

void register_cache(CLI::App& app, int& exit_code) {
    auto* command = app.add_subcommand("cache", "Manage the response cache");
    command->require_subcommand(1);
    auto* clear = command->add_subcommand("clear", "Remove every cached response");
    auto directory = std::make_shared<std::string>(".evalbench/cache");
    clear->add_option("--cache-dir", *directory, "Cache directory (default .evalbench/cache)");
    clear->callback([directory, &exit_code] {
        const auto removed = clear_cache(*directory);
        if (!removed) {
            throw EvalError(Failure::run_failed, fmt::format("cache clear: {}", removed.error()));
        }
        fmt::print("removed {} cached response(s) from {}\n", *removed, *directory);
        exit_code = k_exit_ok;
    });
}

}  // namespace evalbench

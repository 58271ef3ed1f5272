#include "evalbench/cli/app.hpp"

#include <fmt/format.h>

#include "commands.hpp"
#include "evalbench/core/error.hpp"

namespace evalbench {

int run_cli(int argc, char** argv) {
    CLI::App app{"evalbench: run your own LLM benchmark — tagged cases, several models, deterministic checks, "
                 "reports and regression gates.",
                 "evalbench"};
    app.set_version_flag("--version", std::string("evalbench ") + EVALBENCH_VERSION);
    app.require_subcommand(1);
    app.footer("Exit codes: 0 ok, 1 a gate failed, 2 bad input (nothing sent), 3 the run could not finish, "
               "130 interrupted.\nRun `evalbench <command> --help` for a command's options.");

    int exit_code = k_exit_ok;
    register_validate(app, exit_code);
    register_list(app, exit_code);
    register_run(app, exit_code);
    register_check(app, exit_code);
    register_cache(app, exit_code);
    register_checks(app, exit_code);

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& error) {
        // --help and --version arrive here as "errors" with exit code 0.
        const int code = app.exit(error);
        return code == 0 ? k_exit_ok : k_exit_bad_input;
    } catch (const EvalError& error) {
        for (const Diagnostic& diagnostic : error.diagnostics()) {
            fmt::print(stderr, "{}\n", diagnostic.format());
        }
        if (error.failure() == Failure::bad_input && error.diagnostics().size() > 1) {
            fmt::print(stderr, "{} problems found; nothing was sent.\n", error.diagnostics().size());
        }
        return static_cast<int>(error.failure());
    } catch (const std::exception& error) {
        fmt::print(stderr, "evalbench: internal error: {}\n", error.what());
        return k_exit_run_failed;
    }
    return exit_code;
}

}  // namespace evalbench

#pragma once
// The command-line front end. main() calls run_cli and returns its exit code
// (see DESIGN.md: 0 ok, 1 gate failed, 2 bad input, 3 run failed, 130 interrupted).

namespace evalbench {

int run_cli(int argc, char** argv);

}  // namespace evalbench

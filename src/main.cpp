#include "evalbench/cli/app.hpp"

int main(int argc, char** argv) {
    return evalbench::run_cli(argc, argv);
}

#!/usr/bin/env bash
# Runs the whole test suite: installs what is missing, builds everything
# (unit tests, CLI scenarios), then ctest. CI (CI=true) builds with -Werror.
#   scripts/test.sh              all tests
#   scripts/test.sh -L unit      extra arguments go to ctest
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build_dir="${EVALBENCH_BUILD_DIR:-$here/build}"
werror=OFF
if [ "${CI:-}" = "true" ]; then werror=ON; fi

EVALBENCH_BUILD_DIR="$build_dir" BUILD_TARGET=all \
  CMAKE_EXTRA_ARGS="-DEVALBENCH_TESTS=ON -DEVALBENCH_WERROR=$werror ${CMAKE_EXTRA_ARGS:-}" \
  "$here/scripts/setup.sh"

cd "$build_dir"
ctest --output-on-failure -j"$(nproc)" --timeout 900 "$@"

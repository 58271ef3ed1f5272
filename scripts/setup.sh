#!/usr/bin/env bash
# Installs every Debian package evalbench needs to build and test, then
# configures and builds. Idempotent; works as root or through sudo.
#   scripts/setup.sh            install + build (Release)
#   scripts/setup.sh --no-build install only
# Environment: EVALBENCH_BUILD_DIR (default build), BUILD_TYPE (Release),
# BUILD_TARGET (evalbench; scripts/test.sh builds all), CMAKE_EXTRA_ARGS.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
packages=(
  build-essential cmake pkg-config git
  libcli11-dev nlohmann-json3-dev libyaml-cpp-dev libfmt-dev catch2
  libcurl4-openssl-dev libsqlite3-dev libre2-dev libpq-dev
  bubblewrap python3 json-schema-test-suite
)

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}" >&2
  as_root apt-get update
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
else
  echo "setup: all packages present" >&2
fi

[ "${1:-}" = "--no-build" ] && exit 0

build_dir="${EVALBENCH_BUILD_DIR:-$here/build}"
cmake -S "$here" -B "$build_dir" -DCMAKE_BUILD_TYPE="${BUILD_TYPE:-Release}" ${CMAKE_EXTRA_ARGS:-}
cmake --build "$build_dir" -j"$(nproc)" --target "${BUILD_TARGET:-evalbench}"

#!/usr/bin/env bash
# Command (b): install, build, and run the whole test suite with ctest.
# Extra arguments go to ctest, e.g. -R clienttest or -V.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${QINFLUX_BUILD_DIR:-$root/build}

bash "$root/scripts/build.sh"
cd "$build"
ctest --output-on-failure --timeout 600 -j "$(nproc)" "$@"

#!/usr/bin/env bash
# The one entry point the Makefile calls: installs missing packages, then
# configures and builds with CMake.
#   scripts/build.sh [BUILD_DIR] [cmake -D options...]
# BUILD_DIR defaults to build/. Binaries land in BUILD_DIR/bin/.
set -euo pipefail
cd "$(dirname "$0")/.."
"scripts/deps.sh"

build_dir=${1:-build}
shift || true
jobs=${JOBS:-$(nproc 2>/dev/null || echo 2)}
if [[ ! -f "$build_dir/CMakeCache.txt" ]] || [[ $# -gt 0 ]]; then
  cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE="${BUILD_TYPE:-Release}" "$@" >/dev/null
fi
# Progress lines are noise in `make demo`; warnings and errors still show.
cmake --build "$build_dir" -j "$jobs" 2>&1 |
  { grep -v -E '^\[ *[0-9]+%\] (Building|Linking|Built)|^gmake|^make\[' || true; }

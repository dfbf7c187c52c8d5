#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Configures and builds Orb into a build folder: scripts/build.sh BUILD_DIR [cmake options...]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${1:?usage: scripts/build.sh BUILD_DIR [cmake options]}"
shift
generator=()
if command -v ninja >/dev/null 2>&1; then
  generator=(-G Ninja)
fi
if [ ! -f "$build/CMakeCache.txt" ]; then
  cmake -S "$here" -B "$build" "${generator[@]}" "$@"
else
  cmake -S "$here" -B "$build" "$@" >/dev/null
fi
cmake --build "$build" --parallel "$(nproc)"

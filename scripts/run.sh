#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs what Orb needs, builds it, and starts the desktop program on the demo company
# (created on first use in ~/.local/share/orb/demo.orb).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$here/scripts/install-deps.sh"
bash "$here/scripts/build.sh" "$here/build/release" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DORB_BUILD_TESTS=OFF -DORB_BUILD_BENCHMARKS=OFF
demo="${ORB_DEMO_FILE:-${XDG_DATA_HOME:-$HOME/.local/share}/orb/demo.orb}"
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
  echo "run: no display found; starting Orb in a virtual display (xvfb-run). Set DISPLAY to see the window." >&2
  exec xvfb-run -a "$here/build/release/app/orb-billing" --demo "$demo" "$@"
fi
exec "$here/build/release/app/orb-billing" --demo "$demo" "$@"

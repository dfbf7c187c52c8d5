#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs sdk_test.mjs (Orb's official TypeScript SDK against `orbctl serve`), installing the
# pinned SDK with `npm ci` from package-lock.json first when it is missing.
#   run_sdk_test.sh ORBCTL
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
orbctl="${1:?usage: run_sdk_test.sh ORBCTL}"
command -v node >/dev/null || { echo "api_sdk: Node.js is not installed (scripts/install-deps.sh installs it)" >&2; exit 1; }
if [ ! -f "$here/node_modules/orb-billing/package.json" ]; then
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
fi
exec node "$here/sdk_test.mjs" "$orbctl"

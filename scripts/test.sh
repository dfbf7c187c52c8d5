#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs what Orb needs, builds it with warnings as errors, and runs the whole test suite
# headless: offscreen Qt, and the keyring tests inside a private D-Bus session with
# gnome-keyring unlocked. Then builds without the window (-DORB_BUILD_GUI=OFF), which proves
# the layering, and runs that configuration's tests.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$here/scripts/install-deps.sh"

export CCACHE_DIR="${CCACHE_DIR:-$HOME/.ccache}"
# Paths relative to the checkout, so that both configurations (and any clone in another
# folder) share cache entries.
export CCACHE_BASEDIR="$here"
export CCACHE_NOHASHDIR=1
export QT_QPA_PLATFORM=offscreen
jobs="$(nproc)"

# Source checks first, as they take seconds; their failure fails the run at the end, after the
# tests have said what they have to say.
checks_failed=0
echo "== layers: no SQL or unit of work in ui/, app/, sync/"
bash "$here/scripts/check-layers.sh" || checks_failed=1
echo "== format: every C++ file follows .clang-format"
bash "$here/scripts/format.sh" --check --all || checks_failed=1

echo "== build (GUI, warnings as errors)"
bash "$here/scripts/build.sh" "$here/build/ci" -DCMAKE_BUILD_TYPE=Debug -DORB_WERROR=ON -DORB_BUILD_GUI=ON

# Orb's official TypeScript SDK for the API test (api_sdk), pinned by tests/api/package-lock.json.
if [ ! -f "$here/tests/api/node_modules/orb-billing/package.json" ]; then
  echo "== npm ci: Orb's TypeScript SDK for the API test"
  (cd "$here/tests/api" && npm ci --no-audit --no-fund --loglevel=error)
fi

# A fresh keyring each run: an old one with another password fails to unlock.
keyring_home="$(mktemp -d)"
trap 'rm -rf "$keyring_home"' EXIT
run_ctest() {
  local dir="$1"
  shift
  XDG_DATA_HOME="$keyring_home" ORB_REQUIRE_KEYRING=1 dbus-run-session -- bash -c '
    printf %s orb-test-password | gnome-keyring-daemon --unlock --components=secrets >/dev/null
    dir="$0"; jobs="$1"; shift
    cd "$dir" && ctest --output-on-failure --timeout 900 -j "$jobs" "$@"' "$dir" "$jobs" "$@"
}

echo "== tests (GUI build)"
run_ctest "$here/build/ci"

# The no-GUI configuration is also the sanitized one: AddressSanitizer (with leak checks) and
# UndefinedBehaviorSanitizer over the whole test suite, any report failing the test. The only
# suppressions are for third-party libraries (tests/sanitizers/lsan.supp). A suite's server twin
# (NAME_pg, the same test code on a company server) runs in the GUI build above only: it runs
# the same Orb code as its file twin plus the server driver, and twice over it would take the
# run past its time budget; the server's own suites (pg_*) run sanitized here as well.
echo "== build without the window (-DORB_BUILD_GUI=OFF), with ASan + UBSan"
bash "$here/scripts/build.sh" "$here/build/nogui" -DCMAKE_BUILD_TYPE=Debug -DORB_WERROR=ON -DORB_BUILD_GUI=OFF -DORB_SANITIZE=ON
echo "== tests (no-GUI build, ASan + UBSan)"
ASAN_OPTIONS="detect_leaks=1:abort_on_error=1" \
UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1" \
LSAN_OPTIONS="suppressions=$here/tests/sanitizers/lsan.supp:print_suppressions=0" \
  run_ctest "$here/build/nogui" -E '_pg$'

echo "== fuzz (libFuzzer, ASan + UBSan, bounded)"
bash "$here/scripts/fuzz.sh" "${ORB_FUZZ_SECONDS:-12}" "$here/build/fuzz"

if [ "$checks_failed" -ne 0 ]; then
  echo "== FAILED: the layer or format check above" >&2
  exit 1
fi

#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs the Debian 12 packages Orb needs to build, run and test, only those missing.
set -euo pipefail

PACKAGES=(
  build-essential cmake ninja-build ccache pkg-config
  qt6-base-dev libqt6opengl6-dev qt6-charts-dev libqt6sql6-sqlite qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-translations-l10n
  qtkeychain-qt6-dev libsecret-1-0 gnome-keyring dbus-daemon
  libcurl4-openssl-dev libsqlite3-dev libxml2-dev
  xvfb xauth poppler-utils libgl1-mesa-dev fonts-dejavu-core python3
  dpkg-dev file lintian appstream desktop-file-utils shared-mime-info xdg-utils
  clang-14 libclang-rt-14-dev clang-format-14 clang-tidy-14
  libsodium-dev sqlite3
  # Orb's REST API (orbctl serve): Qt HTTP Server, which needs the WebSockets development files
  # to be found by CMake; Node.js runs Orb's official TypeScript SDK against it in the tests.
  qt6-httpserver-dev qt6-websockets-dev nodejs
  # Team mode: a company on a PostgreSQL server (Qt's QPSQL driver over libpq); the tests start
  # a throwaway PostgreSQL 15 cluster of their own (scripts/pg-test-cluster.sh).
  postgresql-15 libqt6sql6-psql libpq-dev
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

# Debian's nodejs comes without npm (NodeSource's carries it): the API test installs Orb's SDK
# with npm ci.
if ! command -v npm >/dev/null 2>&1; then
  missing+=(npm)
fi

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#PACKAGES[@]} packages are installed"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi
echo "install-deps: installing ${missing[*]}"
$SUDO apt-get update -qq
# No recommends: dbus-x11 (recommended by some) makes keychain calls wait for a prompt.
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"

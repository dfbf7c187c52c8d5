#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs what the peer benchmarks need beyond scripts/install-deps.sh, only what is missing:
# GnuCash 4.13 and its Python bindings with the SQLite driver of libdbi, for
# `bench_issuing --peer gnucash` (tests/benchmarks/peers/gnucash_invoices.py). Not needed to
# build, test or run Orb.
set -euo pipefail

# Debian's python3-gnucash does not pull in the GnuCash libraries it loads (libgnc-app-utils
# and the rest come with the gnucash package), nor libdbi's SQLite driver for SQLite books.
PACKAGES=(gnucash python3-gnucash libdbd-sqlite3)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-bench-deps: all ${#PACKAGES[@]} packages are installed"
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi
echo "install-bench-deps: installing ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
# The bindings are for Debian's Python (/usr/bin/python3), which bench_issuing uses.
/usr/bin/python3 -c "import gnucash" && echo "install-bench-deps: GnuCash's Python bindings load"

#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# A throwaway PostgreSQL 15 cluster for the tests: `start DIR` runs initdb into DIR/pg and starts
# the server listening on a Unix socket in DIR only (no TCP, so parallel clusters on one machine
# never meet); `stop DIR` stops it and removes DIR. The superuser is `orbadmin` with trust
# authentication, which is safe only because the socket lives in a folder of its own.
#
# initdb refuses to run as root, so as root (CI) the cluster belongs to an unprivileged user:
# `postgres` when the package created it, else `nobody`. The socket folder is world-traversable
# so the tests (root) can connect.
#
# With ORB_PG_PASSWORD set, `start` makes a cluster that asks for passwords (scram-sha-256),
# orbadmin's being that one, for tests of logins and wrong passwords. `halt DIR` stops the
# server and keeps its data, `resume DIR` starts it again (tests of a server that goes away).
set -euo pipefail

usage() { echo "usage: $0 start|stop|halt|resume|status DIR" >&2; exit 2; }
[ $# -eq 2 ] || usage
action=$1
dir=$2
case "$dir" in /*) ;; *) echo "pg-test-cluster: DIR must be an absolute path: $dir" >&2; exit 2 ;; esac

bindir=${ORB_PG_BINDIR:-}
if [ -z "$bindir" ]; then
  for v in 15 16 17 14 13; do
    if [ -x "/usr/lib/postgresql/$v/bin/initdb" ]; then bindir=/usr/lib/postgresql/$v/bin; break; fi
  done
fi
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
  echo "pg-test-cluster: PostgreSQL server binaries not found (install postgresql-15: scripts/install-deps.sh)" >&2
  exit 1
fi

run_as=()
owner=$(id -un)
if [ "$(id -u)" -eq 0 ]; then
  if id postgres >/dev/null 2>&1; then owner=postgres; else owner=nobody; fi
  run_as=(runuser -u "$owner" --)
fi

pgctl() { "${run_as[@]}" "$bindir/pg_ctl" -D "$dir/pg" "$@"; }
# fsync off: a test cluster never needs to survive a power cut, and it saves the shared disk.
pgstart() {
  pgctl -o "-k $dir -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=60" \
    -l "$dir/server.log" -w -t 60 start >/dev/null \
    || { cat "$dir/server.log" >&2; exit 1; }
}

case "$action" in
  start)
    # A cluster left over from an interrupted run goes first: each run starts empty.
    if [ -f "$dir/pg/postmaster.pid" ]; then pgctl -m immediate stop >/dev/null 2>&1 || true; fi
    rm -rf "$dir"
    mkdir -p "$dir"
    chmod 755 "$dir"
    # The parents must be traversable by the cluster's owner (mktemp folders are not).
    [ "$owner" = "$(id -un)" ] || chown "$owner" "$dir"
    auth=(--auth=trust)
    if [ -n "${ORB_PG_PASSWORD:-}" ]; then
      printf '%s\n' "$ORB_PG_PASSWORD" >"$dir/pwfile"
      [ "$owner" = "$(id -un)" ] || chown "$owner" "$dir/pwfile"
      auth=(--auth=scram-sha-256 --pwfile="$dir/pwfile")
    fi
    "${run_as[@]}" "$bindir/initdb" -D "$dir/pg" -U orbadmin "${auth[@]}" --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    rm -f "$dir/pwfile"
    pgstart
    echo "pg-test-cluster: running, socket in $dir (user orbadmin)"
    ;;
  halt)
    pgctl -m fast -w stop >/dev/null
    echo "pg-test-cluster: halted, data kept in $dir"
    ;;
  resume)
    pgstart
    echo "pg-test-cluster: running again, socket in $dir"
    ;;
  stop)
    if [ -f "$dir/pg/postmaster.pid" ]; then pgctl -m fast -w stop >/dev/null 2>&1 || pgctl -m immediate stop >/dev/null 2>&1 || true; fi
    rm -rf "$dir"
    echo "pg-test-cluster: stopped, $dir removed"
    ;;
  status)
    pgctl status
    ;;
  *) usage ;;
esac

#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The layer check must fail on each kind of offence and pass on clean code, so that a broken
# pattern cannot let SQL back into ui/, app/ or sync/ unnoticed.
set -uo pipefail
check="${1:?the path of scripts/check-layers.sh}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
fails=0

expect() { # expect EXIT_CODE DESCRIPTION FILE CONTENT
  local want="$1" what="$2" file="$3" content="$4"
  rm -rf "$work/ui" "$work/app" "$work/sync"
  mkdir -p "$work/ui" "$work/app" "$work/sync" "$(dirname "$work/$file")"
  printf '%s\n' "$content" > "$work/$file"
  bash "$check" --root "$work" ui app sync >"$work/out" 2>&1
  local got=$?
  if [ "$got" -ne "$want" ]; then
    echo "FAIL: $what: exit $got, expected $want"; cat "$work/out"; fails=$((fails + 1))
  else
    echo "PASS: $what"
  fi
}

expect 0 "clean code passes" ui/Clean.cpp '#include "models/CustomerRepository.h"
void f(Database &db) { CustomerRepository(db).counts(); QDialog d; d.exec(); file.commit(); }'
expect 1 "QSqlQuery in ui" ui/A.cpp 'QSqlQuery q;'
expect 1 "Qt SQL include in app" app/B.cpp '#include <QSqlQuery>'
expect 1 "raw sqlite in sync" sync/C.cpp 'sqlite3_exec(h, "x", 0, 0, 0);'
expect 1 "a unit of work in ui" ui/widgets/D.cpp '    UnitOfWork uow(m_file.db());'
expect 1 "scalar() in ui" ui/E.cpp 'm_file.db().scalar(QStringLiteral("x"));'
expect 1 "exec on a db in app" app/F.cpp 'db.exec(QStringLiteral("x"));'
expect 1 "SQL text in sync" sync/G.cpp 'const char *s = "SELECT id FROM customers";'
expect 1 "a transaction begun in ui" ui/H.cpp 'm_file.db().begin();'
expect 1 "SQL in a header" ui/I.h 'inline const char *k = "DELETE FROM invoices";'
rm -rf "$work/app"
bash "$check" --root "$work" ui app >/dev/null 2>&1; [ $? -eq 2 ] && echo "PASS: missing folder" || { echo "FAIL: missing folder not refused"; fails=$((fails + 1)); }

[ "$fails" -eq 0 ] || { echo "$fails check(s) failed"; exit 1; }

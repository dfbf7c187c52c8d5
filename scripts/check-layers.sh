#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The layering rule that code review alone does not keep: SQL and units of work live in
# models/ only. ui/ (the documents target included: it reads through repositories), app/ and
# sync/ call services and repositories; a statement, a transaction or a raw SQLite call there
# fails this check, which prints each line found and the rule it breaks.
#
#   scripts/check-layers.sh [--root DIR] [FOLDER...]   (default: ui app sync of this checkout)
#   exit 0: clean, 1: something found, 2: bad arguments
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dirs=()
while [ $# -gt 0 ]; do
  case "$1" in
    --root) root="${2:?--root needs a folder}"; shift 2 ;;
    -h|--help) sed -n '2,9p' "${BASH_SOURCE[0]}"; exit 0 ;;
    -*) echo "check-layers: unknown option $1" >&2; exit 2 ;;
    *) dirs+=("$1"); shift ;;
  esac
done
[ ${#dirs[@]} -eq 0 ] && dirs=(ui app sync)
cd "$root"
for d in "${dirs[@]}"; do
  [ -d "$d" ] || { echo "check-layers: $root/$d: no such folder" >&2; exit 2; }
done
# pattern@@what it means
rules=(
  '#include[[:space:]]*<QSql@@Qt SQL used directly (go through a repository in models/)'
  '\bQSql(Query|Database|Record|Driver)\b@@Qt SQL used directly (go through a repository in models/)'
  '#include[[:space:]]*<sqlite3\.h>@@raw SQLite (only models/ talks to SQLite)'
  '\bsqlite3_[a-z_]+[[:space:]]*\(@@raw SQLite (only models/ talks to SQLite)'
  '\bUnitOfWork\b@@a unit of work outside models/ (a service method is the business action)'
  '(\.|->)(scalar|execScript)[[:space:]]*\(@@a statement run outside models/'
  '(db\(\)|[Dd]b|m_db)[[:space:]]*(\.|->)[[:space:]]*(exec|begin|commit|rollback)[[:space:]]*\(@@a statement or transaction outside models/'
  '"[[:space:]]*(SELECT|INSERT[[:space:]]+INTO|UPDATE[[:space:]]+[a-z_]+[[:space:]]+SET|DELETE[[:space:]]+FROM|REPLACE[[:space:]]+INTO|PRAGMA|CREATE[[:space:]]+(TABLE|INDEX)|ALTER[[:space:]]+TABLE|DROP[[:space:]]+TABLE|BEGIN|COMMIT|ROLLBACK|SAVEPOINT)\b@@SQL text outside models/'
)

# Every offending line once, with the first rule it breaks.
hits="$(
  for rule in "${rules[@]}"; do
    pattern="${rule%%@@*}"
    why="${rule#*@@}"
    grep -rnE --include='*.cpp' --include='*.h' "$pattern" "${dirs[@]}" | sed "s|\$|\t$why|" || true
  done | awk -F'\t' '!seen[$1]++' | sort -t: -k1,1 -k2,2n
)"

if [ -n "$hits" ]; then
  printf '%s\n' "$hits" | awk -F'\t' '{ print $1; print "    -> " $2 }'
  echo "check-layers: $(printf '%s\n' "$hits" | wc -l) line(s) in ${dirs[*]}" >&2
  echo "check-layers: SQL or a unit of work outside models/ (see ARCHITECTURE.md: ui never runs SQL, app only wires)." >&2
  exit 1
fi
echo "check-layers: ${dirs[*]}: no SQL, no unit of work"

#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Formats the C++ sources with the project's .clang-format.
#
#   scripts/format.sh                 format every tracked .cpp and .h in place
#   scripts/format.sh FILE...         format these files in place
#   scripts/format.sh --changed       format only the lines changed since the base branch
#   scripts/format.sh --check         change nothing; fail (exit 1) when a line changed since the
#                                     base branch is not formatted, and show how it should be
#   scripts/format.sh --check --all   the same for every line of every file
#
# The base is the merge base with $ORB_FORMAT_BASE (default origin/HEAD, then main, then the
# previous commit). Checking changed lines holds every branch to the format without making it
# reformat code it does not touch.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"

find_tool() {
  for c in "$@"; do
    if command -v "$c" >/dev/null 2>&1; then echo "$c"; return 0; fi
  done
  return 1
}
cf="$(find_tool clang-format-14 clang-format)" || { echo "format: clang-format not found (apt-get install clang-format)" >&2; exit 2; }

check=0 all=0 changed=0
files=()
for a in "$@"; do
  case "$a" in
    --check) check=1 ;;
    --all) all=1 ;;
    --changed) changed=1 ;;
    -h|--help) sed -n '2,14p' "${BASH_SOURCE[0]}"; exit 0 ;;
    -*) echo "format: unknown option $a" >&2; exit 2 ;;
    *) files+=("$a") ;;
  esac
done

base_commit() {
  local b
  for ref in "${ORB_FORMAT_BASE:-origin/HEAD}" main; do
    if b="$(git merge-base HEAD "$ref" 2>/dev/null)" && [ "$b" != "$(git rev-parse HEAD)" ]; then echo "$b"; return 0; fi
  done
  git rev-parse -q --verify HEAD~1 2>/dev/null || true
}

# Lines changed since the base (committed or not), as clang-format-diff reads them.
changed_lines_diff() {
  git diff -U0 --no-color "$(base_commit)" -- '*.cpp' '*.h'
}

if [ "$check" -eq 0 ]; then
  if [ "$changed" -eq 1 ]; then
    cfd="$(find_tool clang-format-diff-14 clang-format-diff)" || { echo "format: clang-format-diff not found" >&2; exit 2; }
    changed_lines_diff | "$cfd" -p1 -i -binary "$cf"
    echo "format: formatted the lines changed since $(git rev-parse --short "$(base_commit)")"
    exit 0
  fi
  [ ${#files[@]} -eq 0 ] && mapfile -t files < <(git ls-files '*.cpp' '*.h')
  "$cf" --style=file -i "${files[@]}"
  echo "format: formatted ${#files[@]} file(s)"
  exit 0
fi

if [ "$all" -eq 1 ] || [ ${#files[@]} -gt 0 ]; then
  [ ${#files[@]} -eq 0 ] && mapfile -t files < <(git ls-files '*.cpp' '*.h')
  bad=0
  for f in "${files[@]}"; do
    if ! "$cf" --style=file --dry-run --Werror "$f" >/dev/null 2>&1; then
      echo "format: $f is not formatted"
      bad=1
    fi
  done
  [ "$bad" -eq 0 ] || { echo "format: run scripts/format.sh on the files above" >&2; exit 1; }
  echo "format: ${#files[@]} file(s) formatted as .clang-format says"
  exit 0
fi

cfd="$(find_tool clang-format-diff-14 clang-format-diff)" || { echo "format: clang-format-diff not found" >&2; exit 2; }
if [ -z "$(base_commit)" ]; then
  echo "format: no base commit to compare with (a shallow clone?); nothing checked, use --check --all"
  exit 0
fi
out="$(changed_lines_diff | "$cfd" -p1 -binary "$cf")"
if [ -n "$out" ]; then
  printf '%s\n' "$out"
  echo "format: lines changed since $(git rev-parse --short "$(base_commit)") are not formatted (scripts/format.sh --changed fixes them)" >&2
  exit 1
fi
echo "format: the lines changed since $(git rev-parse --short "$(base_commit)") are formatted"

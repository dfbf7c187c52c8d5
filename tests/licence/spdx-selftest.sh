#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Checks scripts/spdx.sh itself on a small tree made here: --check lists each kind of offender
# and exits 1, the fix puts the line where it belongs (after a #! line, in the file's comment
# syntax, keeping CRLF, the mode and the rest of the bytes), a second run changes nothing, and
# the exceptions of the copyright file are honoured and must name files that exist.
#
#   tests/licence/spdx-selftest.sh SCRIPT     (ctest: licence_spdx_script)
set -euo pipefail

script="$(cd "$(dirname "${1:?usage: spdx-selftest.sh PATH/TO/spdx.sh}")" && pwd)/$(basename "$1")"
work="$(mktemp -d "${TMPDIR:-/tmp}/orb-spdx-test.XXXXXX")"
trap 'rm -rf "$work"' EXIT
fails=0
fail() { printf 'FAIL: %s\n' "$*" >&2; fails=$((fails + 1)); }
expect_line() { # FILE N TEXT
  local got
  got="$(sed -n "$2p" "$work/$1" | tr -d '\r')"
  [ "$got" = "$3" ] || fail "$1 line $2 is \"$got\", expected \"$3\""
}

spdx=(bash "$script" --root "$work")
L="SPDX-License-Identifier: GPL-3.0-or-later"

cd "$work"
mkdir -p installer/linux src scripts tests/data third_party sql
cat > installer/linux/copyright <<'EOF'
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: Test

Files: *
Copyright: 2026 Test
License: GPL-3.0-or-later

Files: third_party/vendor.cpp
 third_party/gen_*.h
Copyright: 2020 Someone
License: Expat
EOF
printf '#include <cstdio>\nint main() { return 0; }' > src/main.cpp             # no final newline
printf '#pragma once\r\nint f();\r\n' > src/crlf.h
printf '#!/bin/sh\necho hi\n' > scripts/run.sh && chmod 755 scripts/run.sh
printf '#!/usr/bin/env python3\n# -*- coding: utf-8 -*-\nprint(1)\n' > scripts/tool.py
printf '#!/bin/sh\nexit 0\n' > scripts/noext && chmod 755 scripts/noext
printf 'CREATE TABLE t (x TEXT);\n' > sql/0001_t.sql
printf 'cmake_minimum_required(VERSION 3.25)\n' > CMakeLists.txt
printf 'Section "x"\nSectionEnd\n' > src/setup.nsh
: > src/empty.cpp
printf '{"a": 1}\n' > tests/data/x.json
printf '// not ours\n' > tests/data/sample.cpp                                      # test data
printf '# Readme\n' > README.md
printf '// SPDX-License-Identifier: MIT\nint v;\n' > third_party/vendor.cpp
printf 'int g;\n' > third_party/gen_table.h
printf '// SPDX-License-Identifier: MIT\nint w;\n' > src/foreign.cpp              # another licence, not listed
printf 'stuff\n' > src/notes.xyz                                                   # no rule
printf '\xef\xbb\xbfint b;\n' > src/bom.cpp                                         # a byte order mark

# --- --check lists the offenders and fails.
if out="$("${spdx[@]}" --check 2>&1)"; then
  fail "--check passed on a tree with offenders"
fi
for f in src/main.cpp src/crlf.h scripts/run.sh scripts/tool.py scripts/noext sql/0001_t.sql CMakeLists.txt \
         src/setup.nsh src/empty.cpp src/foreign.cpp src/notes.xyz src/bom.cpp; do
  grep -q "^$f: " <<<"$out" || fail "--check does not list $f"
done
for f in tests/data/x.json tests/data/sample.cpp README.md third_party/vendor.cpp third_party/gen_table.h installer/linux/copyright; do
  ! grep -q "^$f: " <<<"$out" || fail "--check lists $f, which needs no line"
done
grep -q '^src/foreign.cpp: .*not "// SPDX' <<<"$out" || fail "--check does not say src/foreign.cpp carries another licence"
grep -q '^src/notes.xyz: no rule' <<<"$out" || fail "--check does not say src/notes.xyz has no rule"
grep -q '^src/bom.cpp: starts with a UTF-8 byte order mark' <<<"$out" || fail "--check does not report the byte order mark of src/bom.cpp"

# --- The fix adds the lines; what needs a decision stays reported and untouched.
before_foreign="$(cat src/foreign.cpp)"
if "${spdx[@]}" > "$work/fix1.txt" 2>&1; then
  fail "the fix exited 0 although three files need a decision"
fi
[ "$(cat src/foreign.cpp)" = "$before_foreign" ] || fail "the fix rewrote src/foreign.cpp"
[ "$(od -An -tx1 -N3 src/bom.cpp | tr -d ' ')" = efbbbf ] || fail "the fix put something before the byte order mark of src/bom.cpp"
[ "$(cat src/notes.xyz)" = "stuff" ] || fail "the fix changed src/notes.xyz"
expect_line src/main.cpp 1 "// $L"
expect_line src/main.cpp 2 "#include <cstdio>"
[ "$(tail -c 1 src/main.cpp)" = "}" ] || fail "the fix added a newline at the end of src/main.cpp"
expect_line src/crlf.h 1 "// $L"
[ "$(sed -n 1p src/crlf.h | od -An -c | tr -d ' \n' | tail -c 4)" = '\r\n' ] || fail "src/crlf.h lost its CRLF on the new line"
expect_line scripts/run.sh 1 "#!/bin/sh"
expect_line scripts/run.sh 2 "# $L"
[ -x scripts/run.sh ] || fail "scripts/run.sh lost its executable bit"
expect_line scripts/tool.py 2 "# -*- coding: utf-8 -*-"
expect_line scripts/tool.py 3 "# $L"
expect_line scripts/noext 2 "# $L"
expect_line sql/0001_t.sql 1 "-- $L"
expect_line CMakeLists.txt 1 "# $L"
expect_line src/setup.nsh 1 "; $L"
expect_line src/empty.cpp 1 "// $L"
expect_line tests/data/sample.cpp 1 "// not ours"
expect_line third_party/gen_table.h 1 "int g;"

# --- Once the decisions are made, the check passes and a second run changes nothing.
rm src/foreign.cpp src/notes.xyz src/bom.cpp
sums="$(find . -type f ! -name 'fix*.txt' -print0 | sort -z | xargs -0 md5sum)"
"${spdx[@]}" > "$work/fix2.txt" 2>&1 || fail "the second run failed: $(cat "$work/fix2.txt")"
[ "$sums" = "$(find . -type f ! -name 'fix*.txt' -print0 | sort -z | xargs -0 md5sum)" ] || fail "the second run changed files"
grep -q 'added the line to 0 file' "$work/fix2.txt" || fail "the second run says it added lines"
"${spdx[@]}" --check > /dev/null 2>&1 || fail "--check fails after the fix"

# --- A new file without the line makes the check fail again.
printf 'int h;\n' > src/new.cpp
if out="$("${spdx[@]}" --check 2>&1)"; then fail "--check passed with src/new.cpp lacking the line"; fi
grep -q '^src/new.cpp: lacks' <<<"$out" || fail "--check does not name src/new.cpp"
rm src/new.cpp

# --- Files named on the command line: only those, and a missing one is reported.
printf 'int h;\n' > src/new.cpp
printf 'int k;\n' > src/other.cpp
if out="$("${spdx[@]}" --check src/other.cpp src/gone.cpp 2>&1)"; then fail "--check passed on named offenders"; fi
grep -q '^src/other.cpp: lacks' <<<"$out" || fail "--check FILE does not name src/other.cpp"
grep -q '^src/gone.cpp: no such file' <<<"$out" || fail "--check FILE does not report a missing file"
! grep -q '^src/new.cpp' <<<"$out" || fail "--check FILE looked at a file it was not given"
rm src/new.cpp src/other.cpp

# --- An exception that names no file is stale.
rm third_party/gen_table.h
if out="$("${spdx[@]}" --check 2>&1)"; then fail "--check passed with a stale Files: pattern"; fi
grep -q 'third_party/gen_\*.h" matches no file' <<<"$out" || fail "--check does not report the stale pattern"

if [ "$fails" -gt 0 ]; then
  echo "spdx-selftest: $fails failure(s)" >&2
  exit 1
fi
echo "spdx-selftest: all checks passed"

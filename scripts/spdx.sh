#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Puts the line "SPDX-License-Identifier: GPL-3.0-or-later", as a comment in the file's own
# syntax, at the top of every source, script and build file of Orb that lacks it, or with
# --check lists the files that lack it and exits 1.
#
#   scripts/spdx.sh [--check] [--root DIR] [FILE...]
#
# Without FILEs it looks at every file git knows in the tree (tracked, plus new files that
# .gitignore does not exclude), or every file under DIR when DIR is no git checkout; FILEs are
# relative to DIR (the source tree by default). Running it twice changes nothing the second
# time. ctest runs the check as licence_spdx (tests/licence).
#
# The rule, by the file's path (first match wins):
#   - Files named in a "Files:" stanza of installer/linux/copyright other than the catch-all
#     "*": third-party or generated files. They keep the notice their authors gave them and are
#     neither checked nor edited; the stanza states their licence. Each pattern there must match
#     a file, so a stale entry is reported too.
#   - Data and prose carry no line: test data (tests/data/, fuzz corpora), JSON, JSONL, CSV,
#     Markdown, other .txt, Qt translations (.ts), Qt Designer forms and resource lists (.ui,
#     .qrc), XML, SVG, HTML (a comment above <!DOCTYPE> changes how it renders), images,
#     icons, fonts, other binary files (archives, objects, company files), desktop entries,
#     man pages (they state the licence in their COPYRIGHT section instead), plist templates,
#     the Debian changelog template, LICENSE, VERSION, the copyright file, lintian overrides
#     and git's own files.
#   - C, C++, Objective-C++, QML, JavaScript, Windows resource scripts: "// SPDX-...".
#   - Shell, Python, CMake (CMakeLists.txt, *.cmake), YAML, TOML, sanitizer suppressions:
#     "# SPDX-...". SQL: "-- SPDX-...". NSIS: "; SPDX-...". CSS: "/* SPDX-... */".
#   - A file without an extension is a script when it starts with "#!" (then "# SPDX-..."), and
#     otherwise has no rule. A ".in" template follows the rule of the name without ".in".
#   - Any other file has no rule: --check reports it, so that each new kind of file is decided
#     here (add it to the table below) rather than passed over.
# The line goes on the first line, or on the second after a "#!" line (the third when a Python
# coding declaration follows it, which must stay on line one or two). A file that has an SPDX
# line naming another licence near its top is reported, never rewritten.
set -euo pipefail

readonly SPDX="SPDX-License-Identifier: GPL-3.0-or-later"

usage() {
  sed -n '4,12p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

check=0
root=""
files=()
explicit=0
while [ $# -gt 0 ]; do
  case "$1" in
    --check) check=1 ;;
    --root) [ $# -ge 2 ] || usage; root="$2"; shift ;;
    --root=*) root="${1#--root=}" ;;
    -h|--help) usage ;;
    --) shift; files+=("$@"); break ;;
    -*) echo "spdx.sh: unknown option $1" >&2; usage ;;
    *) files+=("$1") ;;
  esac
  shift
done
[ -n "$root" ] || root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root" || { echo "spdx.sh: cannot enter $root" >&2; exit 2; }

copyright=installer/linux/copyright

# --- The files to look at, relative to the root.
if [ ${#files[@]} -eq 0 ]; then
  if git rev-parse --is-inside-work-tree >/dev/null 2>&1 \
     && [ "$(git rev-parse --show-toplevel)" = "$(pwd -P)" ]; then
    mapfile -d '' files < <(git ls-files -z --cached --others --exclude-standard)
  else
    # A source tree without git (an unpacked tarball): everything but build folders.
    mapfile -d '' files < <(find . -type d \( -name .git -o -path ./build -o -path './build-*' -o -name .cache \) -prune \
                              -o -type f -printf '%P\0')
  fi
else
  explicit=1
  for i in "${!files[@]}"; do files[i]="${files[i]#./}"; done
fi

# --- The exceptions: every Files: pattern of the copyright file but the catch-all "*".
exceptions=()
if [ -f "$copyright" ]; then
  in_files=0
  while IFS= read -r line || [ -n "$line" ]; do
    line="${line%$'\r'}"
    if [[ $line == Files:* ]]; then
      in_files=1
      line="${line#Files:}"
    elif [[ $in_files == 1 && $line == [[:space:]]* && -n ${line//[[:space:]]/} ]]; then
      :   # a continuation line of the Files field
    else
      in_files=0
      continue
    fi
    read -ra words <<< "$line"   # no globbing, unlike an unquoted $line
    for pattern in "${words[@]}"; do
      [ "$pattern" = "*" ] || exceptions+=("$pattern")
    done
  done < "$copyright"
fi
# Patterns are Debian's: "*" matches any text, "/" included, and "?" one character; bash's
# [[ == ]] matches the same way ("[" is taken literally).
is_exception() {
  local p
  for p in "${exceptions[@]}"; do
    p="${p//\[/\\[}"
    # shellcheck disable=SC2053
    [[ $1 == $p ]] && return 0
  done
  return 1
}

# --- The comment syntax for a file: sets prefix and suffix, returns 1 when the file needs no
# line, 2 when no rule knows it.
prefix="" suffix=""
syntax_of_name() {
  local path="$1" name="${1##*/}"
  prefix="" suffix=""
  case "$path" in
    tests/data/*|*/tests/data/*|tests/fuzz/corpus/*|*/testdata/*) return 1 ;;
  esac
  case "$name" in
    *.in) syntax_of_name "${path%.in}"; return ;;
    CMakeLists.txt|*.cmake|*.sh|*.bash|*.py|*.pl|*.rb|*.yml|*.yaml|*.toml|*.supp|.clang-format|.clang-tidy|.editorconfig) prefix="#" ;;
    *.cpp|*.cc|*.cxx|*.c|*.h|*.hh|*.hpp|*.hxx|*.mm|*.m|*.qml|*.js|*.mjs|*.rc) prefix="//" ;;
    *.sql) prefix="--" ;;
    *.nsh|*.nsi) prefix=";" ;;
    *.css) prefix="/*" suffix=" */" ;;
    *.md|*.txt|*.json|*.jsonl|*.csv|*.tsv|*.ts|*.qm|*.ui|*.qrc|*.xml|*.svg|*.html|*.htm) return 1 ;;
    *.png|*.jpg|*.jpeg|*.gif|*.ico|*.icns|*.pdf|*.ttf|*.otf|*.woff|*.woff2) return 1 ;;
    *.pyc|*.o|*.so|*.a|*.gz|*.xz|*.zip|*.tar|*.orb|*.sqlite|*.db) return 1 ;;   # binary
    *.desktop|*.plist|*.[1-9]|changelog*|LICENSE|LICENSE.*|COPYING*|VERSION) return 1 ;;
    copyright|lintian-overrides|.gitignore|.gitattributes|.gitmodules|.mailmap) return 1 ;;
    *.*) return 2 ;;
    *) return 3 ;;   # no extension: decided by its first line
  esac
  return 0
}

# --- The first three lines of a file, without their CR.
h1="" h2="" h3=""
read_head() {
  h1="" h2="" h3=""
  { IFS= read -r h1 && IFS= read -r h2 && IFS= read -r h3; } < "$1" 2>/dev/null || true
  h1="${h1%$'\r'}" h2="${h2%$'\r'}" h3="${h3%$'\r'}"
}

# Where the line belongs: after how many lines (sets n: a shebang, a Python coding line).
n=0
after_lines() {
  n=0
  if [[ $h1 == '#!'* ]]; then
    n=1
    [[ $1 == *.py && $h2 =~ ^[[:space:]]*#.*coding[:=] ]] && n=2
  elif [[ $1 == *.py && $h1 =~ ^[[:space:]]*#.*coding[:=] ]]; then
    n=1
  fi
  return 0
}

# Inserts the line after n lines, keeping the file's mode, its line ending (CRLF when its first
# line has one) and the bytes after the insertion point untouched.
insert_line() {
  local file="$1" n="$2" text="$3" tmp eol=""
  if IFS= read -r first < "$file" 2>/dev/null && [[ $first == *$'\r' ]]; then eol=$'\r'; fi
  tmp="$(mktemp "${file}.spdx.XXXXXX")"
  {
    local i line
    for ((i = 0; i < n; i++)); do
      if IFS= read -r line; then printf '%s\n' "$line"; else printf '%s\n' "$line"; fi
    done
    printf '%s%s\n' "$text" "$eol"
    cat
  } < "$file" > "$tmp"
  cat "$tmp" > "$file"
  rm -f "$tmp"
}

offenders=0
fixed=0
report() { printf '%s: %s\n' "$1" "$2"; offenders=$((offenders + 1)); }

for f in "${files[@]}"; do
  if [ ! -f "$f" ] || [ -L "$f" ]; then
    # Named on the command line: say so. From git: deleted but not yet committed, or a link.
    [ "$explicit" -eq 0 ] || [ -L "$f" ] || report "$f" "no such file"
    continue
  fi
  is_exception "$f" && continue
  rc=0
  syntax_of_name "$f" || rc=$?
  [ "$rc" -eq 1 ] && continue
  if [ "$rc" -eq 2 ]; then
    report "$f" "no rule for this kind of file: if it is third-party, give it a Files: stanza in $copyright; else add a rule to scripts/spdx.sh (a comment syntax, or data)"
    continue
  fi
  read_head "$f"
  if [ "$rc" -eq 3 ]; then
    if [[ $h1 == '#!'* ]]; then
      prefix="#" suffix=""
      [[ $h1 == *node* ]] && prefix="//"
    else
      report "$f" "no extension and no #! line: if it is third-party, give it a Files: stanza in $copyright; else add a rule to scripts/spdx.sh"
      continue
    fi
  fi
  if [[ $h1 == $'\xef\xbb\xbf'* ]]; then
    # A line above the mark would move it into the text, where compilers reject it.
    report "$f" "starts with a UTF-8 byte order mark: remove it (UTF-8 needs none), then run the script"
    continue
  fi
  want="$prefix $SPDX$suffix"
  after_lines "$f"
  case "$n" in
    0) at="$h1" ;;
    1) at="$h2" ;;
    *) at="$h3" ;;
  esac
  [ "$at" = "$want" ] && continue
  if [[ $h1 == *SPDX-License-Identifier:* || $h2 == *SPDX-License-Identifier:* || $h3 == *SPDX-License-Identifier:* ]]; then
    report "$f" "its SPDX line is not \"$want\" on line $((n + 1)): another licence belongs in $copyright, else correct it"
    continue
  fi
  if [ "$check" -eq 1 ]; then
    report "$f" "lacks \"$want\" on line $((n + 1))"
  else
    insert_line "$f" "$n" "$want"
    echo "added: $f"
    fixed=$((fixed + 1))
  fi
done

# A stale exception would hide nothing today but confuse tomorrow: each must name a file.
if [ ${#exceptions[@]} -gt 0 ] && [ "$check" -eq 1 ] && [ "$explicit" -eq 0 ]; then
  for p in "${exceptions[@]}"; do
    q="${p//\[/\\[}"
    found=0
    for f in "${files[@]}"; do
      # shellcheck disable=SC2053
      if [[ $f == $q ]]; then found=1; break; fi
    done
    if [ "$found" -eq 0 ]; then
      report "$copyright" "the Files: pattern \"$p\" matches no file of the tree"
    fi
  done
fi

if [ "$check" -eq 1 ]; then
  if [ "$offenders" -gt 0 ]; then
    echo "spdx.sh: $offenders problem(s); run scripts/spdx.sh to add the missing lines" >&2
    exit 1
  fi
  echo "spdx.sh: every file of ${#files[@]} carries its licence line or needs none"
  exit 0
fi
echo "spdx.sh: added the line to $fixed file(s)"
[ "$offenders" -eq 0 ] || { echo "spdx.sh: $offenders file(s) need a decision (above)" >&2; exit 1; }

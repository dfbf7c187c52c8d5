#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs the speed benchmarks several times each (three by default) and prints every figure as
# the median of its runs, beside its floor or peer from the same runs, as the README's speed
# section states them.
#
#   scripts/bench-medians.sh [--build DIR] [--dir DIR] [--runs N] [--only LIST] [--small]
#                            [--invoicing ARGS] [--usage ARGS] [--reads ARGS] [--issuing ARGS] [--reports ARGS]
#
#   --build DIR    the Release build (default build/rel; cmake -DCMAKE_BUILD_TYPE=Release -DORB_BUILD_GUI=OFF)
#   --dir DIR      scratch directory for the benchmarks' files (default: a new one under $TMPDIR)
#   --runs N       runs of each benchmark (default 3)
#   --only LIST    comma-separated subset of invoicing,usage,reads,issuing,reports
#   --small        small sizes that finish in minutes: proves the script, not the targets
#   --NAME ARGS    the arguments of bench_NAME (default: the README's sizes)
#
# How a figure's median is taken: each benchmark prints the same lines in every run with other
# numbers. Lines are matched across runs by their place (or, when the runs printed different
# numbers of lines, by their text with the numbers taken out), and every number of a matched
# line is replaced by the median of that number over the runs; a verdict beside a p99 ("<= 50
# ms") is judged again from the median. So a ratio printed by a benchmark ("= 36.2 % of (1)") is the
# median of the per-run ratios, each taken within one run, beside the medians of both its
# sides. A line that not every run printed is shown from the first run that did, marked so.
# Raw outputs are kept in the scratch directory (NAME.run1.txt ...).
set -euo pipefail

build=build/rel
dir=
runs=3
only=invoicing,usage,reads,issuing,reports
small=0
declare -A args=(
    [invoicing]="--events 10000000 --customers 10000"
    [usage]=""
    [reads]="--events 1000000 --customers 10000 --samples 1000"
    [issuing]="--sizes 1000,10000,100000"
    [reports]="--write 1000000"
)
declare -A given=()
while [[ $# -gt 0 ]]; do
    case "$1" in
    --build) build=$2; shift 2 ;;
    --dir) dir=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --only) only=$2; shift 2 ;;
    --small) small=1; shift ;;
    --invoicing | --usage | --reads | --issuing | --reports)
        given[${1#--}]=$2
        shift 2
        ;;
    -h | --help) sed -n '3,24p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench-medians.sh: unknown argument \"$1\" (see --help)" >&2; exit 2 ;;
    esac
done
if [[ ! "$runs" =~ ^[1-9][0-9]*$ ]]; then
    echo "bench-medians.sh: --runs needs a positive whole number, not \"$runs\"" >&2
    exit 2
fi
if [[ $small == 1 ]]; then
    args=(
        [invoicing]="--events 100000 --customers 1000"
        [usage]="--import 100000 --preload 100000 --events 100000 --customers 1000 --repeat 1"
        [reads]="--events 100000 --customers 1000 --samples 200 --import 100000 --preload 100000 --repeat 1"
        [issuing]="--sizes 300,1000"
        [reports]="--write 20000"
    )
fi
for name in "${!given[@]}"; do
    args[$name]=${given[$name]}
done
if [[ -z "$dir" ]]; then
    dir=$(mktemp -d "${TMPDIR:-/tmp}/orb-bench-medians.XXXXXX")
fi
mkdir -p "$dir"

IFS=, read -r -a chosen <<<"$only"
for name in "${chosen[@]}"; do
    case "$name" in
    invoicing | usage | reads | issuing | reports) ;;
    *) echo "bench-medians.sh: --only: no benchmark \"$name\" (invoicing, usage, reads, issuing, reports)" >&2; exit 2 ;;
    esac
    if [[ ! -x "$build/tests/benchmarks/bench_$name" ]]; then
        echo "bench-medians.sh: $build/tests/benchmarks/bench_$name is not built (cmake --build $build -t bench_$name)" >&2
        exit 2
    fi
done

echo "Medians of $runs runs each; build $build; files in $dir; $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at the start; $(date -u '+%Y-%m-%d %H:%M UTC')"
for name in "${chosen[@]}"; do
    bin="$build/tests/benchmarks/bench_$name"
    # shellcheck disable=SC2206 # the arguments are words on purpose
    extra=(${args[$name]})
    outputs=()
    for ((r = 1; r <= runs; r++)); do
        out="$dir/$name.run$r.txt"
        work="$dir/$name.work"
        mkdir -p "$work"
        if [[ $name == reports ]]; then
            rm -f "$work/reports.orb" "$work/reports.orb-wal" "$work/reports.orb-shm"
            cmd=("$bin" --db "$work/reports.orb" "${extra[@]}")
        else
            cmd=("$bin" --dir "$work" "${extra[@]}")
        fi
        echo "  run $r of bench_$name: ${cmd[*]}" >&2
        if ! "${cmd[@]}" >"$out" 2>&1; then
            echo "bench-medians.sh: bench_$name failed in run $r; its output is in $out" >&2
            tail -5 "$out" >&2
            exit 1
        fi
        outputs+=("$out")
        rm -rf "$work"
    done
    echo
    echo "== bench_$name ${args[$name]} (median of $runs runs; load average $(cut -d' ' -f1-3 /proc/loadavg) after them)"
    python3 - "${outputs[@]}" <<'PY'
import re
import statistics
import sys

# Thousands separators only between groups of three digits, so "20000," stays 20000 and ",".
# A minus is a sign only after a non-word character (so "2026-03-01" stays three numbers).
NUMBER = re.compile(r"(?<![A-Za-z_\d.])(?:(?<!\w)-)?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")
# bench_reads' verdict beside a p99: re-judged from the median p99.
VERDICT = re.compile(r"p99 +([\d.]+) ms(.*)\((?:<= 50 ms|OVER 50 ms)")


def shape(line):
    return NUMBER.sub("#", line)


def value(token):
    return float(token.replace(",", ""))


def render(token, v):
    decimals = len(token.split(".")[1]) if "." in token else 0
    text = f"{v:,.{decimals}f}" if "," in token else f"{v:.{decimals}f}"
    whole = token.lstrip("-").split(".")[0]
    if len(whole) > 1 and whole.startswith("0"):  # "03" in a date keeps its width
        text = text.zfill(len(whole) + (len(text) - len(text.split(".")[0])))
    return text


runs = []
for path in sys.argv[1:]:
    with open(path, encoding="utf-8", errors="replace") as f:
        runs.append([l.rstrip("\n") for l in f])

# Line by line when every run printed as many lines; otherwise by text without the numbers.
if all(len(r) == len(runs[0]) for r in runs):
    keyed = [{i: line for i, line in enumerate(r)} for r in runs]
    order = list(range(len(runs[0])))
else:
    keyed, order, known = [], [], set()
    for r in runs:
        seen, k = {}, {}
        for line in r:
            s = VERDICT.sub("p99 # ms\\2(verdict", shape(line))
            seen[s] = seen.get(s, 0) + 1
            k[(s, seen[s])] = line
            if (s, seen[s]) not in known:
                known.add((s, seen[s]))
                order.append((s, seen[s]))
        keyed.append(k)

for key in order:
    present = [k[key] for k in keyed if key in k]
    first = present[0]
    tokens = NUMBER.findall(first)
    columns = [[value(t) for t in NUMBER.findall(line)] for line in present]
    if not tokens or any(len(c) != len(tokens) for c in columns):
        print(first if len(present) == len(runs) else first + f"   [printed by {len(present)} of {len(runs)} runs]")
        continue
    medians = [statistics.median(c[i] for c in columns) for i in range(len(tokens))]
    parts = NUMBER.split(first)
    out = parts[0]
    for i, token in enumerate(tokens):
        out += render(token, medians[i]) + parts[i + 1]
    m = VERDICT.search(out)
    if m:
        verdict = "<= 50 ms" if float(m.group(1)) <= 50.0 else "OVER 50 ms"
        out = out[: m.start()] + f"p99 {m.group(1).rjust(7)} ms{m.group(2)}({verdict}" + out[m.end():]
    if len(present) < len(runs):
        out += f"   [printed by {len(present)} of {len(runs)} runs]"
    print(out)
PY
done

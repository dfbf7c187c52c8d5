#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds Orb's libFuzzer targets with clang-14 (AddressSanitizer + UndefinedBehaviorSanitizer)
# and runs each for a bounded time, starting from the checked-in corpus.
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [BUILD_DIR]     (default: 12 s each, build/fuzz)
#
# Any crash, sanitizer report, timeout or memory blow-up fails the script; the input that
# caused it is kept as BUILD_DIR/artifacts/<target>-crash-* (reproduce: BUILD_DIR/tests/fuzz/
# <target> FILE). New inputs found go to BUILD_DIR/corpus/<target>, never into the source tree
# (copy interesting ones into tests/fuzz/corpus/<target>/ by hand).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds="${1:-12}"
build="${2:-$here/build/fuzz}"
targets=(fuzz_event_parser fuzz_jsonl_reader fuzz_csv_reader fuzz_catalog_parser fuzz_stripe_events fuzz_company_file fuzz_api_ingest)

export CCACHE_DIR="${CCACHE_DIR:-$HOME/.ccache}"
export CCACHE_BASEDIR="$here"
export CCACHE_NOHASHDIR=1
export QT_QPA_PLATFORM=offscreen

generator=()
if command -v ninja >/dev/null 2>&1; then
  generator=(-G Ninja)
fi
# -O1 with line tables: quick to build, fast enough to fuzz, symbolised reports, and asserts
# stay on (no NDEBUG). No GUI; only the fuzz targets are built.
cmake -S "$here" -B "$build" "${generator[@]}" -DCMAKE_CXX_COMPILER=clang++-14 -DCMAKE_BUILD_TYPE= -DCMAKE_CXX_FLAGS="-O1 -gline-tables-only" \
  -DORB_BUILD_GUI=OFF -DORB_BUILD_BENCHMARKS=OFF -DORB_SANITIZE=ON -DORB_FUZZ=ON >/dev/null
cmake --build "$build" --parallel "$(nproc)" --target orb_fuzz_targets

export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
mkdir -p "$build/artifacts"
total=0
for t in "${targets[@]}"; do
  work="$build/corpus/$t"
  mkdir -p "$work"
  log="$build/$t.log"
  echo "== fuzz $t for ${seconds}s"
  if ! "$build/tests/fuzz/$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
      -print_final_stats=1 -artifact_prefix="$build/artifacts/$t-" \
      "$work" "$here/tests/fuzz/corpus/$t" >"$log" 2>&1; then
    tail -n 60 "$log"
    echo "fuzz: $t FAILED (input kept in $build/artifacts/)" >&2
    exit 1
  fi
  runs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)"
  cov="$(grep -o 'cov: [0-9]*' "$log" | tail -n 1 || true)"
  echo "fuzz: $t: ${runs:-0} executions, $cov, no crash, no sanitizer report"
  total=$((total + ${runs:-0}))
done
echo "fuzz: ${#targets[@]} targets, $total executions in total, all clean"

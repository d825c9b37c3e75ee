#!/usr/bin/env bash
# Longer fuzzing runs. Usage: scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]
# Builds build-fuzz/ (clang, libFuzzer + ASan + UBSan) and runs each target
# (default: all of tests/fuzz) for SECONDS (default 600) from its seed corpus.
# New inputs collect in build-fuzz/fuzz-corpus/<target>/, crashes in
# build-fuzz/fuzz-artifacts/. After a crash: fix it, then copy the input into
# tests/fuzz/corpus/<target>/ so every CI run replays it.
# Prints one line per target: executions, coverage, corpus size, result.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
seconds=${1:-600}
shift || true
"$root/scripts/build.sh" fuzz >/dev/null || exit 1
dir=$root/build-fuzz
targets=("$@")
if ((${#targets[@]} == 0)); then
  for f in "$root"/tests/fuzz/fuzz_*.cc; do targets+=("$(basename "$f" .cc)"); done
fi
status=0
for t in "${targets[@]}"; do
  mkdir -p "$dir/fuzz-corpus/$t" "$dir/fuzz-artifacts"
  log=$dir/fuzz-artifacts/$t.log
  ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    "$dir/tests/fuzz/$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$dir/fuzz-artifacts/$t-" "$dir/fuzz-corpus/$t" "$root/tests/fuzz/corpus/$t" >"$log" 2>&1
  rc=$?
  execs=$(sed -n 's/^stat::number_of_executed_units: //p' "$log")
  cov=$(grep -oE 'cov: [0-9]+ ft: [0-9]+ corp: [0-9]+' "$log" | tail -n 1)
  result=ok; ((rc == 0)) || { result="FAILED (rc $rc, see $log)"; status=1; }
  printf '%-24s execs %-10s %-40s %s\n' "$t" "${execs:-?}" "${cov:-?}" "$result"
done
exit $status

#!/usr/bin/env bash
# Sets up a fresh machine, builds s_client twice (normal and ASan+UBSan) and
# runs the whole test suite through ctest against each build; then builds the
# libFuzzer targets (clang, build-fuzz/) and runs each for SC_FUZZ_SECONDS
# (12 s; tests/fuzz/CMakeLists.txt) from its seed corpus. SC_SKIP_FUZZ=1 skips that.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/bootstrap.sh"

status=0
for kind in normal asan; do
  echo "=== build: $kind"
  "$root/scripts/build.sh" "$kind"
  dir="$root/build"; [[ $kind == asan ]] && dir="$root/build-asan"
  echo "=== tests: $kind"
  export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
  export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
  (cd "$dir" && ctest --output-on-failure -j"$(nproc)" --timeout 300) || status=1
done
if [[ ${SC_SKIP_FUZZ:-0} != 1 ]]; then
  echo "=== build: fuzz"
  "$root/scripts/build.sh" fuzz
  echo "=== fuzz: each target for a short fixed time"
  (cd "$root/build-fuzz" && ctest --output-on-failure -j"$(nproc)" --timeout 300) || status=1
fi
exit $status

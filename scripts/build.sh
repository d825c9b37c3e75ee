#!/usr/bin/env bash
# Builds s_client. Usage: scripts/build.sh [normal|asan|fuzz]  (default normal)
# normal -> build/, asan -> build-asan/ (AddressSanitizer + UndefinedBehaviorSanitizer),
# fuzz -> build-fuzz/ (clang, libFuzzer targets of tests/fuzz with ASan+UBSan; no unit tests)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
kind=${1:-normal}
case "$kind" in
  normal) dir="$root/build"; extra=() ;;
  asan) dir="$root/build-asan"; extra=(-DSC_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug) ;;
  fuzz) dir="$root/build-fuzz"
        extra=(-DSC_FUZZ=ON -DSC_BUILD_TESTS=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo
               -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++) ;;
  *) echo "usage: $0 [normal|asan|fuzz]" >&2; exit 2 ;;
esac
cmake -S "$root" -B "$dir" "${extra[@]}" >/dev/null
cmake --build "$dir" -j"$(nproc)"

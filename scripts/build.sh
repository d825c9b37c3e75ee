#!/usr/bin/env bash
# Builds s_client. Usage: scripts/build.sh [normal|asan]  (default normal)
# normal -> build/, asan -> build-asan/ (AddressSanitizer + UndefinedBehaviorSanitizer)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
kind=${1:-normal}
case "$kind" in
  normal) dir="$root/build"; extra=() ;;
  asan) dir="$root/build-asan"; extra=(-DSC_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug) ;;
  *) echo "usage: $0 [normal|asan]" >&2; exit 2 ;;
esac
cmake -S "$root" -B "$dir" "${extra[@]}" >/dev/null
cmake --build "$dir" -j"$(nproc)"

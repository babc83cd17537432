#!/usr/bin/env bash
# README command 2 (and what CI runs): install what is missing, build with warnings as errors,
# run the whole test suite, then rebuild under AddressSanitizer + UndefinedBehaviorSanitizer
# and run it again there.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
jobs=$(nproc)

echo "== release build + all tests"
cmake --preset release >/dev/null
cmake --build --preset release -j "$jobs"
ctest --preset release -j "$jobs"

echo "== formatting"
scripts/check-format.sh

if [[ "${SPRAYTRACE_SKIP_SANITIZERS:-0}" != 1 ]]; then
  echo "== asan-ubsan build + tests"
  cmake --preset asan-ubsan >/dev/null
  cmake --build --preset asan-ubsan -j "$jobs"
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ctest --preset asan-ubsan -j "$jobs"
fi
echo "== all tests passed"

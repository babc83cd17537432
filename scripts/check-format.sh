#!/usr/bin/env bash
# Fails when a C++ file differs from clang-format's output (.clang-format at the root).
# Lists files with git when this is a checkout, else with find (a tarball, a machine without git).
set -euo pipefail
cd "$(dirname "$0")/.."
list_sources() {
  if command -v git >/dev/null && git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    git ls-files -z -- '*.cc' '*.h'
  else
    find src tests fuzz bench -type f \( -name '*.cc' -o -name '*.h' \) -print0 2>/dev/null
  fi
}
bad=0
while IFS= read -r -d '' f; do
  if ! clang-format --dry-run --Werror "$f" >/dev/null 2>&1; then
    echo "not clang-formatted: $f (run: clang-format -i $f)"
    bad=1
  fi
done < <(list_sources)
exit $bad

#!/usr/bin/env bash
# README command 1: install what is missing, build spraytrace, and scan the bundled sample log
# (examples/sample-auth.log, one day of an SSH bastion with four attacks in benign traffic).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release --target spraytrace
out=build/release/demo-findings.jsonl
echo
echo "\$ spraytrace scan examples/sample-auth.log --year 2026 --findings $out"
status=0
build/release/src/cli/spraytrace scan examples/sample-auth.log --year 2026 --summary \
  --findings "$out" || status=$?
if [[ $status -ne 1 ]]; then
  echo "demo: expected exit code 1 (findings), got $status" >&2
  exit 1
fi
echo
echo "Findings written to $out ($(wc -l <"$out") JSON lines); the first one:"
head -n 1 "$out"

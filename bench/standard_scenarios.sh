#!/usr/bin/env bash
# The standard detection scenarios: simulate each, then score spraytrace and the per-IP peers
# on it with `spraytrace eval` (bench/peers/compare.sh). Results land in WORKDIR/<scenario>/ and
# one table per scenario is printed; bench/RESULTS.md records them.
#
#   bench/standard_scenarios.sh WORKDIR [TOOLS]     (TOOLS as in peers/compare.sh)
#
# Peers need bench/peers/install_peers.sh first (root, Debian packages, nothing started).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=$(mkdir -p "${1:?usage: standard_scenarios.sh WORKDIR [TOOLS]}" && cd "$1" && pwd)
tools=${2:-spraytrace,fail2ban,sshguard}
bin=${SPRAYTRACE_BIN:-$here/../build/release/src/cli/spraytrace}

# name | simulate arguments (7 days, 2,000 people unless said otherwise)
scenarios=(
  "benign|--preset benign"
  "brute-force|--preset brute-force"
  "single-source-spray|--preset single-source-spray"
  "covert-2000-daily|--preset covert-network"
  "covert-2000-every-2-days|--preset covert-network --set covert.rate=0.5"
  "covert-200-daily|--preset covert-network --set covert.targets=200"
  "mixed|--preset mixed"
)
for entry in "${scenarios[@]}"; do
  name=${entry%%|*}
  args=${entry#*|}
  dir=$work/$name
  rm -rf "$dir"
  # shellcheck disable=SC2086  # args is a list of flags
  "$bin" simulate --out "$dir" --days 7 --users 2000 --seed 1 --quiet $args
  echo "## $name ($(wc -l <"$dir/auth.log") lines; simulate $args)"
  SPRAYTRACE_BIN=$bin "$here/peers/compare.sh" "$dir" 2026 "$tools"
  echo
done

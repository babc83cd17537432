#!/usr/bin/env bash
# Scores spraytrace and the per-IP peers on one simulated scenario with the same evaluator.
#
#   bench/peers/compare.sh SIM_DIR [YEAR] [TOOLS]
#
# SIM_DIR holds auth.log and truth.json from `spraytrace simulate`. TOOLS is a comma list of
# spraytrace,fail2ban,sshguard,crowdsec (default: all but crowdsec, whose replay takes minutes).
# The peers run offline through the replay harness in ../shared/peers (read in place, never
# copied): fail2ban's own jail code with its Debian defaults, sshguard's parser and blocker with
# the log's clock, CrowdSec in time-machine mode. Install them first with install_peers.sh.
# Writes SIM_DIR/<tool>.findings.jsonl and SIM_DIR/<tool>.eval.json; prints one table.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
harness=${SPRAYTRACE_PEERS_HARNESS:-$root/../shared/peers}
sim=$(cd "${1:?usage: compare.sh SIM_DIR [YEAR] [TOOLS]}" && pwd)
year=${2:-2026}
tools=${3:-spraytrace,fail2ban,sshguard}
bin=${SPRAYTRACE_BIN:-$root/build/release/src/cli/spraytrace}
log=$sim/auth.log
truth=$sim/truth.json

run_tool() {
  local tool=$1 out=$sim/$1.findings.jsonl
  case $tool in
    spraytrace) "$bin" scan "$log" --year "$year" --findings "$out" --no-summary || [[ $? == 1 ]] ;;
    fail2ban)
      python3 "$harness/f2b_jail_sim.py" "$log" --year "$year" --out "$sim/f2b.csv" >/dev/null
      python3 "$here/bans_to_findings.py" fail2ban "$sim/f2b.csv" >"$out" ;;
    sshguard)
      python3 "$harness/sshg_replay.py" "$log" --mode logtime --year "$year" \
        --out "$sim/sshg.csv" >/dev/null
      python3 "$here/bans_to_findings.py" sshguard "$sim/sshg.csv" >"$out" ;;
    crowdsec)
      python3 "$harness/cs_replay.py" "$log" --workdir "$sim/cs-work" --out "$sim/cs.csv" >/dev/null
      python3 "$here/bans_to_findings.py" crowdsec "$sim/cs.csv" >"$out" ;;
    *) echo "unknown tool $tool" >&2; return 2 ;;
  esac
  "$bin" eval --truth "$truth" --findings "$out" --json >"$sim/$tool.eval.json" || [[ $? == 1 ]]
}

IFS=, read -ra selected <<<"$tools"
for tool in "${selected[@]}"; do
  start=$(date +%s%N)
  run_tool "$tool"
  echo "$tool $(( ($(date +%s%N) - start) / 1000000 )) ms" >>"$sim/timings.txt"
done
python3 "$here/summarise_evals.py" "$sim" "${selected[@]}"

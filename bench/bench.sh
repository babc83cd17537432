#!/usr/bin/env bash
# The throughput benchmark: one driver, named workloads (leveldb db_bench style). Each workload
# makes its input with `spraytrace simulate`, times runs, checks spraytrace's output of the first
# run at each thread count before printing anything (findings identical at 1 and 2 threads;
# `spraytrace eval`: recall of the targeted attackers >= 0.9 and precision >= 0.95; background
# noise, which the simulation keeps below the thresholds on purpose and which outnumbers the
# covert network in a long simulation, is left out of the recall), then prints one markdown row per measurement, medians of --runs runs. Floors and peers run
# in the same loop as spraytrace, so each ratio is measured under the same load.
#
#   bench/bench.sh [--benchmarks=LIST] [--size=MB] [--runs=N] [--threads=1,2] [--work=DIR]
#
# Workloads (default: all but peers):
#   sshd_syslog   plain sshd syslog vs `wc -l` (the floor)
#   sshd_gz       the same file gzip'd, vs `gzip -dc | wc -l`
#   sshd_zst      the same file zstd'd, vs `zstd -dc | wc -l`
#   ecs_json      the same simulation as ECS JSON lines, vs `wc -l`
#   windows_json  the same simulation as Winlogbeat JSON, vs `wc -l`
#   entra_json    Entra sign-in JSON, when `simulate --format` has an entra-* writer
#   peers         fail2ban-regex (sshd filter), sshg-parser, CrowdSec replay and spraytrace on one
#                 smaller sshd file (--peer-size, default 24 MB: fail2ban reads ~14 k lines/s);
#                 installs them with bench/peers/install_peers.sh (Debian packages, no service
#                 started) when missing. --peers=fail2ban,sshguard,crowdsec picks some.
# --size is the sshd_syslog size in MB (default 1024); the other formats come from the same
# simulation. Inputs are kept in --work (default /tmp/spraytrace-bench) and reused.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bin=${SPRAYTRACE_BIN:-$here/../build/release/src/cli/spraytrace}
benchmarks=sshd_syslog,sshd_gz,sshd_zst,ecs_json,windows_json,entra_json
size_mb=1024
peer_size_mb=24
runs=5
threads=1,2
work=/tmp/spraytrace-bench
peers=fail2ban,sshguard,crowdsec
for arg in "$@"; do
  case $arg in
    --benchmarks=*) benchmarks=${arg#*=} ;;
    --size=*) size_mb=${arg#*=} ;;
    --peer-size=*) peer_size_mb=${arg#*=} ;;
    --runs=*) runs=${arg#*=} ;;
    --threads=*) threads=${arg#*=} ;;
    --work=*) work=${arg#*=} ;;
    --peers=*) peers=${arg#*=} ;;
    -h | --help) sed -n '2,24p' "$0"; exit 0 ;;
    *) echo "unknown argument $arg (see --help)" >&2; exit 2 ;;
  esac
done
mkdir -p "$work"
work=$(cd "$work" && pwd)

# A 7-day, 2,000-person mixed simulation is about 24 MB of sshd syslog; grow people and days.
simulate_args() {
  local mb=$1 users=2000 days=7
  while (( users * days * 24 / 14000 < mb )); do
    if (( days < 28 )); then days=$((days * 2)); else users=$((users * 2)); fi
  done
  echo "--preset mixed --users $users --days $days --set covert.pool_size=$((users * 4)) --set covert.targets=$users"
}

# simulation DIR FORMAT MB: DIR/auth.* for FORMAT, made once.
simulation() {
  local dir=$1 format=$2 mb=$3
  local file
  # The log is the file beside truth.json that is neither a finding nor a summary.
  local pick='ls "$dir" | grep -v "^truth.json$\|^findings\|^summary\|^eval\|\.gz$\|\.zst$" | head -1'
  file=$(eval "$pick" 2>/dev/null || true)
  if [[ -z $file ]]; then
    # shellcheck disable=SC2046  # a list of flags
    "$bin" simulate --out "$dir" --format "$format" --quiet $(simulate_args "$mb")
    file=$(eval "$pick")
  fi
  file=$dir/$file
  echo "$file"
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
now_ns() { date +%s%N; }
# timed OUTFILE CMD...: appends "seconds peak_rss_kb" of one run of CMD (exit 0 or 1 accepted).
timed() {
  local out=$1; shift
  local start end
  start=$(now_ns)
  /usr/bin/time -o "$out.rss" -f '%M' "$@" >/dev/null 2>&1 || [[ $? == 1 ]]
  end=$(now_ns)
  echo "$(( (end - start) / 1000 )) $(tail -1 "$out.rss")" >>"$out"
}

# check FILE: the first timed runs' findings identical for every thread count, and the simulated
# attackers found. Run before any row of the workload is printed: no figure comes from an
# unchecked run. (The check reads the timed runs' own output rather than scanning twice more:
# on a 1 GB input that saved two scans per workload.)
check() {
  local file=$1 dir t first=
  dir=$(dirname "$file")
  for t in ${threads//,/ }; do
    [[ -z $first ]] && first=$t && continue
    cmp -s "$dir/findings.$first.jsonl" "$dir/findings.$t.jsonl" ||
      { echo "check failed: findings differ between $first and $t threads on $file" >&2; exit 1; }
  done
  cp "$dir/summary.$first.txt" "$dir/summary.txt"
  if [[ -f $dir/truth.json ]]; then
    "$bin" eval --truth "$dir/truth.json" --findings "$dir/findings.$first.jsonl" \
      --min-precision 0.95 --json >"$dir/eval.json" &&
      python3 -c 'import json, sys; sys.exit(json.load(open(sys.argv[1]))["sources"]["targeted"]["recall"] < 0.9)' \
        "$dir/eval.json" ||
      { echo "check failed: eval on $file (see $dir/eval.json)" >&2; exit 1; }
  fi
}

events_of() { grep -oE 'Parsed [0-9]+' "$(dirname "$1")/summary.txt" | grep -oE '[0-9]+' || echo 0; }
lines_of() { grep -oE 'Read [0-9]+ files?: [0-9]+ lines' "$(dirname "$1")/summary.txt" |
  grep -oE '[0-9]+ lines' | grep -oE '[0-9]+' || echo 0; }

echo "| workload | command | input | median wall | MB/s (text) | M lines/s | M events/s | peak RSS | ratio to floor |"
echo "|---|---|---|---|---|---|---|---|---|"
# row NAME LABEL FILE BYTES TIMES_FILE LINES EVENTS FLOOR_SECONDS
row() {
  local name=$1 label=$2 file=$3 bytes=$4 times=$5 lines=$6 events=$7 floor=$8
  local secs rss
  secs=$(awk '{print $1 / 1e6}' "$times" | median)
  rss=$(awk '{print $2}' "$times" | median)
  awk -v n="$name" -v l="$label" -v f="$(basename "$file")" -v b="$bytes" -v s="$secs" \
    -v lines="$lines" -v ev="$events" -v r="$rss" -v fl="$floor" 'BEGIN {
      printf "| %s | %s | %s, %.0f MB | %.2f s | %.0f | %.2f | %s | %.0f MB | %s |\n", n, l, f,
        b / 1e6, s, b / 1e6 / s, lines / 1e6 / s, (ev > 0 ? sprintf("%.2f", ev / 1e6 / s) : "-"),
        r / 1024, (fl > 0 ? sprintf("%.1f", s / fl) : "1") }'
}

# workload NAME FILE TEXT_FILE FLOOR_LABEL FLOOR_CMD...: floor and spraytrace at each thread
# count. MB/s count the text (decompressed) bytes of TEXT_FILE.
workload() {
  local name=$1 file=$2 text=$3 floor_label=$4; shift 4
  local bytes lines events t dir
  dir=$(dirname "$file")
  bytes=$(stat -c %s "$text")
  local tmp
  tmp=$(mktemp -d)
  for ((r = 0; r < runs; ++r)); do
    timed "$tmp/floor" "$@"
    for t in ${threads//,/ }; do
      if ((r == 0)); then  # keeps findings and summary for check
        # shellcheck disable=SC2016  # expanded by the inner shell
        timed "$tmp/t$t" sh -c '"$@" >"$0" 2>&1' "$dir/summary.$t.txt" "$bin" scan "$file" \
          --year 2026 --threads "$t" --findings "$dir/findings.$t.jsonl" --summary
      else
        timed "$tmp/t$t" "$bin" scan "$file" --year 2026 --threads "$t" --findings /dev/null \
          --no-summary
      fi
    done
  done
  check "$file"
  lines=$(lines_of "$file")
  events=$(events_of "$file")
  local floor
  floor=$(awk '{print $1 / 1e6}' "$tmp/floor" | median)
  row "$name" "$floor_label" "$file" "$bytes" "$tmp/floor" "$lines" 0 0
  for t in ${threads//,/ }; do
    row "$name" "spraytrace --threads $t" "$file" "$bytes" "$tmp/t$t" "$lines" "$events" "$floor"
  done
  rm -rf "$tmp"
}

sshd_file() { simulation "$work/sshd-$size_mb" sshd-syslog "$size_mb"; }

peers_workload() {
  local file
  file=$(simulation "$work/peers-$peer_size_mb" sshd-syslog "$peer_size_mb")
  command -v fail2ban-regex >/dev/null && [[ -x /usr/libexec/sshguard/sshg-parser ]] &&
    command -v crowdsec >/dev/null || bash "$here/peers/install_peers.sh" >&2
  workload peers "$file" "$file" "wc -l" wc -l "$file"
  local bytes lines tmp
  bytes=$(stat -c %s "$file")
  lines=$(wc -l <"$file")
  tmp=$(mktemp -d)
  for ((r = 0; r < runs; ++r)); do
    [[ $peers == *fail2ban* ]] && timed "$tmp/f2b" fail2ban-regex "$file" sshd
    [[ $peers == *sshguard* ]] && timed "$tmp/sshg" sh -c "/usr/libexec/sshguard/sshg-parser <'$file'"
    if [[ $peers == *crowdsec* ]] && ((r == 0)); then  # minutes per run: once
      timed "$tmp/cs" python3 "$here/../../shared/peers/cs_replay.py" "$file" \
        --workdir "$tmp/cs-work" --out "$tmp/cs.csv"
    fi
  done
  [[ -f $tmp/f2b ]] && row peers "fail2ban-regex FILE sshd" "$file" "$bytes" "$tmp/f2b" "$lines" 0 0
  [[ -f $tmp/sshg ]] && row peers "sshg-parser < FILE" "$file" "$bytes" "$tmp/sshg" "$lines" 0 0
  [[ -f $tmp/cs ]] && row peers "CrowdSec replay (1 run)" "$file" "$bytes" "$tmp/cs" "$lines" 0 0
  rm -rf "$tmp"
}

for b in ${benchmarks//,/ }; do
  case $b in
    sshd_syslog) f=$(sshd_file); workload "$b" "$f" "$f" "wc -l" wc -l "$f" ;;
    sshd_gz)
      f=$(sshd_file); [[ -f $f.gz ]] || gzip -k -6 "$f"
      workload "$b" "$f.gz" "$f" "gzip -dc, wc -l" sh -c "gzip -dc '$f.gz' | wc -l" ;;
    sshd_zst)
      f=$(sshd_file); [[ -f $f.zst ]] || zstd -q -k -3 "$f"
      workload "$b" "$f.zst" "$f" "zstd -dc, wc -l" sh -c "zstd -dc '$f.zst' | wc -l" ;;
    ecs_json)
      f=$(simulation "$work/ecs-$size_mb" ecs "$size_mb")
      workload "$b" "$f" "$f" "wc -l" wc -l "$f" ;;
    windows_json)
      f=$(simulation "$work/windows-$size_mb" windows-json "$size_mb")
      workload "$b" "$f" "$f" "wc -l" wc -l "$f" ;;
    entra_json)
      format=$("$bin" simulate --help | grep -oE 'entra[a-z-]*json[a-z-]*|entra-[a-z-]+' | head -1 || true)
      if [[ -z $format ]]; then
        echo "| entra_json | skipped: \`spraytrace simulate --format\` has no Entra writer yet | | | | | | | |"
        continue
      fi
      f=$(simulation "$work/$format-$size_mb" "$format" "$size_mb")
      workload "$b" "$f" "$f" "wc -l" wc -l "$f" ;;
    peers) peers_workload ;;
    *) echo "unknown workload $b" >&2; exit 2 ;;
  esac
done
echo
echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs);" \
  "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg); runs per cell: $runs (median)."

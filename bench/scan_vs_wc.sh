#!/usr/bin/env bash
# End-to-end scan throughput on one sshd log, against `wc -l` (the floor: read and split lines)
# in the same run. Prints the median of N runs of each, the ratio, and spraytrace's peak RSS.
#
#   bench/scan_vs_wc.sh LOG [RUNS] [SPRAYTRACE_BINARY]
#
# The reference workload is the peers' 1,011,080-line "mixed" file (shared/peers/README.md §2):
#   python3 ../shared/peers/gen_sshd_log.py --scenario mixed --spray-assign roundrobin --out /tmp/mixed
#   bench/scan_vs_wc.sh /tmp/mixed.log 5
set -euo pipefail
log=${1:?usage: scan_vs_wc.sh LOG [RUNS] [BINARY]}
runs=${2:-5}
bin=${3:-$(dirname "$0")/../build/release/src/cli/spraytrace}
[[ -x $bin ]] || { echo "build first: cmake --preset release && cmake --build --preset release" >&2; exit 2; }

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
cat "$log" >/dev/null  # warm the page cache: both commands then read from memory
wc_times=() scan_times=() rss=()
for ((i = 0; i < runs; i++)); do
  wc_times+=("$( { /usr/bin/time -f %e wc -l "$log" >/dev/null; } 2>&1 )")
  out=$( { /usr/bin/time -f "%e %M" "$bin" scan "$log" --year 2026 --findings /dev/null \
             --no-summary || true; } 2>&1 | tail -1)
  scan_times+=("${out% *}") rss+=("${out#* }")
done
bytes=$(stat -c %s "$log")
lines=$(wc -l <"$log")
wc_med=$(printf '%s\n' "${wc_times[@]}" | median)
scan_med=$(printf '%s\n' "${scan_times[@]}" | median)
rss_med=$(printf '%s\n' "${rss[@]}" | median)
awk -v b="$bytes" -v l="$lines" -v w="$wc_med" -v s="$scan_med" -v r="$rss_med" -v n="$runs" 'BEGIN {
  printf "file: %d lines, %.1f MB; median of %d runs\n", l, b / 1e6, n
  printf "wc -l:      %6.2f s\n", w
  printf "spraytrace: %6.2f s  %.0f MB/s  %.2f M lines/s  peak RSS %.1f MB\n", s, b / 1e6 / s, l / 1e6 / s, r / 1024
  if (w > 0) printf "ratio spraytrace / wc -l: %.1f\n", s / w
}'

#!/usr/bin/env bash
# State across runs (issue 4): the covert-network scenario split into one log per day, scanned
#   (a) once, every day's log together;
#   (b) one day per run, chained with `scan --state` (what a daily cron job does);
#   (c) cold: the last day's log alone, no state;
#   (d) cold every day: one run per day, no state (a daily job without --state).
# Scores with `spraytrace eval`; (c) against the truth cut to the sources active that day and
# the compromises in it. Also: whether (b) reports every finding of (a) byte for byte (but for
# the "continued" mark), the state file's size after each day, load and save times, and RSS.
# bench/RESULTS.md ("State across runs") records the figures.
#
#   bench/state_across_runs.sh WORKDIR [DAYS] [SEEDS] [USERS]   (defaults: 7 "1 2 3" 2000)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=$(mkdir -p "${1:?usage: state_across_runs.sh WORKDIR [DAYS] [SEEDS] [USERS]}" && cd "$1" && pwd)
days=${2:-7}
seeds=${3:-1 2 3}
users=${4:-2000}
bin=${SPRAYTRACE_BIN:-$here/../build/release/src/cli/spraytrace}

# Median of the numbers on stdin.
median() { sort -g | awk '{v[NR] = $1} END {if (NR % 2) print v[(NR + 1) / 2]; else printf "%.4f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
# One line of scores from `eval --json`.
scores() {
  "$bin" eval --truth "$1" --findings "$2" --json | jq -r '[.sources.targeted.recall,
    .sources.targeted.precision, .sources.targeted.true_positives, .sources.targeted.malicious,
    .sources.false_positives.count, .compromises.found, .compromises.total,
    .compromises.false_alerts] | map(tostring) | join(" ")' |
    awk '{printf "recall %.3f precision %.3f (%d of %d; %d benign flagged) compromises %d/%d false %d", $1, $2, $3, $4, $5, $6, $7, $8}'
}
# Wall seconds and peak RSS (KB) of one command, appended to $timing; the command's exit code
# (0 or 1: findings) is not an error here.
timed() {
  local rc=0
  /usr/bin/time -f "%e %M" -o "$timing.one" "$@" || rc=$?
  [[ $rc -le 1 ]] || { echo "failed ($rc): $*" >&2; exit 2; }
  tail -1 "$timing.one" >>"$timing"
}

for seed in $seeds; do
  dir=$work/covert-${days}d-seed$seed
  rm -rf "$dir"
  mkdir -p "$dir/days"
  "$bin" simulate --preset covert-network --days "$days" --users "$users" --seed "$seed" \
    --out "$dir/sim" --quiet
  # One file per syslog date, in order (the lines are sorted; sessions still open at the last
  # midnight leave a small extra file of closing lines).
  awk -v out="$dir/days" '{k = $1 " " $2; if (!(k in n)) n[k] = ++c; print > sprintf("%s/day-%02d.log", out, n[k])}' \
    "$dir/sim/auth.log"
  mapfile -t files < <(ls "$dir"/days/day-*.log)
  last=${files[$days - 1]}
  events=0
  echo "## covert network, $days days x $users users, seed $seed ($(wc -l <"$dir/sim/auth.log") lines, ${#files[@]} files)"

  # (a) one scan of everything.
  timing=$dir/a.time
  timed "$bin" scan "${files[@]}" --year 2026 --findings "$dir/a.jsonl" --no-summary
  echo "(a) one scan:      $(scores "$dir/sim/truth.json" "$dir/a.jsonl"); $(awk '{printf "%.2f s, RSS %.1f MB", $1, $2 / 1024}' "$timing")"

  # (b) one day per run with --state.
  timing=$dir/b.time
  : >"$dir/b.jsonl"
  : >"$dir/b.sizes"
  for i in "${!files[@]}"; do
    timed "$bin" scan "${files[$i]}" --year 2026 --state "$dir/state" \
      --findings "$dir/b-$i.jsonl" --no-summary 2>"$dir/b-$i.err"
    cat "$dir/b-$i.jsonl" >>"$dir/b.jsonl"
    echo "$((i + 1)) $(stat -c %s "$dir/state")" >>"$dir/b.sizes"
    events=$((events + $(sed -n 's/.* \([0-9]*\) detected this run.*/\1/p' "$dir/b-$i.err" | head -1 | grep . || echo 0)))
  done
  sed -n 's/.* read in \([0-9.]*\)s).*/\1/p' "$dir"/b-*.err >"$dir/load.s"
  sed -n 's/.* detected this run, \([0-9.]*\)s).*/\1/p' "$dir"/b-*.err >"$dir/save.s"
  continued=$(grep -c '"continued":true' "$dir/b.jsonl" || true)
  # Every finding of (a), byte for byte, among (b)'s with the continued mark taken out.
  sed 's/"continued":true,//' "$dir/b.jsonl" | sort >"$dir/b.sorted"
  sort "$dir/a.jsonl" >"$dir/a.sorted"
  missing=$(comm -23 "$dir/a.sorted" "$dir/b.sorted" | wc -l)
  extra=$(comm -13 "$dir/a.sorted" "$dir/b.sorted" | wc -l)
  echo "(b) daily --state: $(scores "$dir/sim/truth.json" "$dir/b.jsonl"); $(awk '{s += $1; if ($2 > m) m = $2} END {printf "%.2f s in all, RSS max %.1f MB", s, m / 1024}' "$timing")"
  echo "    findings: $(wc -l <"$dir/a.jsonl") in (a), $(wc -l <"$dir/b.jsonl") in (b) of which $continued continued; (a)'s not in (b): $missing; (b)'s not in (a): $extra (early reports)"

  # (c) the last day alone, scored against the truth of that day.
  comm -12 <(grep -oE ' from [0-9a-f:.]+ port ' "$last" | awk '{print $2}' | sort -u) \
    <(jq -r '.scenarios[].sources[]' "$dir/sim/truth.json" | sort -u) |
    jq -R . | jq -s . >"$dir/last-sources.json"
  day_start=$(jq -r --argjson d "$((days - 1))" '.start | fromdateiso8601 + $d * 86400 | todateiso8601' "$dir/sim/truth.json")
  jq --slurpfile s "$dir/last-sources.json" --arg t "$day_start" \
    '.scenarios |= map(.sources = [.sources[] | select(IN($s[0][]))])
     | .compromises |= map(select(.time >= $t))' "$dir/sim/truth.json" >"$dir/last-truth.json"
  timing=$dir/c.time
  timed "$bin" scan "${files[@]:$days-1}" --year 2026 --findings "$dir/c.jsonl" --no-summary
  echo "(c) last day cold: $(scores "$dir/last-truth.json" "$dir/c.jsonl") (against that day's $(jq length "$dir/last-sources.json") attacking sources)"
  # Of that day's attacking sources, how many (b) flagged (on that day or before).
  flagged_b=$(comm -12 <(jq -r '(.related.ip // [])[], (.source.ip // empty)' "$dir/b.jsonl" | sort -u) \
    <(jq -r '.[]' "$dir/last-sources.json" | sort -u) | wc -l)
  echo "    (b) flagged $flagged_b of them"

  # (d) every day cold.
  timing=$dir/d.time
  : >"$dir/d.jsonl"
  for i in "${!files[@]}"; do
    timed "$bin" scan "${files[$i]}" --year 2026 --findings "$dir/d-$i.jsonl" --no-summary
    cat "$dir/d-$i.jsonl" >>"$dir/d.jsonl"
  done
  echo "(d) daily, cold:   $(scores "$dir/sim/truth.json" "$dir/d.jsonl")"

  # State: size and timing.
  sources=$(jq '[.scenarios[].sources[]] | unique | length + 0' "$dir/sim/truth.json")
  benign=$(jq '.benign_sources' "$dir/sim/truth.json")
  size=$(tail -1 "$dir/b.sizes" | awk '{print $2}')
  max_size=$(sort -k2 -n "$dir/b.sizes" | tail -1 | awk '{print $2}')
  echo "state: $size bytes at the end (largest $max_size), $((sources + benign)) sources ($sources attacking), $events events:" \
    "$(awk -v b="$max_size" -v s="$((sources + benign))" -v e="$events" 'BEGIN {printf "%.0f KB per 10,000 sources, %.1f MB per million events", b / s * 10000 / 1024, b / e * 1e6 / 1048576}')"
  echo "state by day (bytes): $(awk '{printf "%s%d:%d", (NR > 1 ? " " : ""), $1, $2}' "$dir/b.sizes")"
  echo "load (read, check, decode, restore) median $(median <"$dir/load.s") s; save (compress, write, fsync, rename) median $(median <"$dir/save.s") s"
  # Whole-run cost of the full state: one new event scanned with the state and without, 5 times.
  clock=$(jq -r '.end' "$dir/sim/truth.json")
  one_line="$(date -u -d "$clock + 1 hour" '+%b %e %H:%M:%S') bastion sshd[99999]: Failed password for root from 198.51.100.250 port 40000 ssh2"
  echo "$one_line" >"$dir/one.log"
  : >"$dir/with.s"
  : >"$dir/without.s"
  for _ in 1 2 3 4 5; do
    cp "$dir/state" "$dir/state.copy"
    /usr/bin/time -f "%e %M" -o "$dir/one.time" "$bin" scan "$dir/one.log" --year 2026 --state "$dir/state.copy" \
      --findings /dev/null --no-summary 2>/dev/null || true
    awk '{print $1}' "$dir/one.time" >>"$dir/with.s"
    /usr/bin/time -f "%e %M" -o "$dir/one.time" "$bin" scan "$dir/one.log" --year 2026 \
      --findings /dev/null --no-summary 2>/dev/null || true
    awk '{print $1}' "$dir/one.time" >>"$dir/without.s"
  done
  echo "one event with the state: median $(median <"$dir/with.s") s, without: $(median <"$dir/without.s") s"
  echo
done

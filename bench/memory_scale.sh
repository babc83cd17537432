#!/usr/bin/env bash
# Memory at scale (issue 6, "bounded memory"): an sshd log in which SOURCES distinct addresses
# (default 10,000,000) each fail once against one of ACCOUNTS accounts (default 1,000,000) over
# DAYS days, and every account logs in once from an address of its own; then
# `/usr/bin/time -v spraytrace scan --threads 2` reports wall time, CPU and peak RSS. No
# simulator: the point is the number of distinct keys, which the simulator's populations do not
# reach. bench/RESULTS.md ("Memory at scale") records the figures.
#
#   bench/memory_scale.sh WORKDIR [SOURCES] [ACCOUNTS] [DAYS]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=$(mkdir -p "${1:?usage: memory_scale.sh WORKDIR [SOURCES] [ACCOUNTS] [DAYS]}" && cd "$1" && pwd)
sources=${2:-10000000}
accounts=${3:-1000000}
days=${4:-10}
bin=${SPRAYTRACE_BIN:-$here/../build/release/src/cli/spraytrace}
log=$work/scale-$sources-$accounts-$days.log

if [[ ! -f $log ]]; then
  # Addresses: i * 2654435761 mod 2^32 is a bijection, so every source is distinct; the
  # failures and logins are interleaved in time order.
  python3 - "$sources" "$accounts" "$days" >"$log.tmp" <<'EOF'
import sys
sources, accounts, days = (int(a) for a in sys.argv[1:4])
months = ["Nov", "Dec", "Jan", "Feb", "Mar"]
month_days = [30, 31, 31, 28, 31]
span = days * 86400
total = sources + accounts
out = sys.stdout
write = out.write
def stamp(second):
    day, rest = divmod(second, 86400)
    month = 0
    day += 1
    while day > month_days[month]:
        day -= month_days[month]
        month += 1
    return "%s %2d %02d:%02d:%02d" % (months[month], day, rest // 3600, rest // 60 % 60, rest % 60)
def address(i):
    n = (i * 2654435761) & 0xFFFFFFFF
    return "%d.%d.%d.%d" % (n >> 24, (n >> 16) & 255, (n >> 8) & 255, n & 255)
login_every = max(1, total // accounts)
logins = failures = 0
for i in range(total):
    second = i * span // total
    if i % login_every == 0 and logins < accounts:
        user = "u%d" % logins
        ip = address(sources + logins)
        write("%s bastion sshd[%d]: Accepted password for %s from %s port %d ssh2\n"
              % (stamp(second), 1000 + i % 60000, user, ip, 1024 + i % 60000))
        logins += 1
    else:
        user = "u%d" % (failures % accounts)
        ip = address(failures)
        failures += 1
        write("%s bastion sshd[%d]: Failed password for %s from %s port %d ssh2\n"
              % (stamp(second), 1000 + i % 60000, user, ip, 1024 + i % 60000))
EOF
  mv "$log.tmp" "$log"
fi
echo "input: $log, $(stat -c %s "$log") bytes, $(wc -l <"$log") lines"
/usr/bin/time -v "$bin" scan "$log" --year 2026 --threads 2 --findings "$work/findings.jsonl" \
  --summary >"$work/summary.txt" 2>"$work/time.txt" || [[ $? == 1 ]]
grep -E "^(Read|Parsed)" "$work/summary.txt"
grep -E "Elapsed|Maximum resident|User time|System time" "$work/time.txt"
echo "findings: $(wc -l <"$work/findings.jsonl")"

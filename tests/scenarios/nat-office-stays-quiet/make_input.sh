#!/usr/bin/env bash
# Regenerates input.log (deterministic). 203.0.113.10 is the office's NAT egress.
LC_ALL=C awk 'BEGIN {
  ip = "203.0.113.10"; pid = 9000
  for (u = 0; u < 200; u++) {
    t = 8 * 3600 + (u * 97) % 3600          # morning rush: everyone within one hour
    user = sprintf("staff%03d", u); pid++
    if (u < 6) t = 8 * 3600 + 1800 + u * 90  # 6 typos within 9 minutes: fail2ban bans the office
    if (u < 6 || u % 17 == 0) {
      printf "%d Failed password for %s from %s port %d ssh2\n", t, user, ip, 50000 + u, pid
      t += 5
    }
    printf "%d Accepted password for %s from %s port %d ssh2\n", t, user, ip, 50000 + u, pid
  }
  for (p = 0; p < 8; p++) {                  # stale passwords on 8 phones, twice each
    for (k = 0; k < 2; k++) {
      t = 10 * 3600 + p * 1800 + k * 2400; pid++
      printf "%d Failed password for phone%02d from %s port %d ssh2\n", t, p, ip, 52000 + p * 2 + k, pid
    }
  }
}' | sort -n -k1,1 | awk '{ t = $1; $1 = ""; pid++
  printf "Nov  4 %02d:%02d:%02d gw sshd[%d]:%s\n", t / 3600, (t % 3600) / 60, t % 60, 7000 + pid, $0 }'

#!/usr/bin/env bash
# Writes examples/sample-auth.log: one day (2 Nov) of an SSH bastion's auth.log in Debian 12's
# OpenSSH 9.x wording, deterministic (fixed-seed LCG in awk, no Python needed). It holds benign
# traffic that must stay quiet and four attacks that must be found:
#   - office NAT 203.0.113.10: 120 users logging in all day, some typos first   (quiet)
#   - home users on their own addresses, a few typos                            (quiet)
#   - 203.0.113.45 brute force on root at night, with "message repeated" lines  (brute_force)
#   - 198.51.100.23 spraying 60 accounts once each in the afternoon             (single_source_spray)
#   - 2001:db8:77::5 spraying 25 accounts on the key-only port: no "Failed" lines (single_source_spray)
#   - 192.0.2.77 guessing 'admin' every ~7 minutes for 6 hours                  (brute_force.slow)
# Addresses are from the documentation ranges (RFC 5737, RFC 3849). Regenerate with:
#   examples/make_sample_auth_log.sh > examples/sample-auth.log
set -euo pipefail
LC_ALL=C awk -v seed=7 '
function rnd() { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648 }
function ri(n) { return int(rnd() * n) }
function stamp(t,   h, m, s) { h = int(t / 3600); m = int((t % 3600) / 60); s = t % 60
  return sprintf("Nov  2 %02d:%02d:%02d", h, m, s) }
function emit(t, text) { printf "%07d %05d %s bastion sshd[%d]: %s\n", t, seq++, stamp(t), pid, text }
function port() { return 30000 + ri(30000) }
function login(t, user, ip, method,   p) { pid++; p = port()
  if (method == "publickey") emit(t, "Accepted publickey for " user " from " ip " port " p " ssh2: ED25519 SHA256:Qm9ndXNLZXlGb3JEZW1vT25seQ")
  else emit(t, "Accepted password for " user " from " ip " port " p " ssh2")
  emit(t, "pam_unix(sshd:session): session opened for user " user "(uid=1000) by (uid=0)")
  emit(t + 600 + ri(3000), "pam_unix(sshd:session): session closed for user " user) }
function typo(t, user, ip,   p) { pid++; p = port()
  emit(t, "pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=" ip "  user=" user)
  emit(t + 2, "Failed password for " user " from " ip " port " p " ssh2")
  emit(t + 6, "Accepted password for " user " from " ip " port " p " ssh2") }
function invalid_guess(t, user, ip,   p) { pid++; p = port()
  emit(t, "Invalid user " user " from " ip " port " p)
  emit(t, "pam_unix(sshd:auth): check pass; user unknown")
  emit(t, "pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=" ip)
  emit(t + 2, "Failed password for invalid user " user " from " ip " port " p " ssh2")
  emit(t + 2, "Connection closed by invalid user " user " " ip " port " p " [preauth]") }
function valid_guess(t, user, ip,   p) { pid++; p = port()
  emit(t, "pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=" ip "  user=" user)
  emit(t + 2, "Failed password for " user " from " ip " port " p " ssh2")
  emit(t + 2, "Connection closed by authenticating user " user " " ip " port " p " [preauth]") }
BEGIN {
  pid = 41000
  # Office behind one NAT address: 120 people, each 1-3 logins in working hours, 4% typo first.
  for (u = 1; u <= 120; u++) {
    user = sprintf("emp%03d", u); n = 1 + ri(3)
    for (k = 0; k < n; k++) {
      t = 8 * 3600 + ri(10 * 3600)
      if (rnd() < 0.04) typo(t, user, "203.0.113.10"); else login(t, user, "203.0.113.10", rnd() < 0.6 ? "publickey" : "password")
    }
  }
  # Home users on their own addresses; one forgets her password three times, then gets it.
  split("alice bob carol dave erin frank grace heidi", home, " ")
  for (h = 1; h <= 8; h++) {
    ip = "198.51.100." (100 + h)
    login(7 * 3600 + ri(14 * 3600), home[h], ip, "publickey")
    login(19 * 3600 + ri(3 * 3600), home[h], ip, "password")
  }
  for (k = 0; k < 3; k++) valid_guess(20 * 3600 + k * 40, "erin", "198.51.100.105")
  login(20 * 3600 + 200, "erin", "198.51.100.105", "password")
  # Brute force on root: 300 guesses, 6 per connection, the repeats folded by rsyslog.
  t = 3 * 3600 + 600
  for (c = 0; c < 50; c++) {
    pid++; p = port()
    emit(t, "pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=203.0.113.45  user=root")
    emit(t + 1, "Failed password for root from 203.0.113.45 port " p " ssh2")
    emit(t + 9, "message repeated 5 times: [ Failed password for root from 203.0.113.45 port " p " ssh2]")
    emit(t + 9, "error: maximum authentication attempts exceeded for root from 203.0.113.45 port " p " ssh2 [preauth]")
    emit(t + 9, "Disconnecting authenticating user root 203.0.113.45 port " p ": Too many authentication failures [preauth]")
    emit(t + 9, "PAM 5 more authentication failures; logname= uid=0 euid=0 tty=ssh ruser= rhost=203.0.113.45  user=root")
    t += 11
  }
  # Single-source spray: one password against 60 accounts, one every 20 s.
  split("admin test oracle postgres ubuntu deploy git jenkins ftp www mysql backup support guest user", bots, " ")
  for (k = 0; k < 60; k++) {
    t = 14 * 3600 + k * 20
    if (k % 4 == 0) valid_guess(t, sprintf("emp%03d", 5 + k), "198.51.100.23")
    else invalid_guess(t, bots[1 + k % 15] (k < 15 ? "" : k), "198.51.100.23")
  }
  # Spray against a key-only service over IPv6: sshd never logs "Failed password" there.
  for (k = 0; k < 25; k++) {
    t = 16 * 3600 + k * 45; pid++; p = port(); user = bots[1 + k % 15] (k < 15 ? "" : "x" k)
    emit(t, "Invalid user " user " from 2001:db8:77::5 port " p)
    emit(t + 1, "Connection closed by invalid user " user " 2001:db8:77::5 port " p " [preauth]")
  }
  # Low and slow on admin: one guess every 6-8 minutes from 22:00 to 04:00 (wraps to next day
  # is avoided: this runs 17:00-23:00). Never 5 in 10 minutes, never 10 leaking one a minute.
  t = 17 * 3600
  while (t < 23 * 3600) { valid_guess(t, "admin", "192.0.2.77"); t += 360 + ri(120) }
  # Scanner noise: connections that never authenticate.
  for (k = 0; k < 40; k++) {
    t = ri(86000); pid++
    emit(t, "error: kex_exchange_identification: Connection closed by remote host")
    emit(t, "Connection closed by 192.0.2.200 port " port())
  }
}' | sort -k1,1n -k2,2n | cut -d' ' -f3-

#!/usr/bin/env bash
# Installs fail2ban, sshguard and CrowdSec from Debian's packages for offline replay only: no
# firewall tooling (--no-install-recommends), no service started, CrowdSec never registers with
# its online API. Steps as measured in ../shared/peers/README.md §1. Needs root. Not run by CI.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
created_policy=0
if [[ ! -e /usr/sbin/policy-rc.d ]]; then
  # Tells every postinst not to start its service.
  printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
  chmod +x /usr/sbin/policy-rc.d
  created_policy=1
fi
mkdir -p /etc/crowdsec
[[ -s /etc/crowdsec/online_api_credentials.yaml ]] ||
  echo '# offline replay only: no online API' > /etc/crowdsec/online_api_credentials.yaml
apt-get update -qq
apt-get install -y -qq --no-install-recommends fail2ban sshguard crowdsec gcc python3 >/dev/null || true
dpkg --configure -a >/dev/null 2>&1 || true
if command -v systemctl >/dev/null; then systemctl disable fail2ban sshguard crowdsec >/dev/null 2>&1 || true; fi
if ((created_policy)); then rm -f /usr/sbin/policy-rc.d; fi
for tool in fail2ban-regex /usr/libexec/sshguard/sshg-parser crowdsec; do
  command -v "$tool" >/dev/null || [[ -x $tool ]] || { echo "missing after install: $tool" >&2; exit 1; }
done
echo "fail2ban, sshguard and crowdsec installed for offline replay"

#!/usr/bin/env bash
# Installs every Debian package spraytrace needs to build, test and run its demo.
# Idempotent: packages already present are skipped, so it is cheap on a prepared machine.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config clang-format
  libgtest-dev libgmock-dev libbenchmark-dev
  libabsl-dev libfmt-dev libcli11-dev libtomlplusplus-dev libsimdjson-dev
  zlib1g-dev libzstd-dev libssl-dev zstd gzip time
  nftables ipset python3-jsonschema
  libevtx-dev libbfio-dev libpugixml-dev
  libmaxminddb-dev
  chromium  # headless, for the HTML report's browser test (ctest -L browser)
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if ((${#missing[@]} == 0)); then
  exit 0
fi

sudo_cmd=()
if [[ $(id -u) -ne 0 ]]; then sudo_cmd=(sudo); fi
echo "installing: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null

#!/usr/bin/env bash
# Installs the Debian packages that building and testing interdict need.
# Idempotent: prints nothing and touches nothing when every package is there.
# Usage: scripts/deps.sh [extra-package...]
set -euo pipefail

packages=(
  build-essential cmake pkg-config
  libabsl-dev libre2-dev nlohmann-json3-dev libbenchmark-dev libgtest-dev libgmock-dev
  libicu-dev libssl-dev
  tzdata iso-codes
  "$@"
)

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

sudo=()
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null || { echo "deps.sh: need root (or sudo) to install: ${missing[*]}" >&2; exit 1; }
  sudo=(sudo)
fi
echo "deps.sh: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
# A fresh machine has empty package lists; refresh them only when an install needs it.
if ! "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}" >/tmp/interdict-apt.log 2>&1; then
  "${sudo[@]}" apt-get update -q >>/tmp/interdict-apt.log 2>&1
  "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}" >>/tmp/interdict-apt.log 2>&1 \
    || { tail -n 30 /tmp/interdict-apt.log >&2; exit 1; }
fi

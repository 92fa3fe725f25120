#!/usr/bin/env bash
# Installs what VmMiddleware needs on a fresh Debian 12 machine that has only the .NET SDK:
# Debian packages through apt-get (QEMU, image tools) and NuGet packages through restore.
# Idempotent: packages already present are not fetched again.
set -euo pipefail
cd "$(dirname "$0")/.."

# clang: the Native AOT publish of vmgrid links with it.
packages=(qemu-system-x86 qemu-utils xorriso mtools dosfstools e2fsprogs busybox-static cpio zstd clang)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  echo "setup: installing Debian packages: ${missing[*]}" >&2
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

dotnet restore VmMiddleware.sln --verbosity quiet

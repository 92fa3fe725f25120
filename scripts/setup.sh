#!/usr/bin/env bash
# Installs what VmMiddleware needs on a fresh Debian 12 machine that has only the .NET SDK:
# Debian packages through apt-get (QEMU, image tools) and NuGet packages through restore.
# Idempotent: packages already present are not fetched again.
set -euo pipefail
cd "$(dirname "$0")/.."

# QEMU and image tools for the launcher; clang links the Native AOT vmgrid; mmdebstrap + uidmap build the factory's reference base and
# qemu-system-common has qemu-storage-daemon (chroot executor); Globus GRAM5 for the GRAM tests (globus-proxy-utils also makes
# the factory service tests' proxies; voms-clients' voms-proxy-fake makes their VOMS proxy); python3-zeep and curl are the factory service's non-.NET SOAP clients in the tests;
# openssh-server (a test sshd on 127.0.0.1) and openssh-client (ssh-keygen, ssh-agent) for the gateway tests; libsqlite3-0
# for the job catalogue.
packages=(qemu-system-x86 qemu-system-common qemu-utils xorriso mtools dosfstools e2fsprogs busybox-static cpio zstd
  mmdebstrap uidmap clang openssh-server openssh-client libsqlite3-0
  globus-gram-client-tools globus-gram-job-manager globus-gram-job-manager-fork globus-gram-job-manager-fork-setup-poll
  globus-gram-job-manager-fork-setup-seg globus-gatekeeper globus-proxy-utils globus-gsi-cert-utils-progs
  globus-gss-assist-progs globus-gass-copy-progs
  voms-clients python3-zeep curl)
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

#!/usr/bin/env bash
# Measures the vmimage:// plugin (issue 13): bytes received and time for a first job, a second job with the same image on
# the same machine, and a job whose image shares all but its last layer with the cached one (a 64 + 16 + 4 MiB chain of
# incompressible layers, served by the real factory service on 127.0.0.1, the plugin run as HTCondor's starter runs it).
# Usage: scripts/bench-vmimage-plugin.sh [RUNS]   (default 3); prints a markdown section for docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
out=$(mktemp)
trap 'rm -f "$out"' EXIT
dotnet build tests/VmMiddleware.Integration.Tests -c Release --nologo -v quiet >/dev/null
for i in $(seq 1 "$runs"); do
  VMMIDDLEWARE_BENCH_OUT=$out dotnet test tests/VmMiddleware.Integration.Tests -c Release --no-build --nologo \
    --filter "FullyQualifiedName~VmImagePluginBenchmarkTests" >/dev/null
done
echo "### vmimage:// plugin, $(date -u +%Y-%m-%d), $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')), load average $(cut -d' ' -f1-3 /proc/loadavg) at the end"
echo
echo "$runs runs, each a fresh cache and a fresh service:"
echo
awk 'NR == 1 || NR == 2 || !/^\| job|^\|---/' "$out"

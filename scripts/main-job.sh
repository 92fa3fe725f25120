#!/usr/bin/env bash
# The main job: sets up (Debian packages, NuGet restore), builds vmgrid and the reference guest, then runs
# schemas/examples/hello.workunit.xml on the built-in reference guest under QEMU, unprivileged, with no pool.
# Usage: bash scripts/main-job.sh [WORK_DIR]   (default: a new directory under /tmp)
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
dotnet build src/VmMiddleware.Cli -c Release --nologo --verbosity quiet

work=${1:-$(mktemp -d /tmp/vmgrid-hello.XXXXXX)}
echo "main job: running schemas/examples/hello.workunit.xml in $work" >&2
set +e
dotnet src/VmMiddleware.Cli/bin/Release/net10.0/vmgrid.dll run schemas/examples/hello.workunit.xml --work-dir "$work"
status=$?
set -e
echo "main job: vmgrid run exited $status; outputs in $work/out:" >&2
ls -l "$work/out" >&2 || true
[ -f "$work/out/sum.txt" ] && cat "$work/out/sum.txt"
exit "$status"

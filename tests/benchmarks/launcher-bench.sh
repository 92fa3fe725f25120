#!/usr/bin/env bash
# Launcher benchmark: time to the command's START marker and to the end, for
#   hand   the very QEMU invocation vmgrid makes (its arguments captured from /proc during a vmgrid run), with the
#          volumes prepared beforehand and the outputs read back with tar afterwards
#   cold   the published (Native AOT) vmgrid run, cold boot
#   boot   the published vmgrid run --from-boot-checkpoint
#   jit    dotnet vmgrid.dll run (framework-dependent, JIT), cold boot: what the launcher cost before Native AOT
# plus QEMU's peak RSS (VmHWM) and the load average. N runs of each, interleaved (default 5); prints median and min.
# With BEFORE_VMGRID (an older build's published, Native AOT vmgrid) or BEFORE_DLL (an older build's vmgrid.dll, run by dotnet),
# and BEFORE_GUEST (the guest directory it was built with; default: this tree's guest) it also runs
#   bcold / bboot   that build, cold and --from-boot-checkpoint, interleaved with the others (same load)
# PUBLISHED (a directory holding this tree's `dotnet publish -r linux-x64` output) skips the publish step, which takes
# minutes on a loaded machine; it must be a publish of the tree being measured. SKIP_JIT=1 leaves out the jit row.
#
#   tests/benchmarks/launcher-bench.sh [N]
set -euo pipefail
N="${1:-5}"
REPO="$(cd "$(dirname "$0")/../.." && pwd)"
export VMMIDDLEWARE_CACHE="${VMMIDDLEWARE_CACHE:-$REPO/artifacts/cache}"
WU="$REPO/schemas/examples/hello.workunit.xml"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

if [ -n "${PUBLISHED:-}" ]; then
    VMGRID=("$PUBLISHED/vmgrid")
else
    dotnet publish "$REPO/src/VmMiddleware.Cli" -c Release -r linux-x64 -o "$TMP/publish" --nologo -v quiet >/dev/null
    VMGRID=("$TMP/publish/vmgrid")
fi
[ "${SKIP_JIT:-0}" = 1 ] || dotnet build "$REPO/src/VmMiddleware.Cli" -c Release --nologo -v quiet >/dev/null
VMGRID_JIT=(dotnet "$REPO/src/VmMiddleware.Cli/bin/Release/net10.0/vmgrid.dll")
GUEST="$(bash "$REPO/src/guest/build.sh" "$VMMIDDLEWARE_CACHE/guest" 2>/dev/null | tail -n1)"
export VMMIDDLEWARE_GUEST="$GUEST"

now() { date +%s.%N; }
load() { cut -d' ' -f1 /proc/loadavg; }
stats() { sort -g | awk '{ a[NR] = $1 } END { printf "%.2f / %.2f", a[int((NR + 1) / 2)], a[1] }'; }

# Peak RSS of the QEMU whose command line names $1 (its VmHWM, a high-water mark), sampled until it exits. pgrep runs every
# 50 ms only until QEMU appears; the samples use the shell's read, so the watcher costs the measured run next to nothing.
watch_rss() {
    local tag="$1" out="$2" pid="" hwm=0 key value
    for _ in $(seq 1 400); do
        pid="$(pgrep -f "qemu-system-x86_64.*$tag" | head -n1 || true)"
        [ -n "$pid" ] && break
        sleep 0.05
    done
    while [ -n "$pid" ] && [ -r "/proc/$pid/status" ]; do
        while read -r key value _; do
            [ "$key" = VmHWM: ] && hwm="$value"
        done < "/proc/$pid/status" 2>/dev/null || true
        sleep 0.05
    done
    echo "$hwm" > "$out"
}

# Runs "$@" with stdout+stderr to a log; prints "to_start total rss_kib". The output is read line by line as it comes
# and stamped with bash's $EPOCHREALTIME (no process per check: polling the log with grep every few ms cost the
# measured TCG guest a noticeable share of the 2 cores).
measure() {
    local tag="$1"; shift
    local log="$TMP/$tag.log"
    watch_rss "$tag" "$TMP/$tag.rss" &
    local watcher=$!
    local t0 t_start="" t_end line
    : > "$log"
    t0=$EPOCHREALTIME
    while IFS= read -r line; do
        if [ -z "$t_start" ]; then
            case "$line" in *"command started"*|*VMGRID:START*) t_start=$EPOCHREALTIME ;; esac
        fi
        printf '%s\n' "$line" >> "$log"
    done < <("$@" 2>&1)
    t_end=$EPOCHREALTIME
    [ -n "$t_start" ] || t_start="$t_end"
    wait "$watcher" || true
    echo "$(echo "$t_start - $t0" | bc -l) $(echo "$t_end - $t0" | bc -l) $(cat "$TMP/$tag.rss")"
}

# The hand-written invocation: vmgrid's own QEMU arguments and volumes (captured from a --keep run), replayed by hand.
"${VMGRID[@]}" run "$WU" --work-dir "$TMP/keep" --keep >/dev/null 2>&1 &
keep_job=$!
for _ in $(seq 1 2000); do
    pid="$(pgrep -f "qemu-system-x86_64.*$TMP/keep" | head -n1 || true)"
    [ -n "$pid" ] && tr '\0' '\n' < "/proc/$pid/cmdline" > "$TMP/qemu-args" && break
    sleep 0.002
done
wait "$keep_job"
HAND="$TMP/hand"
mkdir -p "$HAND"
cp "$TMP/keep/vm/seed.img" "$TMP/keep/vm/input.img" "$HAND/"
OUTPUT_SIZE="$(stat -c %s "$TMP/keep/vm/output.img")"
mapfile -t HAND_ARGS < <(sed -e "s|$TMP/keep/vm/|$HAND/|g" "$TMP/qemu-args")
hand_run() {
    rm -f "$HAND/output.img"; truncate -s "$OUTPUT_SIZE" "$HAND/output.img"
    "${HAND_ARGS[@]}" -name "hand$1"
    tar -xf "$HAND/output.img" -C "$TMP" ./sum.txt
}

"${VMGRID[@]}" run "$WU" --work-dir "$TMP/warm" --from-boot-checkpoint >/dev/null 2>&1   # creates the boot checkpoint once

KINDS=(hand cold boot)
[ "${SKIP_JIT:-0}" = 1 ] || KINDS+=(jit)
BEFORE_KIND=""
if [ -n "${BEFORE_VMGRID:-}" ] || [ -n "${BEFORE_DLL:-}" ]; then
    KINDS+=(bcold bboot)
    if [ -n "${BEFORE_VMGRID:-}" ]; then
        VMGRID_BEFORE=(env "VMMIDDLEWARE_GUEST=${BEFORE_GUEST:-$GUEST}" "$BEFORE_VMGRID")
        BEFORE_KIND="vmgrid run (Native AOT)"
    else
        VMGRID_BEFORE=(env "VMMIDDLEWARE_GUEST=${BEFORE_GUEST:-$GUEST}" dotnet "$BEFORE_DLL")
        BEFORE_KIND="dotnet vmgrid.dll run"
    fi
    "${VMGRID_BEFORE[@]}" run "$WU" --work-dir "$TMP/bwarm" --from-boot-checkpoint >/dev/null 2>&1
fi
declare -A START TOTAL RSS LOADS
for kind in "${KINDS[@]}"; do START[$kind]=""; TOTAL[$kind]=""; RSS[$kind]=""; LOADS[$kind]=""; done
for i in $(seq 1 "$N"); do
    for kind in "${KINDS[@]}"; do
        l="$(load)"
        case "$kind" in
            hand) read -r s t r < <(measure "hand$i" hand_run "$i") ;;
            cold) read -r s t r < <(measure "cold$i" "${VMGRID[@]}" run "$WU" --work-dir "$TMP/cold$i") ;;
            boot) read -r s t r < <(measure "boot$i" "${VMGRID[@]}" run "$WU" --work-dir "$TMP/boot$i" --from-boot-checkpoint) ;;
            jit) read -r s t r < <(measure "jit$i" "${VMGRID_JIT[@]}" run "$WU" --work-dir "$TMP/jit$i") ;;
            bcold) read -r s t r < <(measure "bcold$i" "${VMGRID_BEFORE[@]}" run "$WU" --work-dir "$TMP/bcold$i") ;;
            bboot) read -r s t r < <(measure "bboot$i" "${VMGRID_BEFORE[@]}" run "$WU" --work-dir "$TMP/bboot$i" --from-boot-checkpoint) ;;
        esac
        START[$kind]+="$s"$'\n'; TOTAL[$kind]+="$t"$'\n'; RSS[$kind]+="$r"$'\n'; LOADS[$kind]+="$l "
    done
done
for i in $(seq 1 "$N"); do
    for kind in "${KINDS[@]}"; do
        [ "$kind" = hand ] && continue
        grep -qx "sum=31" "$TMP/$kind$i/out/sum.txt" || { echo "run $kind$i did not produce sum.txt" >&2; exit 1; }
    done
done

row() {
    printf '| %s | %s | %s | %d | %s |\n' "$1" \
        "$(printf '%s' "${START[$2]}" | stats)" "$(printf '%s' "${TOTAL[$2]}" | stats)" \
        "$(( $(printf '%s' "${RSS[$2]}" | sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }') / 1024 ))" "${LOADS[$2]% }"
}
echo "hello.workunit.xml, $(nproc) cores, $(qemu-system-x86_64 --version | head -n1), $N runs each (interleaved), $(date -u +%Y-%m-%d)"
echo "times from process start; the vmgrid rows include start-up, volume preparation and output collection"
echo
echo "| path | to START, median / min (s) | to end, median / min (s) | QEMU peak RSS, median (MiB) | load average at each run's start |"
echo "|---|---|---|---|---|"
row "QEMU by hand (vmgrid's arguments, volumes prepared beforehand)" hand
row "vmgrid run (Native AOT), cold boot" cold
row "vmgrid run (Native AOT) --from-boot-checkpoint" boot
[ "${SKIP_JIT:-0}" = 1 ] || row "dotnet vmgrid.dll run (JIT), cold boot" jit
if [ -n "$BEFORE_KIND" ]; then
    row "before: $BEFORE_KIND, cold boot" bcold
    row "before: $BEFORE_KIND --from-boot-checkpoint" bboot
fi

#!/usr/bin/env bash
# Launcher benchmark: time to the command's START marker and to the end, for
#   (1) vmgrid run, cold boot     (2) vmgrid run --from-boot-checkpoint
#   (3) the same QEMU invocation written by hand (seed/input/output volumes prepared beforehand)
# plus QEMU's peak RSS (VmHWM). Median of N runs (default 5). Prints a markdown table.
#
#   tests/benchmarks/launcher-bench.sh [N]
set -euo pipefail
N="${1:-5}"
REPO="$(cd "$(dirname "$0")/../.." && pwd)"
export VMMIDDLEWARE_CACHE="${VMMIDDLEWARE_CACHE:-$REPO/artifacts/cache}"
WU="$REPO/schemas/examples/hello.workunit.xml"
VMGRID=(dotnet "$REPO/src/VmMiddleware.Cli/bin/Release/net10.0/vmgrid.dll")
dotnet build "$REPO/src/VmMiddleware.Cli" -c Release --nologo -v quiet >/dev/null
GUEST="$(bash "$REPO/src/guest/build.sh" "$VMMIDDLEWARE_CACHE/guest" 2>/dev/null | tail -n1)"
export VMMIDDLEWARE_GUEST="$GUEST"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

now() { date +%s.%N; }
median() { sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

# Peak RSS of the QEMU whose command line names $1, sampled until it exits.
watch_rss() {
    local tag="$1" out="$2" pid="" hwm=0
    for _ in $(seq 1 400); do
        pid="$(pgrep -f "qemu-system-x86_64.*$tag" | head -n1 || true)"
        [ -n "$pid" ] && break
        sleep 0.01
    done
    while [ -n "$pid" ] && [ -r "/proc/$pid/status" ]; do
        v="$(awk '/^VmHWM:/ { print $2 }' "/proc/$pid/status" 2>/dev/null || true)"
        [ -n "$v" ] && hwm="$v"
        sleep 0.05
    done
    echo "$hwm" > "$out"
}

# Runs "$@" with stderr+stdout to a log; prints "to_start total rss_kib".
measure() {
    local tag="$1"; shift
    local log="$TMP/$tag.log"
    watch_rss "$tag" "$TMP/$tag.rss" &
    local watcher=$!
    local t0 t_start t_end
    t0="$(now)"
    "$@" > "$log" 2>&1 &
    local job=$!
    t_start=""
    while kill -0 "$job" 2>/dev/null; do
        if [ -z "$t_start" ] && grep -q -e "command started" -e "VMGRID:START" "$log" "$TMP/$tag.console" 2>/dev/null; then
            t_start="$(now)"
        fi
        sleep 0.005
    done
    wait "$job" || true
    t_end="$(now)"
    [ -n "$t_start" ] || t_start="$t_end"
    wait "$watcher" || true
    echo "$(echo "$t_start - $t0" | bc -l) $(echo "$t_end - $t0" | bc -l) $(cat "$TMP/$tag.rss")"
}

# The hand-written invocation: the volumes vmgrid makes, built once with --keep, then QEMU by hand.
"${VMGRID[@]}" run "$WU" --work-dir "$TMP/keep" --keep >/dev/null 2>&1
HAND="$TMP/hand"
mkdir -p "$HAND"
cp "$TMP/keep/vm/seed.img" "$TMP/keep/vm/input.img" "$HAND/"
hand_run() {
    truncate -s 0 "$HAND/output.img"; truncate -s 80M "$HAND/output.img"
    qemu-system-x86_64 -machine pc-i440fx-7.2 -accel tcg -m 256 -smp 1 -nodefaults -no-user-config -display none -no-reboot \
        -serial "file:$TMP/hand$1.console" \
        -kernel "$GUEST/vmlinux" -initrd "$GUEST/initramfs.cpio" -append "$(cat "$GUEST/kernel.cmdline")" \
        -drive "if=none,id=seed,file=$HAND/seed.img,format=raw" -device virtio-blk-pci,drive=seed,serial=CIDATA \
        -drive "if=none,id=input,file=$HAND/input.img,format=raw" -device virtio-blk-pci,drive=input,serial=vmgrid-input \
        -drive "if=none,id=output,file=$HAND/output.img,format=raw" -device virtio-blk-pci,drive=output,serial=vmgrid-output
    tar -xf "$HAND/output.img" -C "$TMP" ./sum.txt
}

"${VMGRID[@]}" run "$WU" --work-dir "$TMP/warm" --from-boot-checkpoint >/dev/null 2>&1   # creates the boot checkpoint once

declare -A START TOTAL RSS
for kind in hand cold boot; do START[$kind]=""; TOTAL[$kind]=""; RSS[$kind]=""; done
for i in $(seq 1 "$N"); do
    for kind in hand cold boot; do
        case "$kind" in
            hand) read -r s t r < <(measure "hand$i" hand_run "$i") ;;
            cold) read -r s t r < <(measure "cold$i" "${VMGRID[@]}" run "$WU" --work-dir "$TMP/cold$i") ;;
            boot) read -r s t r < <(measure "boot$i" "${VMGRID[@]}" run "$WU" --work-dir "$TMP/boot$i" --from-boot-checkpoint) ;;
        esac
        START[$kind]+="$s"$'\n'; TOTAL[$kind]+="$t"$'\n'; RSS[$kind]+="$r"$'\n'
    done
done

row() {
    printf '| %s | %.2f | %.2f | %d |\n' "$1" \
        "$(printf '%s' "${START[$2]}" | median)" "$(printf '%s' "${TOTAL[$2]}" | median)" \
        "$(( $(printf '%s' "${RSS[$2]}" | median) / 1024 ))"
}
echo "hello.workunit.xml, TCG, median of $N; times from process start (vmgrid rows include the .NET start-up)"
echo
echo "| path | to START (s) | to end (s) | QEMU peak RSS (MiB) |"
echo "|---|---|---|---|"
row "QEMU by hand (volumes prepared beforehand)" hand
row "vmgrid run, cold boot" cold
row "vmgrid run --from-boot-checkpoint" boot

#!/bin/bash
# Smoke test of the reference guest: builds it (cached), then
#  1. cold boot: CIDATA seed + input + output disks, job exits 3, checks markers and outputs;
#  2. wait-for-work: boot with vmgrid.wait=1, checkpoint with QMP stop+migrate, restore with
#     -incoming after swapping the seedwait and input disk files, checks the NEW input was used.
# Prints timings. Exits non-zero on any failure. Never leaves a QEMU process behind.
#
#   src/guest/smoke-test.sh [CACHE_DIR]     (default: $VMGRID_GUEST_CACHE or ~/.cache/vmgrid-guest)
#   env: COLD_RUNS (default 3), RESTORE_RUNS (default 3), QEMU (default qemu-system-x86_64),
#        KEEP=1 keeps the temp dir.
set -euo pipefail
export LC_ALL=C

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CACHE="${1:-${VMGRID_GUEST_CACHE:-$HOME/.cache/vmgrid-guest}}"
QEMU="${QEMU:-qemu-system-x86_64}"
COLD_RUNS="${COLD_RUNS:-3}"
RESTORE_RUNS="${RESTORE_RUNS:-3}"
TIMEOUT_S=60

for tool in "$QEMU" mkfs.vfat mkfs.ext4 cpio mcopy tar truncate sha256sum python3 timeout; do
    command -v "$tool" >/dev/null 2>&1 || { echo "smoke-test: missing tool: $tool" >&2; exit 1; }
done

T="$(mktemp -d "${TMPDIR:-/tmp}/vmgrid-guest-smoke.XXXXXX")"
QEMU_PIDS=()
cleanup() {
    local pid
    for pid in "${QEMU_PIDS[@]}"; do
        kill "$pid" 2>/dev/null || true
    done
    for pid in "${QEMU_PIDS[@]}"; do
        wait "$pid" 2>/dev/null || true
    done
    if [ "${KEEP:-0}" = 1 ]; then echo "smoke-test: kept $T" >&2; else rm -rf "$T"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

fail() { echo "smoke-test: FAIL: $*" >&2; if [ -f "$T/console.log" ]; then echo "--- console.log" >&2; tr -d '\r' < "$T/console.log" | tail -n 40 >&2; fi; exit 1; }
ok() { echo "smoke-test: ok: $*"; }
now_ns() { date +%s%N; }
ms_since() { echo $(( ($(now_ns) - $1) / 1000000 )); }

echo "smoke-test: building guest into $CACHE"
G="$("$HERE/build.sh" "$CACHE" | tail -n 1)"
[ -f "$G/vmlinux" ] && [ -f "$G/initramfs.cpio" ] && [ -f "$G/kernel.cmdline" ] && [ -f "$G/kernel-wait.cmdline" ] || fail "build output incomplete: $G"
CMDLINE="$(cat "$G/kernel.cmdline")"
echo "smoke-test: guest $G"
echo "smoke-test: cmdline $CMDLINE"

cd "$T"
PY="$(python3 -c 'import sys; print(sys.executable)')"   # skip wrapper scripts (pyenv shims)

# ---------------------------------------------------------------------------------------
# Tiny QMP client (the real launcher is C#): qmp.py SOCKET CMD...
#   CMD: a QMP command name, "wait-migrate" (poll query-migrate until completed) or
#        "wait-incoming" (poll query-status until the incoming state is loaded).
# ---------------------------------------------------------------------------------------
cat > qmp.py <<'EOF'
import json, socket, sys, time
path, cmds = sys.argv[1], sys.argv[2:]
deadline = time.time() + 30
while True:
    try:
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM); s.connect(path); break
    except OSError:
        if time.time() > deadline: sys.exit("qmp: cannot connect to " + path)
        time.sleep(0.002)
f = s.makefile("rw")
def recv():
    while True:
        line = f.readline()
        if not line: sys.exit("qmp: connection closed")
        msg = json.loads(line)
        if "event" in msg: continue
        return msg
def call(name, args=None):
    req = {"execute": name}
    if args: req["arguments"] = args
    f.write(json.dumps(req) + "\n"); f.flush()
    r = recv()
    if "error" in r: sys.exit("qmp: %s failed: %s" % (name, r["error"]))
    return r["return"]
recv()  # greeting
call("qmp_capabilities")
for c in cmds:
    if c == "wait-migrate":
        while True:
            st = call("query-migrate").get("status")
            if st == "completed": break
            if st in ("failed", "cancelled"): sys.exit("qmp: migration " + st)
            if time.time() > deadline: sys.exit("qmp: migration timeout")
            time.sleep(0.005)
    elif c == "wait-incoming":
        while True:
            st = call("query-status")["status"]
            if st not in ("inmigrate",): break
            if time.time() > deadline: sys.exit("qmp: incoming timeout")
            time.sleep(0.001)
        print("incoming-done %d" % time.time_ns(), flush=True)
    elif c.startswith("migrate="):
        call("migrate", {"uri": c[len("migrate="):]})
    else:
        call(c)
EOF

# ---------------------------------------------------------------------------------------
# Disks.
# ---------------------------------------------------------------------------------------
make_seed() { # make_seed USERDATA IMG
    rm -f "$2"
    printf 'instance-id: vmgrid-smoke\nlocal-hostname: vmgrid\n' > meta-data
    cp "$1" user-data
    mkfs.vfat -n CIDATA -C "$2" 1024 >/dev/null
    mcopy -i "$2" user-data meta-data ::/
}
make_input() { # make_input TEXT IMG SIZE: tar stream padded to SIZE
    rm -rf in.d "$2"; mkdir -p in.d
    printf '%s\n' "$1" > in.d/a.txt
    tar --format=pax --owner=0 --group=0 -c -f "$2" -C in.d .
    truncate -s "$3" "$2"
}
make_job_disk() { # make_job_disk SCRIPT IMG SIZE: "VMGRIDJOB1 <len> <sha256>\n" in sector 0, script at 512
    local len sum
    len=$(stat -c %s "$1"); sum=$(sha256sum "$1" | cut -d' ' -f1)
    rm -f "$2"
    printf 'VMGRIDJOB1 %d %s\n' "$len" "$sum" > "$2"
    truncate -s 512 "$2"
    cat "$1" >> "$2"
    truncate -s "$3" "$2"
}

check_outputs() { # check_outputs EXPECTED_RESULT
    local d=out.d
    rm -rf "$d"; mkdir -p "$d"
    tar -x -f output.img -C "$d" || fail "output disk does not hold a tar stream"
    [ "$(cat "$d/.vmgrid/exit_code")" = 3 ] || fail "exit_code is '$(cat "$d/.vmgrid/exit_code" 2>/dev/null)', want 3"
    [ "$(cat "$d/result.txt")" = "$1" ] || fail "result.txt is '$(cat "$d/result.txt" 2>/dev/null)', want '$1'"
    grep -q "arg=first arg GREETING=hello world" "$d/stdout" || fail "stdout misses the args/env line"
    grep -q "to stderr" "$d/stderr" || fail "stderr misses its line"
    local listing
    listing="$(tar -t -f output.img)"
    grep -qx './result.txt' <<<"$listing" || fail "tar listing lacks ./result.txt"
}

check_markers() { # check_markers [WAITING]
    local c
    c="$(tr -d '\r' < console.log)"
    grep -q '^VMGRID:BOOTED [0-9.]*$' <<<"$c" || fail "no BOOTED marker"
    if [ "${1:-}" = WAITING ]; then grep -qx 'VMGRID:WAITING' <<<"$c" || fail "no WAITING marker"; fi
    grep -qx 'VMGRID:START' <<<"$c" || fail "no START marker"
    grep -qx 'VMGRID:EXIT 3' <<<"$c" || fail "no 'VMGRID:EXIT 3' marker"
    grep -qx 'VMGRID:DONE' <<<"$c" || fail "no DONE marker"
    if grep -q 'VMGRID:AGENT-ERROR' <<<"$c"; then fail "agent error"; fi
}

run_qemu() { # run_qemu ARGS... ; runs in background, sets QPID
    timeout "$TIMEOUT_S" "$QEMU" "$@" &
    QPID=$!
    QEMU_PIDS+=("$QPID")
}

wait_qemu() { # wait_qemu -> exit status of QEMU
    local rc=0
    wait "$QPID" || rc=$?
    return $rc
}

wait_console() { # wait_console LINE
    local start; start=$(now_ns)
    local c=""
    while :; do
        c="$(tr -d '\r' 2>/dev/null < console.log || true)"
        grep -qx "$1" <<<"$c" && break
        kill -0 "$QPID" 2>/dev/null || fail "QEMU ended before '$1'"
        [ $(( ($(now_ns) - start) / 1000000000 )) -lt "$TIMEOUT_S" ] || fail "timeout waiting for '$1'"
        sleep 0.01
    done
}

BASE=(-accel tcg -machine pc-i440fx-7.2 -m 256 -smp 1 -nodefaults -no-user-config -nographic
      -no-reboot -nic none -serial file:console.log
      -kernel "$G/vmlinux" -initrd "$G/initramfs.cpio")
disk_args() { # disk_args ID FILE SERIAL [ro]
    local ro=""
    [ "${4:-}" = ro ] && ro=",readonly=on"
    echo "-drive if=none,id=$1,file=$2,format=raw,cache=unsafe$ro -device virtio-blk-pci,drive=$1,serial=$3"
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
minimum() { sort -n | head -n 1; }

# ---------------------------------------------------------------------------------------
# 1. Cold boot.
# ---------------------------------------------------------------------------------------
make_seed "$HERE/examples/user-data.example" seed.img
make_input "hello input" input.img 4M
COLD_TIMES=()
for i in $(seq 1 "$COLD_RUNS"); do
    rm -f output.img console.log; truncate -s 16M output.img
    start=$(now_ns)
    # shellcheck disable=SC2046
    run_qemu "${BASE[@]}" -append "$CMDLINE" \
        $(disk_args seed seed.img CIDATA ro) \
        $(disk_args input input.img vmgrid-input ro) \
        $(disk_args output output.img vmgrid-output)
    rc=0; wait_qemu || rc=$?
    [ "$rc" = 0 ] || fail "cold run $i: QEMU exited $rc"
    check_markers
    check_outputs "HELLO INPUT"
    COLD_TIMES+=("$(ms_since "$start")")
    echo "smoke-test: cold run $i: ${COLD_TIMES[-1]} ms (QEMU start to exit), $(tr -d '\r' < console.log | grep '^VMGRID:BOOTED')"
done
ok "cold boot: markers, exit code 3, result.txt, stdout, stderr"

# ---------------------------------------------------------------------------------------
# 1b. Cold boot with a root-filesystem volume (ext4, serial vmgrid-root): the command runs
#     chrooted in it. The test root is busybox from the initramfs plus a marker file.
# ---------------------------------------------------------------------------------------
rm -rf rootfs.d root.img; mkdir -p rootfs.d/etc
(cd rootfs.d && cpio -i -d --quiet bin/busybox bin/sh bin/cat bin/tr bin/echo < "$G/initramfs.cpio")
echo "root volume" > rootfs.d/etc/rootmark
mkfs.ext4 -q -F -L vmgrid-root -d rootfs.d root.img 32M >/dev/null 2>&1 || fail "mkfs.ext4 -d failed"
sed 's|tr a-z A-Z < in/a.txt|tr a-z A-Z < /etc/rootmark|' "$HERE/examples/user-data.example" > user-data.root
grep -q '/etc/rootmark' user-data.root || fail "could not derive the root-volume job"
make_seed user-data.root seed-root.img
rm -f output.img console.log; truncate -s 16M output.img
start=$(now_ns)
# shellcheck disable=SC2046
run_qemu "${BASE[@]}" -append "$CMDLINE" \
    $(disk_args seed seed-root.img CIDATA ro) \
    $(disk_args input input.img vmgrid-input ro) \
    $(disk_args output output.img vmgrid-output) \
    $(disk_args root root.img vmgrid-root)
rc=0; wait_qemu || rc=$?
[ "$rc" = 0 ] || fail "root-volume run: QEMU exited $rc"
check_markers
check_outputs "ROOT VOLUME"
ok "root volume: job ran chrooted in the ext4 volume ($(ms_since "$start") ms)"

# ---------------------------------------------------------------------------------------
# 2. Wait-for-work, checkpoint after boot, restore with new disk files.
# ---------------------------------------------------------------------------------------
WAIT_CMDLINE="$(cat "$G/kernel-wait.cmdline")"
truncate -s 0 seedwait.img; truncate -s 4M seedwait.img
make_input "stale input" input.img 4M       # what the guest might have seen at boot
rm -f output.img; truncate -s 16M output.img
WAIT_DEVS="$(disk_args seedwait seedwait.img vmgrid-seedwait ro) $(disk_args input input.img vmgrid-input ro) $(disk_args output output.img vmgrid-output)"

rm -f console.log state.bin
start=$(now_ns)
# shellcheck disable=SC2086
run_qemu "${BASE[@]}" -append "$WAIT_CMDLINE" $WAIT_DEVS -qmp unix:qmp.sock,server=on,wait=off
wait_console "VMGRID:WAITING"
BOOT_MS=$(ms_since "$start")
start=$(now_ns)
"$PY" qmp.py qmp.sock stop "migrate=exec:cat>state.bin" wait-migrate || fail "checkpoint failed"
SAVE_MS=$(ms_since "$start")
"$PY" qmp.py qmp.sock quit || kill "$QPID" 2>/dev/null || true
wait "$QPID" 2>/dev/null || true
[ -s state.bin ] || fail "no state file"
STATE_SIZE=$(stat -c %s state.bin)
cp console.log console.boot.log
echo "smoke-test: wait-mode boot to WAITING ${BOOT_MS} ms; checkpoint ${SAVE_MS} ms, state $((STATE_SIZE / 1024 / 1024)) MiB"

RESTORE_TIMES=(); LOAD_TIMES=(); RUN_TIMES=()
for i in $(seq 1 "$RESTORE_RUNS"); do
    # The host swaps the disk FILES (same sizes) before restoring.
    make_job_disk "$HERE/examples/user-data.example" seedwait.img 4M
    make_input "fresh input $i" input.img 4M
    rm -f output.img console.log; truncate -s 16M output.img
    rm -f qmp.sock
    start=$(now_ns)
    # shellcheck disable=SC2086
    run_qemu "${BASE[@]}" -append "$WAIT_CMDLINE" $WAIT_DEVS -qmp unix:qmp.sock,server=on,wait=off \
        -incoming "exec:cat state.bin"
    qout="$("$PY" qmp.py qmp.sock wait-incoming cont)" || fail "restore run $i: QMP cont failed"
    rc=0; wait_qemu || rc=$?
    end=$(now_ns)
    RESTORE_TIMES+=("$(( (end - start) / 1000000 ))")
    loaded_ns="${qout##* }"
    LOAD_MS=$(( (loaded_ns - start) / 1000000 )); RUN_MS=$(( (end - loaded_ns) / 1000000 ))
    LOAD_TIMES+=("$LOAD_MS"); RUN_TIMES+=("$RUN_MS")
    [ "$rc" = 0 ] || fail "restore run $i: QEMU exited $rc"
    cat console.boot.log console.log > console.all.log
    c="$(tr -d '\r' < console.log)"
    grep -qx 'VMGRID:START' <<<"$c" || fail "restore run $i: no START marker"
    grep -qx 'VMGRID:EXIT 3' <<<"$c" || fail "restore run $i: no EXIT 3 marker"
    grep -qx 'VMGRID:DONE' <<<"$c" || fail "restore run $i: no DONE marker"
    if grep -q 'VMGRID:AGENT-ERROR' <<<"$c"; then fail "restore run $i: agent error"; fi
    check_outputs "FRESH INPUT $i"
    echo "smoke-test: restore run $i: ${RESTORE_TIMES[-1]} ms (QEMU start with -incoming to exit: state loaded after ${LOAD_MS} ms, cont to exit ${RUN_MS} ms)"
done
ok "wait mode: checkpoint after boot, restore with swapped disks ran the job on the new input"

COLD_MED=$(printf '%s\n' "${COLD_TIMES[@]}" | median)
COLD_MIN=$(printf '%s\n' "${COLD_TIMES[@]}" | minimum)
REST_MED=$(printf '%s\n' "${RESTORE_TIMES[@]}" | median)
REST_MIN=$(printf '%s\n' "${RESTORE_TIMES[@]}" | minimum)
echo "smoke-test: TIMINGS cold boot to DONE: median ${COLD_MED} ms, min ${COLD_MIN} ms (${COLD_RUNS} runs)"
echo "smoke-test: TIMINGS restore to DONE:   median ${REST_MED} ms, min ${REST_MIN} ms (${RESTORE_RUNS} runs); checkpoint ${SAVE_MS} ms, state ${STATE_SIZE} bytes"
echo "smoke-test: TIMINGS restore phases: state loaded median $(printf '%s\n' "${LOAD_TIMES[@]}" | median) ms, cont to exit median $(printf '%s\n' "${RUN_TIMES[@]}" | median) ms"
echo "smoke-test: PASS"

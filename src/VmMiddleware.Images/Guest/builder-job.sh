#!/bin/sh
# VmMiddleware image factory: the builder VM's job script (the CIDATA user-data of a builder VM).
#
# Runs in the reference guest's initramfs as root, outside the image being built: the agent has
# mounted the image (disk serial vmgrid-root) at $VMGRID_ROOT with /proc, /sys and /dev bound in.
# The seed (run-actions.sh + actions/NN-kind/) arrives as a tar on the vmgrid-input disk under
# seed/. Actions run one at a time with run-actions.sh (which prints VMGRID:ACTION ... START/END).
# Between two actions the file system is frozen (fsfreeze: journal flushed, marked clean), the
# script prints
#     VMGRID:LAYER N
# and waits until the host, having switched the root disk to a new qcow2 layer (QMP
# blockdev-snapshot-sync), writes "GO N" at the start of the vmgrid-control disk, which is read
# with O_DIRECT (never the page cache). So each action's writes land in a layer of their own.
# The per-action log/status files go back as a tar on the vmgrid-output disk.
set -u
GO_TIMEOUT=${VMGRID_GO_TIMEOUT:-600}   # seconds to wait for the host; an orphaned builder powers off
BUILD=/run/vmgrid/build
OUT=$BUILD/out

fail() {
    echo "VMGRID:AGENT-ERROR builder: $*"
    exit 1
}

disk() { # disk SERIAL... -> /dev/vdX
    for d in /sys/block/vd*; do
        [ -r "$d/serial" ] || continue
        s=
        read -r s < "$d/serial" 2>/dev/null
        for w in "$@"; do
            [ "$s" = "$w" ] && { echo "/dev/${d##*/}"; return 0; }
        done
    done
    return 1
}

ROOT=${VMGRID_ROOT:-}
[ -n "$ROOT" ] || fail "no vmgrid-root volume mounted"
IN=$(disk vmgrid-input VMGRID-INPUT) || fail "no vmgrid-input disk"
OUTDEV=$(disk vmgrid-output VMGRID-OUTPUT) || fail "no vmgrid-output disk"
CTL=$(disk vmgrid-control VMGRID-CONTROL) || fail "no vmgrid-control disk"
VMGRID_ROOT_DEVICE=$(disk vmgrid-root VMGRID-ROOT) || fail "no vmgrid-root disk"
export VMGRID_ROOT_DEVICE
mkdir -p "$BUILD" "$OUT" || fail "cannot create $BUILD"
# Read only the archive: busybox tar drains its input to the end, and the disk may be far larger.
head -c "${VMGRID_INPUT_BYTES:?the host sets VMGRID_INPUT_BYTES}" "$IN" | tar -x -f - -C "$BUILD" || fail "cannot unpack the seed"
ACTIONS=$BUILD/seed/actions
[ -d "$ACTIONS" ] || fail "the seed has no actions/ directory"

total=0
for dir in "$ACTIONS"/*/; do
    [ -d "$dir" ] && total=$((total + 1))
done

wait_go() { # wait_go N: until the control disk starts with "GO N"
    waited=0
    while :; do
        set -f
        # shellcheck disable=SC2046
        set -- $(dd if="$CTL" bs=512 count=1 iflag=direct 2>/dev/null | tr -d '\000')
        set +f
        [ "${1:-}" = GO ] && [ "${2:-}" = "$want" ] && return 0
        sleep 0.05
        waited=$((waited + 1))
        [ "$waited" -lt $((GO_TIMEOUT * 20)) ] || return 1
    done
}

n=0
rc=0
for dir in "$ACTIONS"/*/; do
    dir=${dir%/}
    [ -d "$dir" ] || continue
    n=$((n + 1))
    sh "$BUILD/seed/run-actions.sh" "$ACTIONS" "$ROOT" "$OUT" "${dir##*/}"
    rc=$?
    [ "$rc" = 0 ] || break
    [ "$n" -lt "$total" ] || break
    sync
    fsfreeze --freeze "$ROOT" || fail "cannot freeze $ROOT after action $n"
    echo "VMGRID:LAYER $n"
    want=$n
    if ! wait_go; then
        fsfreeze --unfreeze "$ROOT"
        fail "no go-ahead from the host within $GO_TIMEOUT s after action $n"
    fi
    fsfreeze --unfreeze "$ROOT" || fail "cannot thaw $ROOT after action $n"
done

# Logs beyond 1 MiB keep their tail: the output disk is a fixed size.
for log in "$OUT"/*/log; do
    [ -f "$log" ] || continue
    if [ "$(wc -c < "$log")" -gt 1048576 ]; then
        tail -c 1048576 "$log" > "$log.tail" && mv "$log.tail" "$log"
    fi
done
tar -c -f "$OUTDEV" -C "$OUT" . || fail "cannot write the action logs to the output disk"
sync
echo "VMGRID:EXIT $rc"
exit 0

#!/bin/sh
# VmMiddleware image factory: the action runner. POSIX sh (busybox ash in the reference guest).
#
#   run-actions.sh ACTIONS_DIR ROOT OUT_DIR [ONLY]
#
# ACTIONS_DIR holds one directory per action, run in name order: NN-KIND/ with one file per
# argument (kind, id, and the kind's own files below). ROOT is the mounted root file system
# of the image being built (with /proc, /sys and /dev bound into it); actions that run
# programs run them there with chroot, as root. For each action OUT_DIR/NN-KIND/ receives
# "log" and then "status" (the exit code); the runner stops at the first failure. ONLY runs
# just the action directory of that name. Progress goes to stdout as console markers:
#   VMGRID:ACTION NN-KIND ID START      VMGRID:ACTION NN-KIND ID END RC
#
# Kinds and their files:
#   copy        target (guest path); payload/ (a directory's contents, or one file + "file")
#   script      script (run with /bin/sh as root in ROOT)
#   packages    debs/ + names (install the named .debs with dpkg -i), or mirror + names (apt)
#   user        name; optional uid, groups, shell (useradd -m)
#   environment environment (NAME=value lines; replace those names in /etc/environment)
#   hostname    name (/etc/hostname and the 127.0.1.1 line of /etc/hosts)
#   resize      size (bytes); device (the block device to grow, else $VMGRID_ROOT_DEVICE)
#   provides    attributes (NAME=value lines; written to /etc/vmgrid/provides)
#   base        nothing to do here
set -u
ACTIONS=${1:?usage: run-actions.sh ACTIONS_DIR ROOT OUT_DIR [ONLY]}
ROOT=${2:?usage: run-actions.sh ACTIONS_DIR ROOT OUT_DIR [ONLY]}
OUT=${3:?usage: run-actions.sh ACTIONS_DIR ROOT OUT_DIR [ONLY]}
ONLY=${4:-}
CHROOT_PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

in_root() { # run a command inside ROOT as root with a clean environment
    chroot "$ROOT" /usr/bin/env -i PATH="$CHROOT_PATH" HOME=/root LC_ALL=C DEBIAN_FRONTEND=noninteractive "$@"
}

arg() { # arg FILE -> the file's first line (empty when missing)
    [ -f "$dir/$1" ] || return 0
    head -n 1 "$dir/$1"
}

set_lines() { # set_lines FILE NAME=VALUE-FILE: replace or append each NAME=... line
    touch "$1"
    while IFS= read -r line || [ -n "$line" ]; do
        [ -n "$line" ] || continue
        name=${line%%=*}
        grep -v "^$name=" "$1" > "$1.vmgrid-new" || true
        printf '%s\n' "$line" >> "$1.vmgrid-new"
        cat "$1.vmgrid-new" > "$1"
        rm -f "$1.vmgrid-new"
    done < "$2"
}

do_copy() {
    target=$(arg target)
    case "$target" in /*) ;; *) echo "copy: target '$target' is not absolute"; return 2 ;; esac
    if [ -f "$dir/file" ]; then
        mkdir -p "$ROOT$(dirname "$target")" || return 1
        cp "$dir/payload/$(arg file)" "$ROOT$target" || return 1
        chown 0:0 "$ROOT$target"
    else
        mkdir -p "$ROOT$target" || return 1
        cp -R "$dir/payload/." "$ROOT$target/" || return 1
        chown -R 0:0 "$ROOT$target"
    fi
    echo "copied to $target"
}

do_script() {
    tmp=/tmp/vmgrid-action-$$.sh
    cp "$dir/script" "$ROOT$tmp" || return 1
    in_root /bin/sh "$tmp"
    rc=$?
    rm -f "$ROOT$tmp"
    return $rc
}

do_packages() {
    if [ -f "$dir/mirror" ]; then
        echo "deb $(arg mirror) $(in_root sh -c '. /etc/os-release; echo $VERSION_CODENAME') main" > "$ROOT/etc/apt/sources.list.d/vmgrid-site.list"
        in_root apt-get update -q || return 1
        # shellcheck disable=SC2046
        in_root apt-get install -y -q --no-install-recommends $(cat "$dir/names") || return 1
        return 0
    fi
    tmp=/tmp/vmgrid-debs-$$
    mkdir -p "$ROOT$tmp" || return 1
    for deb in "$dir"/debs/*.deb; do
        [ -f "$deb" ] || continue
        cp "$deb" "$ROOT$tmp/" || return 1
    done
    selected=
    found=
    for deb in "$ROOT$tmp"/*.deb; do
        [ -f "$deb" ] || continue
        pkg=$(in_root dpkg-deb -f "$tmp/${deb##*/}" Package)
        if grep -qx "$pkg" "$dir/names"; then
            selected="$selected $tmp/${deb##*/}"
            found="$found $pkg"
        fi
    done
    while IFS= read -r name; do
        [ -n "$name" ] || continue
        case "$found " in *" $name "*) ;; *) echo "packages: no .deb for '$name' in the package directory"; rm -rf "${ROOT:?}$tmp"; return 2 ;; esac
    done < "$dir/names"
    # shellcheck disable=SC2086
    in_root dpkg -i $selected
    rc=$?
    rm -rf "${ROOT:?}$tmp"
    return $rc
}

do_user() {
    set -- -m
    [ -f "$dir/uid" ] && set -- "$@" -u "$(arg uid)"
    [ -f "$dir/groups" ] && set -- "$@" -G "$(arg groups)"
    [ -f "$dir/shell" ] && set -- "$@" -s "$(arg shell)"
    in_root useradd "$@" "$(arg name)"
}

do_environment() {
    set_lines "$ROOT/etc/environment" "$dir/environment"
}

do_hostname() {
    name=$(arg name)
    echo "$name" > "$ROOT/etc/hostname" || return 1
    touch "$ROOT/etc/hosts"
    grep -v '^127\.0\.1\.1[[:space:]]' "$ROOT/etc/hosts" > "$ROOT/etc/hosts.vmgrid-new"
    printf '127.0.1.1\t%s\n' "$name" >> "$ROOT/etc/hosts.vmgrid-new"
    cat "$ROOT/etc/hosts.vmgrid-new" > "$ROOT/etc/hosts"
    rm -f "$ROOT/etc/hosts.vmgrid-new"
}

do_resize() {
    device=$(arg device)
    device=${device:-${VMGRID_ROOT_DEVICE:-}}
    [ -n "$device" ] || { echo "resize: no device (VMGRID_ROOT_DEVICE unset)"; return 2; }
    # The host has grown the disk; grow the mounted ext4 online. Prefer the image's own resize2fs.
    if [ -x "$ROOT/sbin/resize2fs" ] && [ -b "$ROOT$device" ]; then
        in_root resize2fs "$device"
    else
        resize2fs "$device"
    fi
}

do_provides() {
    mkdir -p "$ROOT/etc/vmgrid" || return 1
    set_lines "$ROOT/etc/vmgrid/provides" "$dir/attributes"
}

mkdir -p "$OUT" || exit 1
for dir in "$ACTIONS"/*/; do
    dir=${dir%/}
    [ -d "$dir" ] || continue
    name=${dir##*/}
    [ -z "$ONLY" ] || [ "$ONLY" = "$name" ] || continue
    kind=$(arg kind)
    id=$(arg id)
    mkdir -p "$OUT/$name"
    echo "VMGRID:ACTION $name $id START"
    case "$kind" in
        copy|script|packages|user|environment|hostname|resize|provides)
            ( "do_$kind" ) > "$OUT/$name/log" 2>&1 ;;
        base) : > "$OUT/$name/log" ;;
        *) echo "unknown action kind '$kind'" > "$OUT/$name/log"; false ;;
    esac
    rc=$?
    echo "$rc" > "$OUT/$name/status"
    sync
    echo "VMGRID:ACTION $name $id END $rc"
    [ "$rc" = 0 ] || exit "$rc"
done
exit 0

#!/bin/bash
# Build the VmMiddleware reference guest (kernel + initramfs + agent) from Debian packages.
#
#   src/guest/build.sh OUTDIR_ROOT
#
# Needs: apt-get (download only), dpkg-deb, busybox-static's busybox (taken from the .deb),
# cpio (GNU, --reproducible), sha256sum, and the decompressor of the kernel payload (xz on Debian).
# Never mounts, chroots, uses loop devices or needs root.
#
# Output: OUTDIR_ROOT/guest-<hash>/{vmlinux,initramfs.cpio,kernel.cmdline,manifest.json}
# where <hash> covers the sha256 of the exact .deb files, the agent sources and this script.
# The last line on stdout is that directory. A complete directory is reused as is.
set -euo pipefail

if [ $# -ne 1 ] || [ -z "$1" ]; then
    echo "usage: $0 OUTDIR_ROOT" >&2
    exit 2
fi

export LC_ALL=C
export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-1700000000}"
umask 022

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
mkdir -p "$1"
OUTROOT="$(cd "$1" && pwd)"
DL="$OUTROOT/downloads"
mkdir -p "$DL"

log() { echo "build.sh: $*" >&2; }
die() { echo "build.sh: error: $*" >&2; exit 1; }

for tool in apt-get apt-cache dpkg-deb cpio sha256sum od; do
    command -v "$tool" >/dev/null 2>&1 || die "missing tool: $tool"
done

# Module signatures are checked by the guest kernel on every insmod (RSA under TCG is slow) but
# not enforced (no module.sig_enforce, no lockdown): strip them. VMGRID_STRIP_MODULE_SIGS=0 keeps them.
STRIP_SIGS="${VMGRID_STRIP_MODULE_SIGS:-1}"

# Agent sources that go into the initramfs (and into the hash).
AGENT_FILES=(init)

# ---------------------------------------------------------------------------------------
# 1. Resolve and download the packages (cached in $DL; a .deb is downloaded only once).
# ---------------------------------------------------------------------------------------
KPKG="$(apt-cache depends linux-image-amd64 2>/dev/null \
    | awk '/Depends: linux-image-[0-9][^ ]*-amd64$/ { print $2; exit }' || true)"
BPKG=busybox-static
cached_deb() { # newest cached .deb of a package name pattern (offline fallback)
    (cd "$DL" && ls -1 $1_*.deb 2>/dev/null | sort -V | tail -n 1)
}
OFFLINE=0
if [ -z "$KPKG" ]; then
    c="$(cached_deb 'linux-image-[0-9]*-amd64')"
    [ -n "$c" ] || die "cannot resolve the kernel package behind linux-image-amd64 (run apt-get update) and none is cached in $DL"
    log "apt cannot resolve linux-image-amd64: using cached $c"
    KPKG="${c%%_*}"
    OFFLINE=1
fi

PKGINFO=""   # "name version arch" of the candidate versions, one apt-cache call for all
pkginfo() {
    if [ -z "$PKGINFO" ]; then
        PKGINFO="$(apt-cache show --no-all-versions "$KPKG" "$BPKG" 2>/dev/null | awk '
            /^Package:/ { p = $2 } /^Version:/ { v = $2 } /^Architecture:/ { a = $2 }
            /^$/ { if (p != "") print p, v, a; p = "" }
            END { if (p != "") print p, v, a }')"
    fi
    awk -v p="$1" '$1 == p { print $2, $3; exit }' <<<"$PKGINFO"
}

fetch() { # fetch PKG -> prints the path of the .deb in $DL
    local pkg="$1" ver arch file c
    if [ "$OFFLINE" = 1 ]; then
        c="$(cached_deb "$pkg")"
        [ -n "$c" ] || die "offline and no cached .deb for $pkg in $DL"
        echo "$DL/$c"
        return 0
    fi
    read -r ver arch <<<"$(pkginfo "$pkg")" || true
    [ -n "$ver" ] && [ -n "$arch" ] || die "no installable candidate for $pkg"
    file="$DL/${pkg}_${ver//:/%3a}_${arch}.deb"
    if [ ! -s "$file" ]; then
        log "downloading $pkg $ver"
        local tmp
        tmp="$(mktemp -d "$DL/.dl.XXXXXX")"
        chmod 0777 "$tmp"   # lets apt's _apt user write when run as root (sandboxed download)
        (cd "$tmp" && apt-get download -q "$pkg=$ver" >&2) || { rm -rf "$tmp"; die "apt-get download $pkg failed"; }
        local got
        got="$(ls "$tmp"/*.deb)"
        dpkg-deb --info "$got" >/dev/null || { rm -rf "$tmp"; die "downloaded $pkg is not a valid .deb"; }
        mv "$got" "$file"
        rm -rf "$tmp"
    fi
    echo "$file"
}

[ "$OFFLINE" = 1 ] || pkginfo "$KPKG" >/dev/null   # fill PKGINFO in this shell (fetch runs in $(...))
KDEB="$(fetch "$KPKG")"
BDEB="$(fetch "$BPKG")"
KVERSION="$(dpkg-deb -f "$KDEB" Version)"
BVERSION="$(dpkg-deb -f "$BDEB" Version)"
KSHA="$(sha256sum "$KDEB" | cut -d' ' -f1)"
BSHA="$(sha256sum "$BDEB" | cut -d' ' -f1)"

# ---------------------------------------------------------------------------------------
# 2. Content-addressed output directory.
# ---------------------------------------------------------------------------------------
HASH="$({
    echo "kernel $KSHA"
    echo "busybox $BSHA"
    echo "build.sh $(sha256sum "$HERE/build.sh" | cut -d' ' -f1)"
    for f in "${AGENT_FILES[@]}"; do echo "$f $(sha256sum "$HERE/$f" | cut -d' ' -f1)"; done
    echo "epoch $SOURCE_DATE_EPOCH"
    echo "strip-module-signatures $STRIP_SIGS"
} | sha256sum | cut -c1-16)"
FINAL="$OUTROOT/guest-$HASH"

if [ -f "$FINAL/manifest.json" ] && [ -f "$FINAL/vmlinux" ] && [ -f "$FINAL/initramfs.cpio" ] \
   && [ -f "$FINAL/kernel.cmdline" ] && [ -f "$FINAL/kernel-wait.cmdline" ]; then
    echo "$FINAL"
    exit 0
fi

# An incomplete directory (never produced by this script, which publishes atomically) is
# replaced.
if [ -e "$FINAL" ]; then
    log "replacing incomplete $FINAL"
    rm -rf "$FINAL"
fi

WORK="$(mktemp -d "$OUTROOT/.guest-$HASH.tmp.XXXXXX")"
cleanup() { rm -rf "$WORK"; }
trap cleanup EXIT
mkdir -p "$WORK/pkg" "$WORK/root" "$WORK/out"

log "unpacking $KPKG $KVERSION and $BPKG $BVERSION"
dpkg-deb -x "$KDEB" "$WORK/pkg"
dpkg-deb -x "$BDEB" "$WORK/pkg"

KREL="$(cd "$WORK/pkg/lib/modules" && ls | head -n1)"
[ -n "$KREL" ] || die "no /lib/modules in $KDEB"
BZIMAGE="$WORK/pkg/boot/vmlinuz-$KREL"
[ -f "$BZIMAGE" ] || die "no /boot/vmlinuz-$KREL in $KDEB"
BUSYBOX="$WORK/pkg/bin/busybox"
[ -x "$BUSYBOX" ] || die "no /bin/busybox in $BDEB"

# ---------------------------------------------------------------------------------------
# 3. Extract the uncompressed ELF vmlinux from the bzImage (PVH entry, no in-guest unpack).
#    The x86 boot protocol header says where the compressed payload is:
#      0x1f1 setup_sects (u8), 0x202 "HdrS", 0x248 payload_offset (u32), 0x24c payload_length (u32)
#    The payload starts at (setup_sects+1)*512 + payload_offset. If the header is not usable we
#    fall back to scanning for a compression magic (like scripts/extract-vmlinux).
# ---------------------------------------------------------------------------------------
u8()  { od -An -tu1 -j "$2" -N1 "$1" | tr -d ' '; }
u32() { od -An -tu4 -j "$2" -N4 "$1" | tr -d ' '; }
hex_at() { od -An -tx1 -j "$2" -N "$3" "$1" | tr -d ' \n'; }

is_elf() { [ "$(hex_at "$1" 0 4)" = "7f454c46" ]; }

decompress_at() { # decompress_at FILE OFFSET LENGTH(0=rest) OUT ; returns 0 if OUT is an ELF
    local file="$1" off="$2" len="$3" out="$4" magic
    magic="$(hex_at "$file" "$off" 6)"
    local reader=(tail -c "+$((off + 1))" "$file")
    local dec=()
    case "$magic" in
        fd377a585a00*) dec=(xz -dcq --single-stream) ;;
        1f8b08*|1f8b09*) dec=(gzip -dcq) ;;
        28b52ffd*) dec=(zstd -dcq) ;;
        425a68*) dec=(bzip2 -dcq) ;;
        5d0000*) dec=(xz -dcq --format=lzma) ;;
        02214c18*) dec=(lz4 -dcq) ;;
        894c5a4f*) dec=(lzop -dcq) ;;
        *) return 1 ;;
    esac
    command -v "${dec[0]}" >/dev/null 2>&1 || { log "need ${dec[0]} to unpack the kernel"; return 1; }
    if [ "$len" -gt 0 ]; then
        "${reader[@]}" | head -c "$len" | "${dec[@]}" > "$out" 2>/dev/null || true
    else
        "${reader[@]}" | "${dec[@]}" > "$out" 2>/dev/null || true
    fi
    [ -s "$out" ] && is_elf "$out"
}

extract_vmlinux() { # extract_vmlinux BZIMAGE OUT
    local bz="$1" out="$2"
    if is_elf "$bz"; then cp "$bz" "$out"; return 0; fi
    if [ "$(hex_at "$bz" $((0x202)) 4)" = "48647253" ]; then   # "HdrS"
        local setup_sects poff plen start
        setup_sects="$(u8 "$bz" $((0x1f1)))"
        [ "$setup_sects" -eq 0 ] && setup_sects=4
        poff="$(u32 "$bz" $((0x248)))"
        plen="$(u32 "$bz" $((0x24c)))"
        start=$(( (setup_sects + 1) * 512 + poff ))
        if decompress_at "$bz" "$start" "$plen" "$out"; then
            log "vmlinux: payload at $start ($plen bytes, magic $(hex_at "$bz" "$start" 4))"
            return 0
        fi
    fi
    # Fallback: scan for magics.
    local pat off
    for pat in '\xfd7zXZ\x00' '\x1f\x8b\x08' '\x28\xb5\x2f\xfd' 'BZh' '\x5d\x00\x00\x00' '\x02\x21\x4c\x18' '\x89LZO'; do
        for off in $(grep -aboP "$pat" "$bz" 2>/dev/null | cut -d: -f1 | head -n 20); do
            if decompress_at "$bz" "$off" 0 "$out"; then
                log "vmlinux: found payload by scanning at $off"
                return 0
            fi
        done
    done
    return 1
}

log "extracting vmlinux"
extract_vmlinux "$BZIMAGE" "$WORK/out/vmlinux" || die "could not extract vmlinux from $BZIMAGE"
# ELF64, x86-64, and it must carry the Xen PVH note (else QEMU cannot enter it directly).
[ "$(hex_at "$WORK/out/vmlinux" 4 1)" = "02" ] || die "vmlinux is not ELF64"
if ! grep -aq 'Xen' "$WORK/out/vmlinux"; then
    log "warning: no Xen ELF note found; PVH entry may be missing"
fi

# Trailing zeros of each PT_LOAD segment (.bss, .brk, .init.scratch: 24 MB in Debian's kernel) need not be in the
# file: QEMU's ELF loader zero-fills a segment's memory beyond its file size. Shrinking p_filesz to the last non-zero
# byte makes the file 25 MB smaller, and QEMU keeps a copy of every loaded byte for the reset (less RSS, less to load).
u16() { od -An -tu2 -j "$2" -N2 "$1" | tr -d ' '; }
u64() { od -An -tu8 -j "$2" -N8 "$1" | tr -d ' '; }
put_le() { # put_le FILE OFFSET BYTES VALUE: write VALUE little-endian in place
    local i esc=""
    for ((i = 0; i < $3; i++)); do esc+=$(printf '\\x%02x' $(( ($4 >> (8 * i)) & 255 ))); done
    printf "$esc" | dd of="$1" bs=1 seek="$2" conv=notrunc status=none
}
zero_tail_start() { # zero_tail_start FILE START END: the smallest P in [START, END] with bytes [P, END) all zero
    local lo="$2" hi="$3" mid
    while [ "$lo" -lt "$hi" ]; do
        mid=$(( (lo + hi) / 2 ))
        if cmp -s -n $(( $3 - mid )) -i "$mid:0" "$1" /dev/zero; then hi=$mid; else lo=$((mid + 1)); fi
    done
    echo "$lo"
}
trim_elf_zeros() { # trim_elf_zeros VMLINUX
    local f="$1" phoff phentsize phnum i ph type off filesz keep end=0 before
    before=$(stat -c %s "$f")
    phoff=$(u64 "$f" 32); phentsize=$(u16 "$f" 54); phnum=$(u16 "$f" 56)
    for ((i = 0; i < phnum; i++)); do
        ph=$((phoff + i * phentsize))
        type=$(od -An -tu4 -j "$ph" -N4 "$f" | tr -d ' ')
        off=$(u64 "$f" $((ph + 8))); filesz=$(u64 "$f" $((ph + 32)))
        if [ "$type" = 1 ] && [ "$filesz" -gt 0 ]; then
            keep=$(( $(zero_tail_start "$f" "$off" $((off + filesz))) - off ))
            [ "$keep" -lt "$filesz" ] && put_le "$f" $((ph + 32)) 8 "$keep"
            filesz=$keep
        fi
        [ $((off + filesz)) -gt "$end" ] && end=$((off + filesz))
    done
    [ "$end" -gt $((phoff + phnum * phentsize)) ] || die "vmlinux: bad program headers"
    # The section headers sit at the end of the file: drop them (e_shoff, e_shnum, e_shstrndx); loaders use segments.
    put_le "$f" 40 8 0; put_le "$f" 60 2 0; put_le "$f" 62 2 0
    truncate -s "$end" "$f"
    log "vmlinux: trailing zeros of the loadable segments dropped ($before -> $end bytes)"
}
trim_elf_zeros "$WORK/out/vmlinux"

# ---------------------------------------------------------------------------------------
# 4. Kernel modules: dependency order from modules.dep (generated with busybox depmod on
#    the unpacked tree when the package carries none), decompressed at build time.
# ---------------------------------------------------------------------------------------
MODSRC="$WORK/pkg/lib/modules/$KREL"
if [ ! -f "$MODSRC/modules.dep" ]; then
    log "generating modules.dep (busybox depmod)"
    "$BUSYBOX" depmod -b "$WORK/pkg" "$KREL"
fi
[ -f "$MODSRC/modules.dep" ] || die "no modules.dep"

# Module groups the agent loads on demand. Soft dependencies that modules.dep does not list
# (ext4/jbd2 ask the crypto API for "crc32c") are named explicitly first.
declare -A GROUPS_=(
    [virtio]="virtio_pci virtio_blk"
    [mmio]="virtio_mmio virtio_blk"
    [fat]="nls_cp437 nls_ascii vfat"
    [nls]="nls_iso8859-1"
    [ext4]="crc32c_generic ext4"
    [iso]="isofs"
)
GROUP_NAMES=(virtio mmio fat nls ext4 iso)

declare -A MODPATH=()   # name(with _) -> relative path as listed in modules.dep
declare -A MODDEPS=()
while IFS= read -r line; do
    path="${line%%:*}"
    deps="${line#*:}"
    base="${path##*/}"; base="${base%%.ko*}"; base="${base//-/_}"
    MODPATH[$base]="$path"
    MODDEPS[$base]="$deps"
done < "$MODSRC/modules.dep"

declare -A SEEN=()
ORDER=()
resolve() { # depth-first: dependencies before the module
    local name="${1//-/_}" d dn
    [ -n "${SEEN[$name]:-}" ] && return 0
    [ -n "${MODPATH[$name]:-}" ] || die "module $1 not found in $KPKG (built in? then drop it)"
    SEEN[$name]=1
    for d in ${MODDEPS[$name]}; do
        dn="${d##*/}"; dn="${dn%%.ko*}"
        resolve "$dn"
    done
    ORDER+=("$name")
}

R="$WORK/root"
mkdir -p "$R/etc/vmgrid/modules" "$R/lib/modules/$KREL"
declare -A INSTALLED=()
strip_sig() { # drop an appended module signature: ... sig, struct module_signature (12 bytes,
              # sig_len big-endian u32 in its last 4), "~Module signature appended~\n" (28 bytes)
    local f="$1" size siglen
    [ "$(tail -c 28 "$f")" = "~Module signature appended~" ] || return 0   # $(...) drops the \n
    size="$(stat -c %s "$f")"
    siglen="$(tail -c 32 "$f" | head -c 4 | od -An -tu1 | awk '{ print (($1*256+$2)*256+$3)*256+$4 }')"
    [ "$siglen" -gt 0 ] && [ "$siglen" -lt "$size" ] || die "bad module signature in $f"
    truncate -s $((size - 28 - 12 - siglen)) "$f"
}
install_mod() { # copy (decompressed) module into the initramfs, return its in-guest path
    local name="$1" src dst
    src="$MODSRC/${MODPATH[$name]}"
    dst="lib/modules/$KREL/${MODPATH[$name]%.xz}"
    dst="${dst%.zst}"; dst="${dst%.gz}"
    if [ -z "${INSTALLED[$name]:-}" ]; then
        mkdir -p "$R/$(dirname "$dst")"
        case "$src" in
            *.ko.xz)  xz -dc "$src" > "$R/$dst" ;;
            *.ko.zst) zstd -dcq "$src" > "$R/$dst" ;;
            *.ko.gz)  gzip -dc "$src" > "$R/$dst" ;;
            *.ko)     cp "$src" "$R/$dst" ;;
            *) die "unknown module format: $src" ;;
        esac
        [ "$STRIP_SIGS" = 1 ] && strip_sig "$R/$dst"
        chmod 0644 "$R/$dst"
        INSTALLED[$name]="$dst"
    fi
    echo "/$dst"
}

for g in "${GROUP_NAMES[@]}"; do
    ORDER=()
    SEEN=()
    for m in ${GROUPS_[$g]}; do resolve "$m"; done
    : > "$R/etc/vmgrid/modules/$g"
    for m in "${ORDER[@]}"; do
        install_mod "$m" >> "$R/etc/vmgrid/modules/$g"
    done
done
# A modules.dep for the shipped modules, so busybox modprobe works inside the guest too.
"$BUSYBOX" depmod -b "$R" "$KREL"
for f in "$R/lib/modules/$KREL"/*; do
    case "$f" in */modules.dep|*/kernel) ;; *) rm -f "$f" ;; esac
done
log "modules: $(for g in "${GROUP_NAMES[@]}"; do printf '%s=%s ' "$g" "$(wc -l < "$R/etc/vmgrid/modules/$g")"; done)"

# ---------------------------------------------------------------------------------------
# 5. Initramfs tree: busybox + applet links, agent, directories.
# ---------------------------------------------------------------------------------------
mkdir -p "$R/bin" "$R/sbin" "$R/usr/bin" "$R/usr/sbin" "$R/dev" "$R/proc" "$R/sys" \
         "$R/run" "$R/tmp" "$R/mnt" "$R/work" "$R/root" "$R/var"
chmod 1777 "$R/tmp"
cp "$BUSYBOX" "$R/bin/busybox"
chmod 0755 "$R/bin/busybox"
"$BUSYBOX" --list-full | sort | while IFS= read -r applet; do
    [ "$applet" = "bin/busybox" ] && continue
    [ -e "$R/$applet" ] && continue
    mkdir -p "$R/$(dirname "$applet")"
    depth="$(echo "$applet" | tr -cd '/' | wc -c)"
    rel=""
    for _ in $(seq 1 "$depth"); do rel="../$rel"; done
    ln -s "${rel}bin/busybox" "$R/$applet"
done
install -m 0755 "$HERE/init" "$R/init"
echo "$KREL" > "$R/etc/vmgrid/kernel-release"
printf 'root:x:0:0:root:/root:/bin/sh\n' > "$R/etc/passwd"
printf 'root:x:0:\n' > "$R/etc/group"

# Fixed mtimes, sorted list, owner root, newc: byte-identical across builds.
find "$R" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
(cd "$R" && find . -mindepth 1 -print | sed 's|^\./||' | sort \
    | cpio -o -H newc -R 0:0 --reproducible --quiet) > "$WORK/out/initramfs.cpio"

# ---------------------------------------------------------------------------------------
# 6. Kernel command line (measured on 2 cores, TCG; see README.md) and manifest.
# ---------------------------------------------------------------------------------------
# nolapic_timer: the local APIC timer's calibration waits 100 ms; the HPET/PIT tick needs none. The blacklisted
# initcalls are self-tests, tracing, keyrings and networking the guest never uses (no NIC in the reference guest), and the
# BPF kfunc registrations: the first of them parses the kernel's whole BTF (~50 ms under TCG); no BPF program runs here.
CMDLINE="console=ttyS0 quiet loglevel=1 panic=-1 oops=panic mitigations=off tsc=reliable no_timer_check cryptomgr.notests pci=noacpi i8042.noaux i8042.nokbd i8042.nomux 8250.nr_uarts=1 audit=0 nowatchdog nolapic_timer initcall_blacklist=crypto_kdf108_init,init_kprobe_trace,init_trace_printk_function_export,init_encrypted,aurule_init,load_system_certificate_list,latency_fsnotify_init,ksm_init,inet6_init,cubictcp_register,tcp_congestion_default,bpf_rstat_kfunc_init,bpf_key_sig_kfuncs_init,kfunc_init,bpf_prog_test_run_init,bpf_tcp_ca_kfunc_init"
echo "$CMDLINE" > "$WORK/out/kernel.cmdline"
# Wait-for-work boots (checkpoint after boot): init_on_free=1 zeroes freed pages, so the saved
# state is smaller; it costs boot time, which a checkpoint pays once.
echo "$CMDLINE vmgrid.wait=1 init_on_free=1" > "$WORK/out/kernel-wait.cmdline"

sha() { sha256sum "$1" | cut -d' ' -f1; }
size() { stat -c %s "$1"; }
cat > "$WORK/out/manifest.json" <<EOF
{
  "format": "vmgrid-guest/1",
  "kernelRelease": "$KREL",
  "packages": [
    { "name": "$KPKG", "version": "$KVERSION", "file": "$(basename "$KDEB")", "sha256": "$KSHA" },
    { "name": "$BPKG", "version": "$BVERSION", "file": "$(basename "$BDEB")", "sha256": "$BSHA" }
  ],
  "files": {
    "vmlinux": { "sha256": "$(sha "$WORK/out/vmlinux")", "size": $(size "$WORK/out/vmlinux") },
    "initramfs.cpio": { "sha256": "$(sha "$WORK/out/initramfs.cpio")", "size": $(size "$WORK/out/initramfs.cpio") },
    "kernel.cmdline": { "sha256": "$(sha "$WORK/out/kernel.cmdline")", "size": $(size "$WORK/out/kernel.cmdline") },
    "kernel-wait.cmdline": { "sha256": "$(sha "$WORK/out/kernel-wait.cmdline")", "size": $(size "$WORK/out/kernel-wait.cmdline") }
  },
  "kernelCmdline": "$CMDLINE",
  "kernelCmdlineWait": "$CMDLINE vmgrid.wait=1 init_on_free=1",
  "boot": "pvh",
  "sourceDateEpoch": $SOURCE_DATE_EPOCH
}
EOF
chmod 0644 "$WORK/out"/*
touch -d "@$SOURCE_DATE_EPOCH" "$WORK/out"/*

# Atomic publish: another build may have won the race; then keep theirs.
chmod 0755 "$WORK/out"
if mv -T "$WORK/out" "$FINAL" 2>/dev/null; then
    log "built $FINAL"
elif [ -f "$FINAL/manifest.json" ]; then
    log "another build finished first: $FINAL"
else
    die "could not publish $FINAL"
fi
echo "$FINAL"

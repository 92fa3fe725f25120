#!/usr/bin/env bash
# Image factory benchmark: full build, longest-prefix build, exact hit, and store bytes with and
# without layer sharing for a family of 10 related DAGs.
#
#   bash tests/benchmarks/factory-bench.sh [--executor vm|chroot] [--base-from STORE]
#
# --executor vm (default) runs the actions in builder VMs (QEMU + the reference guest from
# $VMMIDDLEWARE_GUEST or src/guest/build.sh); chroot (root only) runs them on this host.
# --base-from STORE hard-links the already built reference base from another store instead of
# building it again (about 1-2 minutes); without it the base build is measured too.
# Prints a Markdown table (paste it into docs/benchmarks-factory.md).
set -euo pipefail
cd "$(dirname "$0")/../.."
executor=vm
base_from=
while [ $# -gt 0 ]; do
  case "$1" in
    --executor) executor=$2; shift 2 ;;
    --base-from) base_from=$2; shift 2 ;;
    *) echo "usage: $0 [--executor vm|chroot] [--base-from STORE]" >&2; exit 2 ;;
  esac
done

dotnet build src/VmMiddleware.Cli -c Release --nologo -v q >/dev/null
vmgrid=${VMGRID:-src/VmMiddleware.Cli/bin/Release/net10.0/vmgrid}  # VMGRID=path/to/published/vmgrid measures the shipped Native AOT build
work=$(mktemp -d /tmp/vmgrid-factory-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
store=$work/store
mkdir -p "$store/layers" "$store/states" "$work/dags"
cp -r schemas/examples/data schemas/examples/packages "$work/dags/"

if [ -n "$base_from" ]; then
  for manifest in "$base_from"/states/*.json; do
    grep -q '"ParentId": null' "$manifest" || continue
    id=$(basename "$manifest" .json)
    ln "$base_from/layers/$id.qcow2" "$store/layers/$id.qcow2" 2>/dev/null || cp "$base_from/layers/$id.qcow2" "$store/layers/"
    cp "$manifest" "$store/states/"
  done
fi

# dag NAME MEMBER PREFIX_ONLY: the four example actions, a 2 MiB blob, then two member-specific actions.
dag() {
  local name=$1 member=$2
  cat > "$work/dags/$name.vmconfig.xml" <<XML
<vmconfig xmlns="urn:vmmiddleware:vmconfig:1" name="$name">
  <actions>
    <base id="debian" ref="debian-bookworm"/>
    <copy id="data" source="data" target="/opt/data"/>
    <script id="stamp">awk '{ s += \$2 } END { print "sum=" s }' /opt/data/readings.txt &gt; /etc/vmgrid-stamp</script>
    <user id="alice" name="alice" uid="2001"/>
    <packages id="hello" directory="packages"><package name="vmgrid-hello"/></packages>
    <script id="blob">head -c 2097152 /dev/zero | tr '\\000' 'x' &gt; /opt/blob</script>
    <script id="member">mkdir -p /srv/member &amp;&amp; head -c 1048576 /dev/urandom &gt; /srv/member/data-$member</script>
    <environment id="env"><variable name="MEMBER" value="$member"/></environment>
  </actions>
  <edges>
    <edge from="data" to="stamp"/>
    <edge from="stamp" to="blob"/><edge from="alice" to="blob"/><edge from="hello" to="blob"/>
    <edge from="blob" to="member"/><edge from="member" to="env"/>
  </edges>
</vmconfig>
XML
}

seconds() { "$vmgrid" build "$1" --store "$store" --executor "$executor" --json 2>/dev/null | sed -n 's/.*"seconds":\([0-9.]*\).*/\1/p' | awk '{ printf "%.2f\n", $1 }'; }
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

for i in $(seq 0 9); do dag "member$i" "$i"; done
# member0 plus one new action: the "one action new" request.
sed 's|</actions>|<hostname id="host" name="member0-plus"/></actions>|; s|name="member0"|name="member0plus"|' "$work/dags/member0.vmconfig.xml" > "$work/dags/member0plus.vmconfig.xml"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

base_s=-
if [ -z "$base_from" ]; then
  cat > "$work/dags/base.vmconfig.xml" <<XML
<vmconfig xmlns="urn:vmmiddleware:vmconfig:1" name="base"><actions><base id="debian" ref="debian-bookworm"/></actions></vmconfig>
XML
  base_s=$(seconds "$work/dags/base.vmconfig.xml")
fi

full_s=$(seconds "$work/dags/member0.vmconfig.xml")                 # 7 actions on the cached base
hit_ms=$(for r in 1 2 3 4 5; do seconds "$work/dags/member0.vmconfig.xml"; done | median | awk '{ printf "%.0f", $1 * 1000 }')
hit_request_ms=$(for r in 1 2 3 4 5; do "$vmgrid" build "$work/dags/member0.vmconfig.xml" --store "$store" --executor "$executor" --json 2>/dev/null | sed -n 's/.*"requestSeconds":\([0-9.]*\).*/\1/p'; done | median | awk '{ printf "%.0f", $1 * 1000 }')
hit_wall_ms=$( { TIMEFORMAT=%R; time "$vmgrid" build "$work/dags/member0.vmconfig.xml" --store "$store" --executor "$executor" >/dev/null 2>&1; } 2>&1 | awk '{ printf "%.0f", $1 * 1000 }')
prefix_s=$(seconds "$work/dags/member1.vmconfig.xml")               # shares 6 of 8 nodes: builds 2
one_s=$(seconds "$work/dags/member0plus.vmconfig.xml")              # all 8 nodes of member0 cached: builds 1
for i in $(seq 2 9); do seconds "$work/dags/member$i.vmconfig.xml" >/dev/null; done

shared=$(du -sb --apparent-size "$store/layers" | cut -f1)
unshared=0
for i in $(seq 0 9); do
  id=$("$vmgrid" build "$work/dags/member$i.vmconfig.xml" --store "$store" --executor "$executor" 2>/dev/null | awk '/^image/ { print $2 }')
  # Without sharing every image keeps its whole chain to itself.
  for layer in $("$vmgrid" cache show "$id" --store "$store" | awk '/^chain:/ { for (i = 2; i <= NF; i += 2) print $i }'); do
    unshared=$((unshared + $(stat -c %s "$store"/layers/"$layer"*.qcow2)))
  done
done
flat=$("$vmgrid" build "$work/dags/member0.vmconfig.xml" --store "$store" --executor "$executor" --format qcow2 -o "$work/flat.qcow2" >/dev/null 2>&1; stat -c %s "$work/flat.qcow2")

mib() { awk -v b="$1" 'BEGIN { printf "%.1f MiB", b / 1048576 }'; }
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
echo "executor: $executor; $(date -u +%Y-%m-%dT%H:%MZ); $(nproc) cores; load average before: $load_before, after: $load_after"
echo
echo "| measurement | result |"
echo "|---|---|"
echo "| reference base build (mmdebstrap + mke2fs -d + qcow2) | ${base_s} s |"
echo "| full build: 7 actions on the cached base | ${full_s} s |"
echo "| longest-prefix build: 6 of 8 nodes cached, 2 actions built | ${prefix_s} s |"
echo "| one new action on a cached 8-node state | ${one_s} s ($(awk -v a="$one_s" -v b="$full_s" 'BEGIN { printf "%.2f", a / b }') of the full build) |"
echo "| exact hit, factory time: hash, plan, touch (median of 5) | ${hit_ms} ms |"
echo "| exact hit, in-process request: open the store, read the DAG, build (median of 5) | ${hit_request_ms} ms |"
echo "| exact hit, whole vmgrid process | ${hit_wall_ms} ms |"
echo "| store, 10 related DAGs, layers shared | $(mib "$shared") |"
echo "| same 10 images, each keeping its own chain | $(mib "$unshared") |"
echo "| one image flattened to standalone qcow2 (x10) | $(mib "$flat") (x10 = $(mib $((flat * 10)))) |"
echo "| states in the store | $(ls "$store"/states/*.json | wc -l) |"

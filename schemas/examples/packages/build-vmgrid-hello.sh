#!/bin/sh
# Builds packages/vmgrid-hello_1.0_all.deb, the tiny package tools.vmconfig.xml installs:
# it provides /usr/local/bin/vmgrid-hello. Reproducible (fixed SOURCE_DATE_EPOCH, root owner).
#   sh schemas/examples/packages/build-vmgrid-hello.sh
set -eu
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
chmod 0755 "$work"
mkdir -p "$work/DEBIAN" "$work/usr/local/bin"
cat > "$work/DEBIAN/control" <<'CONTROL'
Package: vmgrid-hello
Version: 1.0
Architecture: all
Maintainer: VmMiddleware <vmmiddleware@localhost>
Section: misc
Priority: optional
Description: VmMiddleware image factory example package
 Prints a greeting; installed by schemas/examples/tools.vmconfig.xml.
CONTROL
cat > "$work/usr/local/bin/vmgrid-hello" <<'SCRIPT'
#!/bin/sh
echo "hello from vmgrid-hello 1.0"
SCRIPT
chmod 0755 "$work/usr/local/bin/vmgrid-hello"
find "$work" -exec touch -h -d @1700000000 {} +
SOURCE_DATE_EPOCH=1700000000 dpkg-deb --root-owner-group -Zxz --build "$work" "$here/vmgrid-hello_1.0_all.deb" >/dev/null
echo "$here/vmgrid-hello_1.0_all.deb"

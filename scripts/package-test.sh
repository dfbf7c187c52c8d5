#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The package test: builds Orb's .deb (and .tar.gz) with CPack from a build folder, lints it,
# validates its desktop entry and AppStream metadata, installs it into the real system with
# dpkg, runs the installed programs on a new company file, checks the MIME type is registered,
# then removes the package.
#
#   scripts/package-test.sh BUILD_DIR [CPACK]
#
# Needs root for dpkg (CI runs as root); exits 77 (ctest's SKIP_RETURN_CODE) otherwise. The
# package's dependencies must already be installed (scripts/install-deps.sh): nothing is
# fetched. Registered with ctest as package_deb (label "package") by tests/installer.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="$(cd "${1:?usage: scripts/package-test.sh BUILD_DIR [CPACK]}" && pwd)"
cpack="${2:-cpack}"
SKIP=77
pkg=orb-billing
app_id=io.github.orb.Billing
version="$(tr -d '[:space:]' < "$here/VERSION")"

step() { printf '\n== %s\n' "$*"; }
fail() { printf 'package-test: FAIL: %s\n' "$*" >&2; exit 1; }

if [ "$(id -u)" -ne 0 ]; then
  echo "SKIP: the package test installs the .deb into the system with dpkg and so needs root (CI runs as root)"
  exit $SKIP
fi
if ! command -v dpkg >/dev/null 2>&1; then
  echo "SKIP: not a Debian system (no dpkg)"
  exit $SKIP
fi
missing=()
for tool in "$cpack" lintian appstreamcli desktop-file-validate dpkg-deb dpkg-shlibdeps file update-mime-database; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
[ ${#missing[@]} -eq 0 ] || fail "missing tools: ${missing[*]} (run scripts/install-deps.sh)"

gui=1
grep -q '^ORB_BUILD_GUI:BOOL=ON' "$build/CMakeCache.txt" || gui=0

# A package left installed by an interrupted run of this test (marker below) is ours to remove;
# one installed by someone else is not: then the install part is skipped.
marker=/var/lib/orb-package-test.installed
if dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q ' installed$\|half\|unpacked'; then
  if [ -e "$marker" ]; then
    echo "removing $pkg left installed by an interrupted package test"
    dpkg -r "$pkg" >/dev/null
    rm -f "$marker"
  else
    echo "SKIP: $pkg is already installed on this system and not by this test; remove it (dpkg -r $pkg) to run the install test"
    exit $SKIP
  fi
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/orb-package-test.XXXXXX")"
installed=0
cleanup() {
  if [ "$installed" = 1 ]; then
    dpkg -r "$pkg" >/dev/null 2>&1 || true
    rm -f "$marker"
  fi
  rm -rf "$work"
}
trap cleanup EXIT

step "cpack -G DEB;TGZ (in $build)"
start=$SECONDS
"$cpack" --config "$build/CPackConfig.cmake" -G "DEB;TGZ" -B "$work/out" > "$work/cpack.log" 2>&1 \
  || { cat "$work/cpack.log"; fail "cpack failed"; }
deb="$(ls "$work"/out/${pkg}_*.deb)"
tgz="$(ls "$work"/out/${pkg}-*.tar.gz)"
echo "built $(basename "$deb") and $(basename "$tgz") in $((SECONDS - start)) s"

step "control fields"
dpkg-deb --field "$deb" Package Version Architecture Maintainer Section Priority Depends Recommends Homepage
[ "$(dpkg-deb --field "$deb" Version)" = "$version-1" ] || fail "Version is not $version-1"
depends="$(dpkg-deb --field "$deb" Depends)"
# Computed ones (libqt6core6, libsqlite3-0) prove dpkg-shlibdeps ran; the others are the
# run-time needs it cannot see.
for need in libqt6core6 libsqlite3-0 libqt6sql6-sqlite libsecret-1-0; do
  grep -q "$need" <<<"$depends" || fail "Depends lacks $need (dpkg-shlibdeps or CPACK_DEBIAN_PACKAGE_DEPENDS)"
done
if [ "$gui" = 1 ]; then
  for need in libqt6widgets6; do
    grep -q "$need" <<<"$depends" || fail "Depends lacks $need"
  done
fi
dpkg-deb --field "$deb" Recommends | grep -q gnome-keyring || fail "Recommends lacks gnome-keyring"
# "Orb maintainers" at the address set by ORB_PACKAGE_MAINTAINER when the build was configured.
maintainer_address="$(sed -n 's/^ORB_PACKAGE_MAINTAINER:STRING=//p' "$build/CMakeCache.txt")"
[ "$(dpkg-deb --field "$deb" Maintainer)" = "Orb maintainers <$maintainer_address>" ] \
  || fail "Maintainer is \"$(dpkg-deb --field "$deb" Maintainer)\", not \"Orb maintainers <$maintainer_address>\""

step "contents"
dpkg-deb --contents "$deb" | awk '{print $1, $6}' | tee "$work/contents.txt"
expect=(./usr/bin/orbctl ./usr/share/man/man1/orbctl.1.gz ./usr/share/doc/$pkg/copyright ./usr/share/doc/$pkg/changelog.Debian.gz)
if [ "$gui" = 1 ]; then
  expect+=(./usr/bin/orb-billing ./usr/share/man/man1/orb-billing.1.gz
           ./usr/share/applications/$app_id.desktop ./usr/share/metainfo/$app_id.metainfo.xml
           ./usr/share/mime/packages/$app_id.xml ./usr/share/icons/hicolor/scalable/apps/$app_id.svg)
  for size in 16 24 32 48 64 128 256; do
    expect+=(./usr/share/icons/hicolor/${size}x${size}/apps/$app_id.png)
  done
fi
for f in "${expect[@]}"; do
  grep -q " $f\$" "$work/contents.txt" || fail "the .deb lacks $f"
done
tar -tzf "$tgz" > "$work/tgz.txt"
grep -q '/bin/orbctl$' "$work/tgz.txt" || fail "the .tar.gz lacks bin/orbctl"
# The .deb points to Debian's copy of the GPL; the tarball, which may land elsewhere, has its own.
! grep -q 'LICENSE' "$work/contents.txt" || fail "the .deb ships a copy of the GPL (Debian has /usr/share/common-licenses/GPL-3)"
licence_in_tgz="$(grep '/share/doc/'"$pkg"'/LICENSE$' "$work/tgz.txt")" || fail "the .tar.gz lacks share/doc/$pkg/LICENSE"
tar -xzOf "$tgz" "$licence_in_tgz" | cmp -s - "$here/LICENSE" || fail "the .tar.gz's LICENSE is not the GPL text of LICENSE"
echo "all ${#expect[@]} expected files are in the .deb; the .tar.gz has $(grep -vc '/$' "$work/tgz.txt") files"

step "licence: GPL-3.0-or-later"
copyright_file="$work/copyright"
dpkg-deb --fsys-tarfile "$deb" | tar -xO "./usr/share/doc/$pkg/copyright" > "$copyright_file"
# The first stanza, Files: *, is Orb's own licence.
awk '/^Files: \*$/ {f=1; next} f && /^License:/ {print; exit}' "$copyright_file" | grep -qx 'License: GPL-3.0-or-later' \
  || fail "the copyright file's Files: * stanza is not License: GPL-3.0-or-later"
grep -q '/usr/share/common-licenses/GPL-3' "$copyright_file" || fail "the copyright file does not point to /usr/share/common-licenses/GPL-3"
echo "copyright: Files: * is GPL-3.0-or-later; $(grep -c '^Files:' "$copyright_file") Files stanzas"

step "lintian"
lintian_args=(--fail-on error --display-info)
[ "$(id -u)" -ne 0 ] || lintian_args+=(--allow-root)
if lintian "${lintian_args[@]}" "$deb" > "$work/lintian.txt" 2>&1; then
  lintian_rc=0
else
  lintian_rc=$?
fi
cat "$work/lintian.txt"
if [ $lintian_rc -ne 0 ] || grep -q '^E: ' "$work/lintian.txt"; then
  fail "lintian reports errors (exit $lintian_rc)"
fi
echo "lintian: no errors ($(grep -c '^W: ' "$work/lintian.txt" || true) warnings, $(grep -c '^I: ' "$work/lintian.txt" || true) info)"

mkdir -p "$work/root"
dpkg-deb -x "$deb" "$work/root"
if [ "$gui" = 1 ]; then
  step "appstreamcli validate"
  appstreamcli validate --no-net --explain "$work/root/usr/share/metainfo/$app_id.metainfo.xml" \
    || fail "appstreamcli validate reports errors"
  grep -q '<project_license>GPL-3.0-or-later</project_license>' "$work/root/usr/share/metainfo/$app_id.metainfo.xml" \
    || fail "the AppStream project_license is not GPL-3.0-or-later"
  grep -q "<release version=\"$version\"" "$work/root/usr/share/metainfo/$app_id.metainfo.xml" \
    || echo "WARNING: $app_id.metainfo.xml has no <release> for $version; add one (installer/linux)"

  step "desktop-file-validate"
  desktop-file-validate "$work/root/usr/share/applications/$app_id.desktop" \
    || fail "desktop-file-validate reports errors"
  echo "desktop-file-validate: no errors"
fi

step "dpkg -i"
touch "$marker"
installed=1
if ! dpkg -i "$deb" > "$work/dpkg.log" 2>&1; then
  cat "$work/dpkg.log"
  fail "dpkg -i failed; if dependencies are missing, run scripts/install-deps.sh (nothing is fetched here)"
fi
cat "$work/dpkg.log"
dpkg-query -W -f='${Package} ${Version} ${Status}\n' "$pkg"

# The programs write their settings and caches under the test's folder, not the user's.
export XDG_CONFIG_HOME="$work/config" XDG_CACHE_HOME="$work/cache"
step "installed orbctl"
[ -x /usr/bin/orbctl ] || fail "/usr/bin/orbctl is not installed"
! ldd /usr/bin/orbctl | grep 'not found' || fail "orbctl has unresolved libraries"
out="$(/usr/bin/orbctl --version)"
echo "$out"
[ "$(head -n 1 <<<"$out")" = "orbctl $version" ] || fail "orbctl --version printed \"$out\", expected \"orbctl $version\" first"
grep -q '^License GPL-3.0-or-later' <<<"$out" || fail "orbctl --version does not state the licence GPL-3.0-or-later"
data="$(mktemp -d "$work/data.XXXXXX")"
/usr/bin/orbctl --db "$data/x.orb" init --name Test || fail "orbctl init failed"
/usr/bin/orbctl --db "$data/x.orb" company show | grep -q Test || fail "company show does not show Test"
/usr/bin/orbctl --db "$data/x.orb" customers create --name "Contoso Ltd" --external-id contoso >/dev/null \
  || fail "orbctl customers create failed"
man -l /usr/share/man/man1/orbctl.1.gz >/dev/null 2>&1 || echo "note: man is not installed; the page was not rendered"

if [ "$gui" = 1 ]; then
  step "installed orb-billing (offscreen)"
  ! ldd /usr/bin/orb-billing | grep 'not found' || fail "orb-billing has unresolved libraries"
  out="$(QT_QPA_PLATFORM=offscreen /usr/bin/orb-billing --version)"
  echo "$out"
  grep -q "$version" <<<"$out" || fail "orb-billing --version printed \"$out\", not $version"
  QT_QPA_PLATFORM=offscreen timeout 120 /usr/bin/orb-billing --demo "$data/demo.orb" --screenshot "Dashboard:$data/d.png" \
    || fail "orb-billing --demo --screenshot failed"
  file "$data/d.png" | grep -q 'PNG image data' || fail "orb-billing saved no PNG for the demo company"
  QT_QPA_PLATFORM=offscreen timeout 120 /usr/bin/orb-billing "$data/x.orb" --screenshot "Customers:$data/c.png" \
    || fail "orb-billing on the new company file failed"
  file "$data/c.png" | grep -q 'PNG image data' || fail "orb-billing saved no PNG for the new company file"
  file "$data/d.png" "$data/c.png"

  step "MIME type and desktop entry registered"
  [ -f /usr/share/mime/application/x-orb-company.xml ] \
    || fail "update-mime-database did not register application/x-orb-company"
  grep -q ':application/x-orb-company:\*\.orb' /usr/share/mime/globs2 || fail "*.orb is not in the MIME globs"
  echo "shared-mime-info: application/x-orb-company, *.orb"
  if command -v update-desktop-database >/dev/null 2>&1; then
    grep -q "^application/x-orb-company=.*$app_id.desktop" /usr/share/applications/mimeinfo.cache \
      || fail "update-desktop-database did not list $app_id.desktop for application/x-orb-company"
    echo "mimeinfo.cache: application/x-orb-company opens with $app_id.desktop"
  fi
  if command -v xdg-mime >/dev/null 2>&1; then
    handler="$(XDG_CURRENT_DESKTOP= xdg-mime query default application/x-orb-company || true)"
    echo "xdg-mime query default application/x-orb-company: $handler"
    [ "$handler" = "$app_id.desktop" ] || fail "xdg-mime does not open .orb files with Orb"
  fi
fi

step "dpkg -r"
dpkg -r "$pkg"
installed=0
rm -f "$marker"
[ ! -e /usr/bin/orbctl ] || fail "/usr/bin/orbctl is still there after dpkg -r"
[ ! -e /usr/share/mime/application/x-orb-company.xml ] || fail "the MIME type is still registered after dpkg -r"
echo "package-test: all checks passed ($((SECONDS)) s)"

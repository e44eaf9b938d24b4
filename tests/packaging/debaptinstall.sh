#!/usr/bin/env bash
# As root only (CI is root on a throwaway machine): apt-get install ./qinflux_<version>_<arch>.deb
# into the real system, run the installed programs, then apt-get purge it again.
# A qinflux package that this test did not install is left alone (the test is skipped); one left
# by an interrupted run of this test (the marker file exists) is replaced and purged.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
[ "$(id -u)" -eq 0 ] || { echo "SKIP: not root, the .deb is not installed with apt-get (packaging_deb checked it unpacked)"; exit 77; }
debs=("$QINFLUX_WORK"/deb/qinflux_"$QINFLUX_VERSION"_*.deb)
deb=${debs[0]}
[ -f "$deb" ] || fail "no .deb: packaging_deb must run first"
marker="$QINFLUX_WORK/apt-installed-by-test"
installed() { [ "$(dpkg-query -W -f='${Status}' qinflux 2>/dev/null || true)" = "install ok installed" ]; }
if installed && [ ! -e "$marker" ]; then
    echo "SKIP: a qinflux package is installed on this system that this test did not install; leaving it alone"
    exit 77
fi

apt=(apt-get -y -qq -o DPkg::Lock::Timeout=300)
export DEBIAN_FRONTEND=noninteractive
purge() { "${apt[@]}" purge qinflux >/dev/null && rm -f "$marker"; }
touch "$marker"
trap 'purge || echo "could not purge qinflux" >&2' EXIT
# --no-install-recommends: influxdb (Recommends) is what install-deps.sh installs anyway.
"${apt[@]}" --no-install-recommends install "$deb" >"$QINFLUX_WORK/apt.log" 2>&1 \
    || { cat "$QINFLUX_WORK/apt.log"; fail "apt-get install $deb"; }
installed || fail "apt-get install left qinflux not installed"
echo "ok: apt-get install $(basename "$deb")"

[ "$(command -v qinflux)" = /usr/bin/qinflux ] || fail "qinflux is not /usr/bin/qinflux: $(command -v qinflux)"
expect_version qinflux "$(env -u LD_LIBRARY_PATH /usr/bin/qinflux --version)"
expect_version qinflux-explorer "$(env -u LD_LIBRARY_PATH QT_QPA_PLATFORM=offscreen /usr/bin/qinflux-explorer --version)"
# Compared as real paths: with a merged /usr, /lib/... and /usr/lib/... are the same file.
loaded=$(awk -v so="libqinfluxcore.so.$QINFLUX_SOVERSION" '$1 == so { print $3 }' <<<"$(ldd /usr/bin/qinflux)")
[ -n "$loaded" ] && [ "$(readlink -f "$loaded")" = "$(readlink -f "/usr/$QINFLUX_LIBDIR/libqinfluxcore.so.$QINFLUX_SOVERSION")" ] \
    || fail "/usr/bin/qinflux does not load /usr/$QINFLUX_LIBDIR/libqinfluxcore.so.$QINFLUX_SOVERSION"
grep -q "libqinfluxcore.so.$QINFLUX_SOVERSION " <<<"$(ldconfig -p)" || fail "ldconfig does not know libqinfluxcore (trigger)"
desktop-file-validate "/usr/share/applications/$QINFLUX_APP_ID.desktop"

trap - EXIT
purge || fail "apt-get purge qinflux"
! installed || fail "qinflux still installed after purge"
[ ! -e /usr/bin/qinflux ] || fail "/usr/bin/qinflux left after purge"
echo "ok: purged again"

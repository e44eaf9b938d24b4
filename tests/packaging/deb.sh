#!/usr/bin/env bash
# cpack builds the .deb; its control fields (Depends from dpkg-shlibdeps) and contents are right;
# unpacked with dpkg-deb -x, its programs run with its library. Any user; apt-get install is
# debaptinstall.sh (root only).
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
work="$QINFLUX_WORK/deb"
rm -rf "$work"
mkdir -p "$work"
cpack --config "$QINFLUX_BUILD_DIR/CPackConfig.cmake" -B "$work" >"$work/cpack.log" 2>&1 \
    || { cat "$work/cpack.log"; fail "cpack"; }
debs=("$work"/qinflux_"$QINFLUX_VERSION"_*.deb)
[ ${#debs[@]} -eq 1 ] && [ -f "${debs[0]}" ] || fail "cpack made no qinflux_${QINFLUX_VERSION}_<arch>.deb: $(ls "$work")"
deb=${debs[0]}
echo "built $(basename "$deb") ($(du -k "$deb" | cut -f1) KiB)"

field() { dpkg-deb -f "$deb" "$1"; }
[ "$(field Package)" = qinflux ] || fail "Package: $(field Package)"
[ "$(field Version)" = "$QINFLUX_VERSION" ] || fail "Version: $(field Version)"
[ "$(field Architecture)" = "$(dpkg --print-architecture)" ] || fail "Architecture: $(field Architecture)"
[ -n "$(field Maintainer)" ] && [ -n "$(field Section)" ] && [ -n "$(field Description)" ] || fail "Maintainer, Section or Description missing"
[ -z "$(field Homepage)" ] || ! grep -q '\.invalid\|example\.' <<<"$(field Homepage)" || fail "placeholder Homepage: $(field Homepage)"
depends=$(field Depends)
echo "Depends: $depends"
# dpkg-shlibdeps ran: the libraries the programs link are there, with versions; and the platform plugins.
for package in libc6 libstdc++6 libqt6core6 libqt6network6 libqt6gui6 libqt6widgets6 libqt6charts6 zlib1g qt6-qpa-plugins; do
    grep -qE "(^|, )$package( |,|$)" <<<"$depends" || fail "Depends lacks $package"
done
grep -qE "libqt6core6 \(>= " <<<"$depends" || fail "Depends has no versions: not computed by dpkg-shlibdeps"
grep -q qinfluxcore <<<"$depends" && fail "Depends names the package's own library"

contents=$(dpkg-deb -c "$deb" | awk '{ print $6 }')
libdir="./usr/$QINFLUX_LIBDIR"
for path in ./usr/bin/qinflux ./usr/bin/qinflux-explorer \
        "$libdir/libqinfluxcore.so.$QINFLUX_VERSION" "$libdir/libqinfluxcore.so.$QINFLUX_SOVERSION" "$libdir/libqinfluxcore.so" \
        "$libdir/cmake/QInflux/QInfluxConfig.cmake" ./usr/include/qinflux/client/client.h \
        "./usr/share/applications/$QINFLUX_APP_ID.desktop" "./usr/share/metainfo/$QINFLUX_APP_ID.metainfo.xml" \
        "./usr/share/icons/hicolor/scalable/apps/$QINFLUX_APP_ID.svg" "./usr/share/icons/hicolor/48x48/apps/$QINFLUX_APP_ID.png" \
        ./usr/share/man/man1/qinflux.1.gz ./usr/share/man/man1/qinflux-explorer.1.gz ./usr/share/doc/qinflux/copyright; do
    grep -qxF "$path" <<<"$contents" || fail "the .deb lacks $path"
done
grep -q '_p\.h$' <<<"$contents" && fail "the .deb holds private headers: $(grep '_p\.h$' <<<"$contents")"
grep -qv '^\./usr/' <<<"$contents" && fail "the .deb installs outside /usr: $(grep -v '^\./usr/' <<<"$contents" | head -3)"
dpkg-deb --ctrl-tarfile "$deb" | tar -t | grep -q '^\./shlibs$' || fail "no shlibs control file"
echo "ok: control fields and $(wc -l <<<"$contents") paths"

dpkg-deb -x "$deb" "$work/root"
run_versions "$work/root/usr" "$work/root/usr/$QINFLUX_LIBDIR"
file "$work/root/usr/bin/qinflux" | grep -q ', stripped' || fail "the programs are not stripped"

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
# dpkg-shlibdeps ran: versioned dependencies, and the Qt platform plugins it cannot see.
grep -qE "libqt6core6 \(>= " <<<"$depends" || fail "Depends has no versions: not computed by dpkg-shlibdeps"
grep -qE "(^|, )qt6-qpa-plugins(,|$)" <<<"$depends" || fail "Depends lacks qt6-qpa-plugins"
grep -q qinfluxcore <<<"$depends" && fail "Depends names the package's own library"

contents=$(dpkg-deb -c "$deb" | awk '{ print $6 }')
libdir="./usr/$QINFLUX_LIBDIR"
for path in ./usr/bin/qinflux ./usr/bin/qinflux-explorer \
        "$libdir/libqinfluxcore.so.$QINFLUX_VERSION" "$libdir/libqinfluxcore.so.$QINFLUX_SOVERSION" "$libdir/libqinfluxcore.so" \
        "$libdir/cmake/QInflux/QInfluxConfig.cmake" ./usr/include/qinflux/QInflux/client.h ./usr/include/qinflux/QInflux/Client \
        "./usr/share/applications/$QINFLUX_APP_ID.desktop" "./usr/share/metainfo/$QINFLUX_APP_ID.metainfo.xml" \
        "./usr/share/icons/hicolor/scalable/apps/$QINFLUX_APP_ID.svg" "./usr/share/icons/hicolor/48x48/apps/$QINFLUX_APP_ID.png" \
        ./usr/share/man/man1/qinflux.1.gz ./usr/share/man/man1/qinflux-explorer.1.gz ./usr/share/doc/qinflux/copyright; do
    grep -qxF "$path" <<<"$contents" || fail "the .deb lacks $path"
done
grep -q '_p\.h$' <<<"$contents" && fail "the .deb holds private headers: $(grep '_p\.h$' <<<"$contents")"
grep -qv '^\./usr/' <<<"$contents" && fail "the .deb installs outside /usr: $(grep -v '^\./usr/' <<<"$contents" | head -3)"
grep -q '^\./shlibs$' <<<"$(dpkg-deb --ctrl-tarfile "$deb" | tar -t)" || fail "no shlibs control file"
echo "ok: control fields and $(wc -l <<<"$contents") paths"

dpkg-deb -x "$deb" "$work/root"
# Every library the packaged programs and library link directly (NEEDED; but their own) belongs
# to a package in Depends.
lib="$work/root/usr/$QINFLUX_LIBDIR"
for binary in "$work/root/usr/bin/qinflux" "$work/root/usr/bin/qinflux-explorer" "$lib/libqinfluxcore.so.$QINFLUX_VERSION"; do
    resolved=$(LD_LIBRARY_PATH="$lib" ldd "$binary")
    needed=$(readelf -d "$binary" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')
    [ -n "$needed" ] || fail "no NEEDED entries in $binary"
    for soname in $needed; do
        [ "$soname" = "libqinfluxcore.so.$QINFLUX_SOVERSION" ] && continue
        # The dynamic loader (NEEDED by code using thread_local): ldd lists it without "=>"; it is
        # libc6's, which libc.so.6 already requires in Depends.
        case "$soname" in ld-linux*) continue ;; esac
        path=$(awk -v so="$soname" '$1 == so && $2 == "=>" { print $3 }' <<<"$resolved")
        [ -e "$path" ] || fail "$binary needs $soname, which is not found"
        owner=$(dpkg -S "$path" 2>/dev/null || dpkg -S "/usr$path" 2>/dev/null || dpkg -S "$(readlink -f "$path")" 2>/dev/null) \
            || fail "no package owns $path ($soname, needed by $binary)"
        package=${owner%%:*}
        grep -qE "(^|, )$(sed 's/[+.]/\\&/g' <<<"$package")( |,|$)" <<<"$depends" \
            || fail "$(basename "$binary") needs $soname from $package, which Depends lacks"
    done
done
echo "ok: every library the programs link is in Depends"
run_versions "$work/root/usr" "$work/root/usr/$QINFLUX_LIBDIR"
grep -q ', stripped' <<<"$(file "$work/root/usr/bin/qinflux")" || fail "the programs are not stripped"

#!/usr/bin/env bash
# What `cmake --install` wrote: programs, the shared library, the public headers (all of them,
# no private one, every include resolvable), the CMake package, icons, man pages that document
# every command and option the programs have, and the programs run and print the version.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
root="$QINFLUX_DESTDIR$QINFLUX_PREFIX"
lib="$root/$QINFLUX_LIBDIR"
inc="$root/$QINFLUX_INCLUDEDIR/qinflux"
data="$root/$QINFLUX_DATADIR"

# Programs and library: the SONAME, the development symlink, no RPATH in anything installed.
expect_file "$root/$QINFLUX_BINDIR/qinflux"
expect_file "$root/$QINFLUX_BINDIR/qinflux-explorer"
expect_file "$lib/libqinfluxcore.so.$QINFLUX_VERSION"
[ "$(readlink "$lib/libqinfluxcore.so.$QINFLUX_SOVERSION")" = "libqinfluxcore.so.$QINFLUX_VERSION" ] || fail "SONAME link"
[ "$(readlink "$lib/libqinfluxcore.so")" = "libqinfluxcore.so.$QINFLUX_SOVERSION" ] || fail "development link"
grep -q "Library soname: \[libqinfluxcore.so.$QINFLUX_SOVERSION\]" <<<"$(readelf -d "$lib/libqinfluxcore.so.$QINFLUX_VERSION")" \
    || fail "SONAME is not libqinfluxcore.so.$QINFLUX_SOVERSION"
for f in "$root/$QINFLUX_BINDIR/qinflux" "$root/$QINFLUX_BINDIR/qinflux-explorer" "$lib/libqinfluxcore.so.$QINFLUX_VERSION"; do
    ! grep -Eq "RPATH|RUNPATH" <<<"$(readelf -d "$f")" || fail "$f carries an RPATH: $(readelf -d "$f" | grep -E 'RPATH|RUNPATH')"
done
echo "ok: programs, libqinfluxcore.so.$QINFLUX_SOVERSION, no RPATH"

# Headers: exactly the public headers of core/, in their folders.
expected=$(cd "$QINFLUX_SOURCE_DIR/core" && find . -name '*.h' ! -name '*_p.h' | sort)
installed=$(cd "$inc" && find . -type f | sort)
[ "$expected" = "$installed" ] || fail "installed headers differ from core/'s public headers:
$(diff <(echo "$expected") <(echo "$installed"))"
for d in client frame lineprotocol results sandbox; do [ -d "$inc/$d" ] || fail "no include/qinflux/$d"; done
while IFS= read -r header; do
    dir=$(dirname "$inc/$header")
    while IFS= read -r included; do
        case "$included" in *_p.h) fail "$header includes the private header $included" ;; esac
        [ -f "$dir/$included" ] || [ -f "$inc/$included" ] || fail "$header includes \"$included\", which is not installed"
    done < <(sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/p' "$inc/$header")
done <<<"$installed"
echo "ok: $(wc -l <<<"$installed") public headers, none includes a private or missing one"

# The CMake package.
for f in QInfluxConfig.cmake QInfluxConfigVersion.cmake QInfluxTargets.cmake; do expect_file "$lib/cmake/QInflux/$f"; done
grep -q "PACKAGE_VERSION \"$QINFLUX_VERSION\"" "$lib/cmake/QInflux/QInfluxConfigVersion.cmake" || fail "package version"

# Desktop integration: the files (validated by their own tests) and icons in every size.
expect_file "$data/applications/$QINFLUX_APP_ID.desktop"
expect_file "$data/metainfo/$QINFLUX_APP_ID.metainfo.xml"
grep -q "<release version=\"$QINFLUX_VERSION\"" "$data/metainfo/$QINFLUX_APP_ID.metainfo.xml" || fail "metainfo release"
grep -q '<svg' "$data/icons/hicolor/scalable/apps/$QINFLUX_APP_ID.svg" || fail "scalable icon"
for size in $QINFLUX_ICON_SIZES; do
    png="$data/icons/hicolor/${size}x${size}/apps/$QINFLUX_APP_ID.png"
    expect_file "$png"
    [ "$(png_size "$png")" = "${size}x${size}" ] || fail "$png is $(png_size "$png"), not ${size}x${size}"
done
echo "ok: desktop file, metainfo, icons $QINFLUX_ICON_SIZES"

# Man pages: compressed, render without a warning, name the version, and document every command
# and every long option the programs' --help lists.
for page in qinflux qinflux-explorer; do
    man="$root/$QINFLUX_MANDIR/man1/$page.1.gz"
    expect_file "$man"
    warnings=$(zcat "$man" | groff -man -Tutf8 -ww -z 2>&1)
    [ -z "$warnings" ] || fail "$page.1: $warnings"
    grep -q "^\.TH .* \"QInflux $QINFLUX_VERSION\"" <<<"$(zcat "$man")" || fail "$page.1 does not name version $QINFLUX_VERSION"
    text=$(zcat "$man" | groff -man -Tutf8 2>/dev/null | sed 's/.\x08//g')
    help=$(LD_LIBRARY_PATH="$lib" QT_QPA_PLATFORM=offscreen "$root/$QINFLUX_BINDIR/$page" --help)
    for option in $(grep -oE '^ +(-[a-zA-Z], )?--[a-z-]+' <<<"$help" | grep -oE -- '--[a-z-]+'); do
        grep -qF -- "$option" <<<"$text" || fail "$page.1 does not document $option"
    done
    for command in $(sed -n '/^Commands:/,/^$/p' <<<"$help" | grep -oE '^  [a-z-]+' || true); do
        grep -qE -- "^ +$command( |$)" <<<"$text" || fail "$page.1 does not document the command $command"
    done
done
echo "ok: man pages"
expect_file "$root/$QINFLUX_DATADIR/doc/qinflux/copyright"

run_versions "$root" "$lib"

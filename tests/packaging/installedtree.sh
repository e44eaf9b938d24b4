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

# Headers: exactly the public list of core/CMakeLists.txt (written to the build tree as
# public-headers.txt), all in include/qinflux/QInflux/: no private header, nothing else; every file of
# core/*/QInflux/ is on the list; every header's includes resolve inside the installed tree or Qt.
list="$QINFLUX_BUILD_DIR/core/public-headers.txt"
expect_file "$list"
expected=$(sort "$list")
installed=$(cd "$inc" && find . -type f | sed 's|^\./||' | sort)
[ "$expected" = "$installed" ] || fail "installed headers differ from the public list:
$(diff <(echo "$expected") <(echo "$installed"))"
grep -q '_p\.h$' <<<"$installed" && fail "private headers installed: $(grep '_p\.h$' <<<"$installed")"
grep -qv '^QInflux/' <<<"$installed" && fail "headers outside QInflux/: $(grep -v '^QInflux/' <<<"$installed")"
sources=$(cd "$QINFLUX_SOURCE_DIR/core" && find . -path '*/QInflux/*' -type f | sed 's|^\./[a-z]*/||' | sort)
missing=$(comm -23 <(echo "$sources") <(echo "$installed"))
[ -z "$missing" ] || fail "core/*/QInflux/ headers missing from the public list: $missing"
for name in Client BlockingClient Point Frame QueryResult QueryCache CsvImportJob Sandbox; do
    [ -f "$inc/QInflux/$name" ] || fail "no forwarding header <QInflux/$name>"
done
while IFS= read -r header; do
    while IFS= read -r included; do
        case "$included" in *_p.h) fail "$header includes the private header $included" ;; esac
        [ -f "$inc/QInflux/$included" ] || [ -f "$inc/$included" ] || fail "$header includes \"$included\", which is not installed"
    done < <(sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/p' "$inc/$header")
    while IFS= read -r included; do
        [ -f "$inc/$included" ] || fail "$header includes <$included>, which is not installed"
    done < <(sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*<\(QInflux\/[^>]*\)>.*/\1/p' "$inc/$header")
done <<<"$installed"
echo "ok: $(wc -l <<<"$installed") public headers in QInflux/, none private, every include resolvable"

# Exported symbols: only the public API (hidden visibility): no detail:: symbol, no class of a
# private header.
exported=$(nm -D --defined-only -C "$lib/libqinfluxcore.so.$QINFLUX_VERSION")
ours=$(grep -E ' QInflux::' <<<"$exported" || true)
for internal in 'QInflux::([A-Za-z]+::)*detail::' 'LocalServer' 'FrameBuilder' 'checkLine' 'JsonDecoder::' 'HttpConnectionPool' 'CsvTimeParser'; do
    grep -Eq "$internal" <<<"$ours" && fail "the library exports internals ($internal): $(grep -E "$internal" <<<"$ours" | head -3)"
done
grep -q 'QInflux::Client::query' <<<"$exported" || fail "the library does not export QInflux::Client::query"
echo "ok: $(wc -l <<<"$exported") exported symbols, no internal one"

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

# Sourced by the packaging test scripts: strict mode and small helpers. Every path comes from the
# environment that tests/packaging/CMakeLists.txt sets.
set -euo pipefail

# Qt wants a private runtime directory.
export XDG_RUNTIME_DIR="$QINFLUX_WORK/xdg-runtime"
mkdir -p -m 700 "$XDG_RUNTIME_DIR"

fail() { echo "FAIL: $*" >&2; exit 1; }
# expect_file PATH: PATH exists (a file or a symlink to one).
expect_file() { [ -f "$1" ] || fail "missing: $1"; }
# expect_version NAME OUTPUT: OUTPUT is exactly "NAME <version>".
expect_version() {
    [ "$2" = "$1 $QINFLUX_VERSION" ] || fail "$1 --version printed \"$2\", expected \"$1 $QINFLUX_VERSION\""
    echo "ok: $2"
}
# png_size FILE: "WIDTHxHEIGHT" read from the PNG header (IHDR), or fails if FILE is not a PNG.
png_size() {
    [ "$(head -c 8 "$1" | od -An -tx1 | tr -d ' \n')" = "89504e470d0a1a0a" ] || fail "$1 is not a PNG"
    local w h
    w=$(od -An -tu1 -j16 -N4 "$1" | awk '{ print $1 * 16777216 + $2 * 65536 + $3 * 256 + $4 }')
    h=$(od -An -tu1 -j20 -N4 "$1" | awk '{ print $1 * 16777216 + $2 * 65536 + $3 * 256 + $4 }')
    echo "${w}x${h}"
}
# run_versions PREFIX LIBDIR: the two programs under PREFIX/bin print the version, with the
# library from PREFIX/LIBDIR (an unpacked tree: nothing is in the linker's search path).
run_versions() {
    local bin="$1/bin" lib="$2"
    expect_version qinflux "$(LD_LIBRARY_PATH="$lib" "$bin/qinflux" --version)"
    expect_version qinflux-explorer "$(LD_LIBRARY_PATH="$lib" QT_QPA_PLATFORM=offscreen "$bin/qinflux-explorer" --version)"
    grep -q "libqinfluxcore.so.$QINFLUX_SOVERSION => $lib/" <<<"$(LD_LIBRARY_PATH="$lib" ldd "$bin/qinflux")" \
        || fail "$bin/qinflux does not load libqinfluxcore from $lib"
}

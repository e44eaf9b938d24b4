#!/usr/bin/env bash
# tests/consumer, a project of its own, configured with CMAKE_PREFIX_PATH=<the DESTDIR prefix>:
# find_package(QInflux) must find the INSTALLED package, the program must link the installed
# library, and run the user guide's first example against a `qinflux sandbox` server.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
root="$QINFLUX_DESTDIR$QINFLUX_PREFIX"
build="$QINFLUX_WORK/consumer"
rm -rf "$build"
mkdir -p "$build"

launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
cmake -S "$QINFLUX_CONSUMER_SOURCE" -B "$build" -G Ninja -DCMAKE_PREFIX_PATH="$root" "${launcher[@]}" >"$build/configure.log" \
    || { cat "$build/configure.log"; fail "configuring the consumer"; }
grep -qx "QInflux_DIR:PATH=$root/$QINFLUX_LIBDIR/cmake/QInflux" "$build/CMakeCache.txt" \
    || fail "find_package(QInflux) did not find the installed package: $(grep QInflux_DIR "$build/CMakeCache.txt")"
cmake --build "$build" >"$build/build.log" || { cat "$build/build.log"; fail "building the consumer"; }
grep -q -- "-I$root/$QINFLUX_INCLUDEDIR/qinflux\|-isystem $root/$QINFLUX_INCLUDEDIR/qinflux" "$build/build.ninja" \
    || fail "the consumer is not compiled against the installed headers"
grep -q "libqinfluxcore.so.$QINFLUX_SOVERSION => $root/$QINFLUX_LIBDIR/" <<<"$(ldd "$build/consumer")" \
    || fail "the consumer does not load the installed library: $(ldd "$build/consumer" | grep qinflux)"
echo "ok: consumer built against $root"

# A sandbox server: its URL is the first line qinflux prints.
"$QINFLUX_CLI" sandbox >"$build/sandbox.out" 2>"$build/sandbox.err" &
sandbox=$!
trap 'kill "$sandbox" 2>/dev/null; wait "$sandbox" 2>/dev/null || true' EXIT
url=
for _ in $(seq 600); do
    url=$(head -n 1 "$build/sandbox.out")
    [ -n "$url" ] && break
    kill -0 "$sandbox" 2>/dev/null || { cat "$build/sandbox.err"; fail "qinflux sandbox exited"; }
    sleep 0.1
done
[ -n "$url" ] || fail "qinflux sandbox printed no URL within 60 s"

out=$("$build/consumer" "$url") || fail "consumer $url failed: $out"
echo "$out"
[ "$out" = "cpu_load_short value=0.64 time=1257894000000000000" ] || fail "unexpected output: $out"
# The point is really on the server: read it back with the command line client.
back=$("$QINFLUX_CLI" --url "$url" --db testdb query 'SELECT value FROM cpu_load_short')
grep -q "2009-11-10T23:00:00.*0.64" <<<"$back" || fail "qinflux does not read the point back: $back"
echo "ok: the user guide's first example ran against $url"

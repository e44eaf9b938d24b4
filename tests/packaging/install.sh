#!/usr/bin/env bash
# cmake --install of the build tree into the temporary DESTDIR the other packaging tests check.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
rm -rf "$QINFLUX_DESTDIR"
DESTDIR="$QINFLUX_DESTDIR" cmake --install "$QINFLUX_BUILD_DIR" >"$QINFLUX_WORK/install.log" \
    || { cat "$QINFLUX_WORK/install.log" >&2; fail "cmake --install"; }
echo "installed $(grep -c '^-- Installing' "$QINFLUX_WORK/install.log") files into $QINFLUX_DESTDIR$QINFLUX_PREFIX"

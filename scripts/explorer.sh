#!/usr/bin/env bash
# Command (a): install, build, and launch the explorer on the built-in sandbox (a private influxd
# with sample data). Extra arguments go to qinflux-explorer, e.g. --url http://host:8086 --db mydb.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${QINFLUX_BUILD_DIR:-$root/build}

bash "$root/scripts/build.sh"
explorer="$build/app/qinflux-explorer"
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
    echo "explorer: no display found (DISPLAY is not set); running under xvfb-run, where the window is" >&2
    echo "explorer: not visible. Use --query Q --screenshot FILE.png to see it, or run on a desktop." >&2
    exec xvfb-run -a -s "-screen 0 1280x1024x24" "$explorer" "$@"
fi
exec "$explorer" "$@"

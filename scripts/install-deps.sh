#!/usr/bin/env bash
# Installs every Debian 12 package that the build, the tests and the sandbox need.
# Idempotent: when everything is installed it only asks dpkg and returns at once.
set -euo pipefail

packages=(
    # build
    cmake ninja-build g++ pkg-config
    qt6-base-dev qt6-charts-dev libqt6opengl6-dev libgl-dev libxkbcommon-dev
    qcoro-qt6-dev zlib1g-dev libzstd-dev libfast-float-dev
    # the explorer keeps connection passwords and tokens in the OS keychain
    qtkeychain-qt6-dev
    # the icon's PNG sizes are rendered from its SVG at build time
    librsvg2-bin
    # run the explorer on a desktop (xcb platform plugin) and fonts for any platform
    qt6-qpa-plugins fonts-dejavu-core
    # the sandbox and the integration tests: a real InfluxDB 1.x server and its CLI
    influxdb influxdb-client
    # tests: GUI under a virtual X server, TLS certificates, raw HTTP checks
    xvfb xauth openssl curl ca-certificates
    # tests: the OS keychain path, gnome-keyring's Secret Service on a private D-Bus session
    dbus-daemon gnome-keyring
    # packaging tests: the .deb (cpack, dpkg-shlibdeps), desktop file and AppStream checks, man pages
    dpkg-dev file desktop-file-utils appstream groff-base binutils
    # the API documentation of the public headers
    doxygen
)

missing=()
for p in "${packages[@]}"; do
    status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
    [[ "$status" == "install ok installed" ]] || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi

echo "install-deps: installing ${missing[*]}" >&2
sudo=()
if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "install-deps: run as root (or install sudo)" >&2; exit 1; }
    sudo=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
# The influxdb package may start a system-wide server on port 8086; QInflux never uses it: the
# sandbox and the tests run their own private influxd on free loopback ports.

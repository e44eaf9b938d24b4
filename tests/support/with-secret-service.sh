#!/bin/sh
# Runs a command with a working Secret Service (the OS keychain QtKeychain uses on Linux): an
# unlocked gnome-keyring in a throw-away home, on the private D-Bus session this script must be
# started in:  dbus-run-session -- with-secret-service.sh COMMAND...
# The keyring goes away with the session; nothing touches the user's real keyring.
set -eu
HOME=$(mktemp -d)
XDG_DATA_HOME=$HOME/.local/share
export HOME XDG_DATA_HOME
trap 'rm -rf "$HOME"' EXIT
# --unlock reads the new login keyring's password from stdin and prints variables to export.
eval "$(printf 'test-keyring' | gnome-keyring-daemon --unlock --components=secrets | sed 's/^/export /')"
QINFLUX_TEST_SECRET_SERVICE=1 "$@"

#!/bin/sh
# with-keyring.sh PROGRAM [ARGS...]: runs PROGRAM on a D-Bus session bus of its own with a
# Secret Service (gnome-keyring-daemon) whose login keyring is created in a temporary home and
# unlocked with a test password. Fails when either is missing: the test must not pass without.
set -eu
command -v dbus-run-session >/dev/null || { echo "dbus-run-session is missing" >&2; exit 1; }
command -v gnome-keyring-daemon >/dev/null || { echo "gnome-keyring-daemon is missing" >&2; exit 1; }
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
mkdir -p "$home/data" "$home/run" "$home/config"
chmod 700 "$home/run"
HOME=$home XDG_DATA_HOME=$home/data XDG_RUNTIME_DIR=$home/run XDG_CONFIG_HOME=$home/config \
    dbus-run-session -- sh -c '
        # --unlock reads the password from standard input, creating the login keyring with it.
        printf %s "heron-test-password" | gnome-keyring-daemon --foreground --unlock \
            --components=secrets >/dev/null 2>&1 &
        daemon=$!
        # The daemon takes its bus name a moment later.
        for i in 1 2 3 4 5 6 7 8 9 10; do
            dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
                org.freedesktop.DBus.ListNames 2>/dev/null | grep -q org.freedesktop.secrets && break
            sleep 0.5
        done
        status=0
        "$@" || status=$?
        kill "$daemon" 2>/dev/null
        wait "$daemon" 2>/dev/null
        exit "$status"' sh "$@"

# Sourced by scripts/demo and scripts/screenshots: a local mail stack with the demo accounts alice
# and bob set up for Heron, all inside one temporary folder.
#   demo_build TOP                 builds heron in HERON_BUILD_DIR (default TOP/build/demo)
#   demo_start TOP                 starts the stack and writes Heron's settings; sets demo_dir
#   demo_stop TOP                  stops the stack and removes the folder (kept with HERON_DEMO_KEEP=1)
# Settings hold no password: the passwords go into a private file named by
# HERON_DEMO_PASSWORD_FILE, which Heron reads in place of the system keychain.

demo_build() {
    local top=$1
    demo_heron_build=${HERON_BUILD_DIR:-$top/build/demo}
    if [ ! -f "$demo_heron_build/CMakeCache.txt" ]; then
        echo "First build of Heron in $demo_heron_build: about 6 minutes of compiling on two" \
            "idle cores; later runs rebuild only what changed." >&2
        cmake -S "$top" -B "$demo_heron_build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
            -DHERON_BUILD_TESTS=ON -DHERON_BUILD_BENCH=OFF -DHERON_WARNINGS_AS_ERRORS=OFF >/dev/null
    fi
    cmake --build "$demo_heron_build" --parallel "$(nproc)" --target heron
    demo_heron="$demo_heron_build/app/heron"
}

demo_account() { # id display-name
    local id=$1 name=$2
    cat <<ACCOUNT
$id\\displayName=$name
$id\\address=$id@$demo_domain
$id\\userName=$id@$demo_domain
$id\\authMethod=auto
$id\\caFile=$(demo_env CA_FILE)
$id\\serverSavesSentMail=false
$id\\imap\\host=127.0.0.1
$id\\imap\\port=$(demo_env IMAP_TLS_PORT)
$id\\imap\\security=tls
$id\\smtp\\host=127.0.0.1
$id\\smtp\\port=$(demo_env SMTP_STARTTLS_PORT)
$id\\smtp\\security=starttls
$id\\identities\\size=1
$id\\identities\\1\\name=$name
$id\\identities\\1\\address=$id@$demo_domain
$id\\identities\\1\\signature=$name
$id\\identities\\1\\language=en_US
ACCOUNT
}

demo_env() { grep "^$1=" "$demo_dir/stack/stack.env" | cut -d= -f2-; }

demo_start() {
    local top=$1
    demo_dir=$(mktemp -d "${TMPDIR:-/tmp}/heron-demo.XXXXXX")
    # The stack's daemons run unprivileged and must reach their folders below this one.
    chmod 755 "$demo_dir"
    "$top/tests/mailstack/mailstack" start "$demo_dir/stack" >/dev/null
    demo_domain=$(demo_env DOMAIN)

    export XDG_CONFIG_HOME="$demo_dir/config" XDG_DATA_HOME="$demo_dir/data"
    export XDG_CACHE_HOME="$demo_dir/cache"
    mkdir -p "$XDG_CONFIG_HOME/Heron" "$XDG_DATA_HOME" "$XDG_CACHE_HOME"
    {
        printf '[General]\naccountOrder=alice, bob\n\n[accounts]\n'
        demo_account alice "Alice Liddell"
        demo_account bob "Bob Marley"
    } >"$XDG_CONFIG_HOME/Heron/heron.conf"

    export HERON_DEMO_PASSWORD_FILE="$demo_dir/passwords"
    local password
    password=$(demo_env PASSWORD)
    (umask 077 && printf 'alice=%s\nbob=%s\n' "$password" "$password" >"$HERON_DEMO_PASSWORD_FILE")
}

demo_stop() {
    local top=$1
    [ -n "${demo_dir:-}" ] || return 0
    "$top/tests/mailstack/mailstack" stop "$demo_dir/stack" >/dev/null 2>&1 || true
    [ "${HERON_DEMO_KEEP:-0}" = 1 ] || rm -rf "$demo_dir"
}

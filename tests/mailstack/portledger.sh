# shellcheck shell=bash
# Ports for the test servers, sourced by mailstack, smtpservers and cyrusstack.
#
# The test fixtures start several stacks at the same moment, and a server binds its port seconds
# after the port was chosen (Postfix starts after both Dovecots). A port that is merely free when
# chosen can therefore be chosen twice. Each choice is written to a ledger shared by every stack
# on the machine, under a lock, and no stack picks a port another stack holds there. A stack's
# claims go when it stops or starts again, or when its folder is removed.

PORT_LEDGER=${TMPDIR:-/tmp}/heron-test-ports

port_in_use() { [ -n "$(ss -Hltn "sport = :$1" 2>/dev/null)" ]; }
port_owner() { ss -Hltnp "sport = :$1" 2>/dev/null | grep -o "users:.*" | tr "\n" " "; }

# Runs "$@" with the ledger locked.
with_port_ledger() {
    local fd rc=0
    exec {fd}>>"$PORT_LEDGER.lock"
    flock -w 60 "$fd" || die "another stack held $PORT_LEDGER.lock for a minute"
    touch "$PORT_LEDGER"
    "$@" || rc=$?
    exec {fd}>&-
    return $rc
}

# keep_live_claims [OWNER] (call through with_port_ledger): drops the claims of folders that no
# longer exist, and OWNER's.
keep_live_claims() {
    local port owner
    while read -r port owner; do
        [ -d "$owner" ] && [ "$owner" != "${1:-}" ] && echo "$port $owner"
    done <"$PORT_LEDGER" >"$PORT_LEDGER.new" || true
    mv "$PORT_LEDGER.new" "$PORT_LEDGER"
}

claim_free_ports() { # claim_free_ports OWNER COUNT [PORT...] (call through with_port_ledger)
    local owner=$1 count=$2 avoid p tries=0 picked=()
    shift 2
    avoid=" $* "
    keep_live_claims "$owner"
    while [ ${#picked[@]} -lt "$count" ]; do
        [ $tries -lt 2000 ] || die "could not find $count free ports in 20000-32767"
        tries=$((tries + 1))
        p=$((20000 + (RANDOM * 32768 + RANDOM) % 12768))
        case "$avoid" in *" $p "*) continue ;; esac
        grep -q "^$p " "$PORT_LEDGER" && continue # held by another stack
        port_in_use "$p" && continue
        picked+=("$p")
        avoid+="$p "
        echo "$p $owner" >>"$PORT_LEDGER"
    done
    echo "${picked[*]}"
}

# claim_ports OWNER COUNT [PORT...]: prints COUNT ports in 20000-32767 (below the usual ephemeral
# range), none listened on, held by another stack, or among the PORTs, and holds them for OWNER
# (a folder) in place of whatever it held before.
claim_ports() { with_port_ledger claim_free_ports "$@"; }

# release_ports OWNER: OWNER's ports are free for other stacks again.
release_ports() { with_port_ledger keep_live_claims "$1"; }

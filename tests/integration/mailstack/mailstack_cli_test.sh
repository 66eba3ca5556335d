#!/usr/bin/env bash
# Checks the mailstack script's behaviour on bad input, in its own temporary directory (never the
# CTest fixture's stack): start twice, stop twice, a taken port (caught before anything starts,
# and caught by a server after another one started), two stacks side by side, a stale stack
# whose Dovecot died, a stack made by another version, seeding, pinning to CPUs, and that stop
# leaves no process behind.
#   mailstack_cli_test.sh PATH/TO/mailstack [PATH/TO/mailstack-seed]
# With a built seeder the stacks use it instead of compiling their own.
set -u
MAILSTACK=${1:?usage: mailstack_cli_test.sh PATH/TO/mailstack [PATH/TO/mailstack-seed]}
SEEDER=${2:-}
WORK=$(mktemp -d /tmp/heron-mailstack-test.XXXXXX)
chmod 755 "$WORK" # the stack's daemons run unprivileged and must reach it
A="$WORK/a"
B="$WORK/b"
if [ -n "$SEEDER" ] && [ -x "$SEEDER" ]; then
    mkdir -p "$A/bin" "$B/bin"
    cp "$SEEDER" "$A/bin/mailstack-seed"
    cp "$SEEDER" "$B/bin/mailstack-seed"
fi
passed=0
failed=0

cleanup() {
    "$MAILSTACK" stop "$A" >/dev/null 2>&1
    "$MAILSTACK" stop "$B" >/dev/null 2>&1
    rm -rf "$WORK"
}
trap cleanup EXIT

ok() {
    echo "PASS: $*"
    passed=$((passed + 1))
}
bad() {
    echo "FAIL: $*"
    failed=$((failed + 1))
}
check() { # check DESCRIPTION COMMAND...
    local what=$1
    shift
    if "$@"; then ok "$what"; else bad "$what"; fi
}
run() { # run DIR-LABEL ARGS...: runs the script, keeps output in $out and status in $rc
    out=$("$MAILSTACK" "$@" 2>&1)
    rc=$?
    printf '%s\n' "$out" | sed 's/^/    | /'
}
envval() { sed -n "s/^$2=//p" "$1/stack.env"; }
instance() { printf 'heron-mailstack-%s' "$(printf '%s' "$(realpath -m "$1")" | cksum | cut -d' ' -f1)"; }
# Processes that belong to the stack in DIR: Dovecot's titles carry the instance name or the
# config path, Postfix's environment carries MAIL_CONFIG=DIR/postfix.
processes_of() {
    local dir inst
    dir=$(realpath -m "$1")
    inst=$(instance "$1")
    {
        ps -eo pid=,args= | grep -F -e "$inst/" -e "$dir/dovecot/dovecot.conf" | grep -v grep |
            awk '{print $1}'
        grep -lsaF "MAIL_CONFIG=$dir/postfix" /proc/[0-9]*/environ | cut -d/ -f3
    } | sort -u | tr '\n' ' '
}
count() { # count DOVEADM-COMMAND USER FOLDER: the number of messages
    $1 -f flow mailbox status -u "$2" messages "$3" 2>/dev/null | sed -n 's/.*messages=//p'
}
no_processes() { [ -z "$(processes_of "$1")" ]; }
greets() { # greets PORT: a plain IMAP or SMTP greeting arrives
    local line
    exec 3<>"/dev/tcp/127.0.0.1/$1" || return 1
    IFS= read -r -t 5 line <&3
    exec 3<&-
    [[ "$line" == "* OK"* || "$line" == 220* ]]
}

echo "== start A"
run start "$A"
check "start A succeeds" [ "$rc" -eq 0 ]
check "A/stack.env exists" [ -s "$A/stack.env" ]
keys=$(grep -v '^#' "$A/stack.env" | cut -d= -f1 | sort | tr '\n' ' ')
want="CATCHALL CA_FILE DOMAIN DOVEADM IMAP_OAUTH_PORT IMAP_STARTTLS_PORT IMAP_TLS_PORT OAUTH_INTROSPECTION_PORT PASSWORD SMTP_NEITHER_PORT SMTP_NOCHUNKING_PORT SMTP_NOPIPELINING_PORT SMTP_OAUTH_PORT SMTP_SENTCOPY_PORT SMTP_SIZE_LIMIT SMTP_STARTTLS_PORT SMTP_TLS_PORT TLS_NAME USERS "
check "stack.env has exactly the documented keys" [ "$keys" = "$want" ]
A_IMAP=$(envval "$A" IMAP_STARTTLS_PORT)
A_SMTPS=$(envval "$A" SMTP_TLS_PORT)
check "A's IMAP port greets" greets "$A_IMAP"
check "A's submission port greets" greets "$(envval "$A" SMTP_STARTTLS_PORT)"
A_PIDS=$(cat "$A/pids")
DOVEADM=$(envval "$A" DOVEADM)
check "seeded: alice INBOX has 200 messages" \
    [ "$(count "$DOVEADM" alice@example.test INBOX)" = 200 ]
check "seeded: alice Seeded1000 has 1000 messages" \
    [ "$(count "$DOVEADM" alice@example.test Seeded1000)" = 1000 ]
check "seeded: bob INBOX has messages" \
    [ "$(count "$DOVEADM" bob@example.test INBOX)" -gt 0 ]

echo "== start A again"
run start "$A"
check "second start exits 0" [ "$rc" -eq 0 ]
check "second start says it is already running" grep -q "already running" <<<"$out"
check "second start left the stack alone (same masters)" [ "$(cat "$A/pids")" = "$A_PIDS" ]
check "second start left the ports alone" [ "$(envval "$A" IMAP_STARTTLS_PORT)" = "$A_IMAP" ]
run status "$A"
check "status A exits 0" [ "$rc" -eq 0 ]

echo "== pin A"
# Dovecot's master starts one imap process per connection, which inherits its affinity.
allowed() { sed -n 's/^Cpus_allowed_list:\s*//p' "/proc/$(sed -n 's/^dovecot //p' "$A/pids")/status"; }
CPUS=$(nproc --all)
ALL="0-$((CPUS - 1))"
[ "$CPUS" -gt 1 ] || ALL=0
run pin "$A" 0
check "pin A to CPU 0 exits 0" [ "$rc" -eq 0 ]
check "A's Dovecot master runs on CPU 0 only" [ "$(allowed)" = 0 ]
run pin "$A" "$CPUS"
check "a CPU the machine lacks is refused" [ "$rc" -ne 0 ]
check "the message names the CPUs" grep -q "refused CPUs $CPUS" <<<"$out"
run pin "$A" all
check "pin A to all CPUs exits 0" [ "$rc" -eq 0 ]
check "A's Dovecot master may run on every CPU again" [ "$(allowed)" = "$ALL" ]
check "A still answers after pinning" greets "$A_IMAP"
run pin "$B" 0
check "pinning a stack that does not run fails" [ "$rc" -ne 0 ]

echo "== B with a port A holds (caught before anything starts)"
HERON_MAILSTACK_IMAP_PORT=$A_IMAP run start "$B"
check "start B on a taken port fails" [ "$rc" -ne 0 ]
check "the message names the taken port" grep -q "port $A_IMAP .*already taken" <<<"$out"
check "nothing of B runs" no_processes "$B"
check "B has no stack.env" [ ! -e "$B/stack.env" ]

echo "== B with a port A holds (caught by Postfix after Dovecot started)"
HERON_MAILSTACK_NO_PORT_CHECK=1 HERON_MAILSTACK_SMTP_TLS_PORT=$A_SMTPS run start "$B"
check "start B fails" [ "$rc" -ne 0 ]
check "the message names the port" grep -q "$A_SMTPS" <<<"$out"
check "B's Dovecot was stopped again: nothing of B runs" no_processes "$B"
check "B has no stack.env" [ ! -e "$B/stack.env" ]
check "A still answers" greets "$A_IMAP"

echo "== B with a port A holds (caught by Dovecot)"
HERON_MAILSTACK_NO_PORT_CHECK=1 HERON_MAILSTACK_IMAP_TLS_PORT=$(envval "$A" IMAP_TLS_PORT) run start "$B"
check "start B fails" [ "$rc" -ne 0 ]
check "the log lines are shown" grep -q "Address already in use" <<<"$out"
check "nothing of B runs" no_processes "$B"

echo "== A and B side by side"
run start "$B"
check "start B succeeds" [ "$rc" -eq 0 ]
B_PORTS=$(grep '_PORT=' "$B/stack.env" | cut -d= -f2 | sort | tr '\n' ' ')
A_PORTS=$(grep '_PORT=' "$A/stack.env" | cut -d= -f2 | sort | tr '\n' ' ')
common=$(comm -12 <(tr ' ' '\n' <<<"$A_PORTS" | sed '/^$/d') <(tr ' ' '\n' <<<"$B_PORTS" | sed '/^$/d'))
check "A and B share no port" [ -z "$common" ]
# Every port a stack chose is held in the ledger the stacks share, from before its servers bind
# until it stops: the introspection port too, which has no listener until a test's
# authorization server starts.
LEDGER=${TMPDIR:-/tmp}/heron-test-ports
for key in IMAP_STARTTLS_PORT SMTP_SENTCOPY_PORT OAUTH_INTROSPECTION_PORT; do
    check "A holds its $key in the ledger" grep -qx "$(envval "$A" $key) $A" "$LEDGER"
done
check "B's IMAP port greets" greets "$(envval "$B" IMAP_STARTTLS_PORT)"
check "A's IMAP port still greets" greets "$A_IMAP"
run status "$B"
check "status B exits 0" [ "$rc" -eq 0 ]

echo "== seed B"
run seed "$B" carol Projects/2024 250 --seed 7
check "seed exits 0" [ "$rc" -eq 0 ]
B_DOVEADM=$(envval "$B" DOVEADM)
check "carol's Projects/2024 has 250 messages" \
    [ "$(count "$B_DOVEADM" carol@example.test Projects/2024)" = 250 ]
run seed "$B" carol Projects/2024 50 --seed 7
check "seeding again adds (300 now)" \
    [ "$(count "$B_DOVEADM" carol@example.test Projects/2024)" = 300 ]
check "the manifest lists 300 messages" [ "$(wc -l <"$B/seed/carol/Projects_2024.tsv")" -eq 300 ]
first=$($B_DOVEADM fetch -u carol@example.test hdr.message-id mailbox Projects/2024 uid 1 | tr -d '\n')
check "UID 1 is the manifest's first message" grep -qF "$(head -1 "$B/seed/carol/Projects_2024.tsv" | cut -f2)" <<<"$first"
last=$($B_DOVEADM fetch -u carol@example.test hdr.message-id mailbox Projects/2024 uid 300 | tr -d '\n')
check "UID 300 is the manifest's last message" grep -qF "$(tail -1 "$B/seed/carol/Projects_2024.tsv" | cut -f2)" <<<"$last"
run seed "$B" mallory INBOX 5
check "seeding an unknown user fails" [ "$rc" -ne 0 ]

echo "== stop B twice"
run stop "$B"
check "stop B exits 0" [ "$rc" -eq 0 ]
check "no process of B is left" no_processes "$B"
check "B's stack.env is gone" [ ! -e "$B/stack.env" ]
check "B's ports are free for other stacks again" bash -c "! grep -q ' $B\$' '$LEDGER'"
run stop "$B"
check "second stop exits 0" [ "$rc" -eq 0 ]
check "second stop says nothing was running" grep -q "nothing was running" <<<"$out"
run status "$B"
check "status of a stopped stack exits non-zero" [ "$rc" -ne 0 ]
check "A survived B's stop" greets "$A_IMAP"

echo "== a stale A: its Dovecot died"
kill -KILL "$(sed -n 's/^dovecot //p' "$A/pids")"
sleep 0.5
run start "$A"
check "start on a stale stack exits 0" [ "$rc" -eq 0 ]
check "it said it cleaned up first" grep -q "stale" <<<"$out"
check "A answers again" greets "$(envval "$A" IMAP_STARTTLS_PORT)"

echo "== A made by another version of the script"
echo 0 >"$A/version"
before=$(cat "$A/pids")
run start "$A"
check "start exits 0" [ "$rc" -eq 0 ]
check "it restarted the stack instead of reusing it" grep -q "another version" <<<"$out"
check "new masters" [ "$(cat "$A/pids")" != "$before" ]
check "A answers" greets "$(envval "$A" IMAP_STARTTLS_PORT)"

echo "== stop A"
run stop "$A"
check "stop A exits 0" [ "$rc" -eq 0 ]
check "no process of A is left" no_processes "$A"
check "A's tmpfs mail store is gone" [ ! -e "/dev/shm/$(instance "$A")" ]

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]

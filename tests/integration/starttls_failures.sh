#!/usr/bin/env bash
# starttls_failures.sh -- -starttls against scripted servers (tests/integration/servers/fake_starttls.py):
# telnet's START_TLS option (no packaged server speaks it), replies split into 1-byte segments, IRC
# notices, and the hostile or broken cases: refusal, endless greeting, a 64 MiB line, silence until
# the deadline, reset, plaintext injected after the go-ahead. Each failure must exit 1 within the
# deadline, name what happened in one line, and print nothing as server data.
set -u
. "$(dirname "$0")/lib.sh"
. "$LIB_DIR/servers/real_servers.sh"

require_s_client
pki_dir >/dev/null || exit 1
P=$_LIB_PKI
CA=(-CAfile "$P/root.pem")

# got_tls_data FILE -- the scripted server's line over TLS is in FILE. Clients keep stdin open until
# then (at most 10 s), not for a fixed second: under ASan on a loaded machine the server's line can
# come later than one second after the client started.
got_tls_data() { grep -q '^hello from tls$' "$1" 2>/dev/null; }

# good NAME SCENARIO PROTO [ARGS...] -- the scripted server completes; we verify and show its TLS data.
good() {
    local name=$1 scenario=$2 proto=$3
    shift 3
    start_fake "$scenario" || return
    CLIENT_HOLD=10 CLIENT_HOLD_UNTIL="got_tls_data $RUN_DIR/$name.out" run_client "$name" -starttls "$proto" -connect "127.0.0.1:$FAKE_PORT" "${CA[@]}" "$@"
    expect_rc "$name: exit 0" "$RUN_DIR/$name" 0
    check_grep "$name: Verification: OK" '^Verification: OK$' "$RUN_DIR/$name.out"
    check_grep "$name: data over TLS reaches stdout" '^hello from tls$' "$RUN_DIR/$name.out"
}

# bad NAME SCENARIO PROTO ERE MAX_MS [ARGS...] -- exit 1 within MAX_MS, stderr's last line matches ERE,
# no TLS report, nothing of the server's plaintext on stdout.
bad() {
    local name=$1 scenario=$2 proto=$3 re=$4 max_ms=$5 t0 ms
    shift 5
    start_fake "$scenario" || return
    t0=$(date +%s%N)
    run_client "$name" -starttls "$proto" -connect "127.0.0.1:$FAKE_PORT" "${CA[@]}" "$@"
    ms=$((($(date +%s%N) - t0) / 1000000))
    expect_rc "$name: exit 1" "$RUN_DIR/$name" 1
    check "$name: one-line error naming it" grep -qE -- "$re" <(tail -n 1 "$RUN_DIR/$name.err")
    check "$name: stdout is only CONNECTED" test "$(grep -cv '^CONNECTED(' "$RUN_DIR/$name.out")" -eq 0
    check "$name: done in ${ms} ms (< ${max_ms})" test "$ms" -lt "$max_ms"
}

# --- telnet (RFC 2946), same exchange as openssl --------------------------------------------------
good telnet telnet telnet
start_fake telnet && CLIENT_HOLD=10 CLIENT_HOLD_UNTIL="got_tls_data $RUN_DIR/telnet.ref.out" run_openssl telnet.ref -starttls telnet -connect "127.0.0.1:$FAKE_PORT" "${CA[@]}"
start_fake telnet && CLIENT_HOLD=10 CLIENT_HOLD_UNTIL="got_tls_data $RUN_DIR/telnet.ours.out" run_client telnet.ours -starttls telnet -connect "127.0.0.1:$FAKE_PORT" "${CA[@]}"
# stdout differs only in order: the server writes at once, and we flush the report before peer data.
expect_same "telnet: same stderr as openssl s_client" "$RUN_DIR/telnet.ref" "$RUN_DIR/telnet.ours" err
check "telnet: same stdout lines as openssl s_client, order aside" \
    diff <(normalise "$RUN_DIR/telnet.ref.out" | sort) <(normalise "$RUN_DIR/telnet.ours.out" | sort)
bad telnet-wont telnet-refuse telnet '^s_client: STARTTLS telnet: expected IAC DO START_TLS \(ff fd 2e\), got ff fc 2e$' 5000

# --- robustness where openssl is fragile ----------------------------------------------------------
good smtp-split smtp-split smtp
check_grep "smtp-split: multi-line replies read whole, EHLO's last line echoed" '^250 CHUNKING' "$RUN_DIR/smtp-split.err"
check_grep "smtp-split: the server saw openssl's EHLO" "EHLO mail\.example\.com" "$FAKE_LOG.err"
good irc-notice irc-notice irc
check_grep "irc-notice: NOTICE and PING skipped, 670 echoed" ' 670 ' "$RUN_DIR/irc-notice.err"
good xmpp-split xmpp-split xmpp -xmpphost localhost

# --- refusals: the server's own reply ---------------------------------------------------------------
bad smtp-454 smtp-refuse smtp '^s_client: STARTTLS smtp: server refused STARTTLS: "454 4\.7\.0 TLS not available due to local problem"$' 5000
bad pop3-err pop3-refuse pop3 '^s_client: STARTTLS pop3: server refused STLS: "-ERR TLS support not configured"$' 5000
bad imap-bad imap-refuse imap '^s_client: STARTTLS imap: server refused STARTTLS: "\. BAD STARTTLS not available"$' 5000
check_grep "imap-bad: openssl's note when CAPABILITY lacks STARTTLS" "^Didn't find STARTTLS in server response, trying anyway\.\.\.$" "$RUN_DIR/imap-bad.err"
bad ftp-530 ftp-refuse ftp '^s_client: STARTTLS ftp: server refused AUTH TLS: "530 Please login with USER and PASS\."$' 5000
bad xmpp-error xmpp-hostunknown xmpp '^s_client: STARTTLS xmpp: stream error: host-unknown$' 5000
bad ldap-52 ldap-refuse ldap '^s_client: STARTTLS ldap: STARTTLS failed, LDAP Result Code: 52 \(TLS not configured\)$' 5000
bad mysql-nossl mysql-nossl mysql '^s_client: STARTTLS mysql: MySQL server does not support SSL\.$' 5000

# --- bounded -----------------------------------------------------------------------------------------
bad endless smtp-endless smtp '^s_client: STARTTLS smtp: greeting: more than 1048576 bytes before TLS$' 5000
bad longline smtp-longline smtp '^s_client: STARTTLS smtp: greeting: a line longer than 16384 bytes$' 5000
bad silence silence smtp '^s_client: STARTTLS smtp: greeting: timed out \(-connect_timeout\)$' 3500 -connect_timeout 2
bad reset reset smtp '^s_client: STARTTLS smtp: greeting: errno=104 \(Connection reset by peer\)$' 5000

# --- plaintext after the go-ahead is never shown as server data ----------------------------------------
bad inject smtp-inject smtp '^s_client: STARTTLS smtp: 37 bytes of plaintext after the go-ahead, before the TLS handshake \(injected\?\): "250 injected by a man in the middle"$' 5000
bad postgres-inject postgres-inject postgres '^s_client: STARTTLS postgres: 6 bytes of plaintext after the go-ahead' 5000
# Injected a moment later, the bytes reach the TLS layer instead: a handshake error, still no data.
start_fake smtp-inject-late
run_client inject-late -starttls smtp -connect "127.0.0.1:$FAKE_PORT" "${CA[@]}"
expect_rc "inject-late: exit 1" "$RUN_DIR/inject-late" 1
check_no_grep "inject-late: the injected line is not printed" 'injected' "$RUN_DIR/inject-late.out"

# --- -unix with STARTTLS -------------------------------------------------------------------------------
start_fake telnet "unix:$RUN_DIR/telnet.sock"
CLIENT_HOLD=10 CLIENT_HOLD_UNTIL="got_tls_data $RUN_DIR/telnet-unix.out" run_client telnet-unix -starttls telnet -unix "$RUN_DIR/telnet.sock" "${CA[@]}" -verify_hostname localhost
expect_rc "telnet over -unix: exit 0" "$RUN_DIR/telnet-unix" 0
check_grep "telnet over -unix: Verification: OK" '^Verification: OK$' "$RUN_DIR/telnet-unix.out"

finish

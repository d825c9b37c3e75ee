#!/usr/bin/env bash
# starttls_proxy.sh -- -proxy through a real HTTP CONNECT proxy (Debian's tinyproxy), with and without
# Basic authentication; -proxy_user/-proxy_pass with every pass-phrase source; IPv6 targets in
# brackets; a refused CONNECT reported with the proxy's status line; STARTTLS through the proxy; and
# the usage errors (exit 2).
set -u
. "$(dirname "$0")/lib.sh"
. "$LIB_DIR/servers/real_servers.sh"

require_s_client
pki_dir >/dev/null || exit 1
P=$_LIB_PKI
CA=(-CAfile "$P/root.pem")
PASS="pr0xy-$$-secret"

pki_server_args good
start_s_server TLS_PORT -www "${PKI_ARGS[@]}" || exit 1

ok_case() { # ok_case NAME ARGS... -- exit 0 and verified
    local name=$1
    shift
    CLIENT_HOLD=${HOLD:-0} run_client "$name" "$@"
    expect_rc "$name: exit 0" "$RUN_DIR/$name" 0
    check_grep "$name: Verification: OK" '^Verification: OK$' "$RUN_DIR/$name.out"
    check_no_grep "$name: the password is never printed" "$PASS" "$RUN_DIR/$name.out" 
    check_no_grep "$name: the password is never printed (stderr)" "$PASS" "$RUN_DIR/$name.err"
}

# --- no authentication -----------------------------------------------------------------------------
if start_tinyproxy; then
    echo "tinyproxy $(dpkg-query -W -f='${Version}' tinyproxy) started in $SRV_SECONDS s"
    OPEN_PROXY=$PROXY_PORT
    HOLD=1 ok_case proxy -proxy "127.0.0.1:$OPEN_PROXY" -connect "localhost:$TLS_PORT" "${CA[@]}" -verify_hostname localhost
    check_grep "proxy: SNI and name checks use the target, not the proxy" '^Verified peername: localhost$' "$RUN_DIR/proxy.out"
    CLIENT_HOLD=1 run_openssl proxy.ref -proxy "127.0.0.1:$OPEN_PROXY" -connect "localhost:$TLS_PORT" "${CA[@]}" -verify_hostname localhost
    expect_same "proxy: same output as openssl s_client" "$RUN_DIR/proxy.ref" "$RUN_DIR/proxy"

    # IPv6 target: openssl 3.0 sends "CONNECT ::1:PORT", which a proxy cannot parse; we bracket it.
    if S_SERVER_HOST=::1 start_s_server TLS6_PORT -www "${PKI_ARGS[@]}" 2>/dev/null; then
        ok_case proxy-v6 -proxy "127.0.0.1:$OPEN_PROXY" -connect "[::1]:$TLS6_PORT" "${CA[@]}"
    else
        echo "note: no IPv6 loopback here; the bracketed-target case is skipped"
    fi

    # STARTTLS through the proxy (the greeting may arrive with the proxy's reply: nothing is lost).
    if start_fake smtp-split; then
        ok_case proxy-smtp -proxy "127.0.0.1:$OPEN_PROXY" -connect "127.0.0.1:$FAKE_PORT" -starttls smtp "${CA[@]}"
    fi

    # The proxy cannot reach the target: its status line is reported.
    dead=$(free_port)
    run_client proxy-502 -proxy "127.0.0.1:$OPEN_PROXY" -connect "127.0.0.1:$dead" "${CA[@]}"
    expect_rc "proxy, target refused: exit 1" "$RUN_DIR/proxy-502" 1
    check_grep "proxy, target refused: the proxy's status line" '^s_client: HTTP CONNECT failed: proxy answered "HTTP/1\.[01] 5[0-9][0-9] ' "$RUN_DIR/proxy-502.err"
else
    echo "note: tinyproxy cannot run here; proxy cases without authentication skipped"
fi

# --- Basic authentication ----------------------------------------------------------------------------
if start_tinyproxy alice "$PASS"; then
    AUTH=(-proxy "127.0.0.1:$PROXY_PORT" -connect "localhost:$TLS_PORT" "${CA[@]}" -proxy_user alice)
    HOLD=1 ok_case auth-pass "${AUTH[@]}" -proxy_pass "pass:$PASS"
    PROXY_SECRET=$PASS ok_case auth-env "${AUTH[@]}" -proxy_pass env:PROXY_SECRET
    printf '%s\nsecond line ignored\n' "$PASS" >"$RUN_DIR/pass.txt"
    ok_case auth-file "${AUTH[@]}" -proxy_pass "file:$RUN_DIR/pass.txt"
    # fd: and stdin read the first line only.
    run_client auth-fd "${AUTH[@]}" -proxy_pass fd:7 7<"$RUN_DIR/pass.txt"
    expect_rc "auth-fd: exit 0" "$RUN_DIR/auth-fd" 0
    CLIENT_STDIN=$RUN_DIR/pass.txt run_client auth-stdin "${AUTH[@]}" -proxy_pass stdin
    expect_rc "auth-stdin: exit 0" "$RUN_DIR/auth-stdin" 0
    CLIENT_HOLD=1 run_openssl auth.ref "${AUTH[@]}" -proxy_pass "pass:$PASS"
    expect_same "auth: same output as openssl s_client" "$RUN_DIR/auth.ref" "$RUN_DIR/auth-pass"

    run_client auth-wrong "${AUTH[@]}" -proxy_pass pass:wrong
    expect_rc "wrong password: exit 1" "$RUN_DIR/auth-wrong" 1
    # tinyproxy answers 401 where RFC 9110 says 407; we report whatever it says.
    check_grep "wrong password: the proxy's status line" '^s_client: HTTP CONNECT failed: proxy answered "HTTP/1\.[01] 40[17] ' "$RUN_DIR/auth-wrong.err"
    run_client auth-none -proxy "127.0.0.1:$PROXY_PORT" -connect "localhost:$TLS_PORT" "${CA[@]}"
    expect_rc "no credentials: exit 1" "$RUN_DIR/auth-none" 1
    check_grep "no credentials: the proxy's status line" '^s_client: HTTP CONNECT failed: proxy answered "HTTP/1\.[01] 40[17] ' "$RUN_DIR/auth-none.err"
else
    echo "note: tinyproxy cannot run here; proxy authentication cases skipped"
fi

# --- usage errors (exit 2; openssl's wording) -------------------------------------------------------------
run_client noconnect -proxy 127.0.0.1:1
expect_rc "-proxy without a target: exit 2" "$RUN_DIR/noconnect" 2
check_grep "-proxy without a target: openssl's message" '^s_client: -proxy requires use of -connect or target parameter$' "$RUN_DIR/noconnect.err"
run_client nouser -proxy 127.0.0.1:1 -connect a:1 -proxy_pass pass:x
expect_rc "-proxy_pass without -proxy_user: exit 2" "$RUN_DIR/nouser" 2
check_grep "-proxy_pass without -proxy_user: openssl's message" '^Error: Must specify proxy_user with proxy_pass$' "$RUN_DIR/nouser.err"
run_client badsrc -proxy 127.0.0.1:1 -connect a:1 -proxy_user u -proxy_pass "$PASS"
expect_rc "bad pass source: exit 2" "$RUN_DIR/badsrc" 2
check_grep "bad pass source: openssl's message" "^Invalid password argument, missing ':' within the first 5 chars$" "$RUN_DIR/badsrc.err"
check_no_grep "bad pass source: the argument is not echoed" "$PASS" "$RUN_DIR/badsrc.err"
run_client noenv -proxy 127.0.0.1:1 -connect a:1 -proxy_user u -proxy_pass env:NO_SUCH_VAR_$$
expect_rc "missing env var: exit 2" "$RUN_DIR/noenv" 2
check_grep "missing env var: openssl's message" "^No environment variable NO_SUCH_VAR_$$" "$RUN_DIR/noenv.err"

finish

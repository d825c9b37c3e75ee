#!/usr/bin/env bash
# valgrind_e2e.sh -- a handful of end-to-end runs under valgrind memcheck, each required to report
# zero errors (--error-exitcode) and no definite or indirect leak: a TLS 1.3 connection with its
# report, a failed required verification, a STARTTLS exchange, and a relay transfer of 1 MiB.
# Skipped (passes with a note) for sanitizer builds: valgrind cannot run an ASan binary.
set -u
. "$(dirname "$0")/lib.sh"
. "$LIB_DIR/servers/real_servers.sh"

require_s_client
read -r -a _cmd <<<"$S_CLIENT"
if ! command -v valgrind >/dev/null 2>&1; then
    echo "valgrind not installed (scripts/bootstrap.sh installs it)" >&2
    exit 1
fi
if ldd "$(command -v "${_cmd[0]}")" 2>/dev/null | grep -qE 'libasan|libubsan'; then
    echo "SKIP: $S_CLIENT is a sanitizer build; valgrind runs against the plain build"
    _lib_record PASS "skipped for a sanitizer build"
    finish
fi
pki_dir >/dev/null || exit 1
P=$_LIB_PKI
CA=(-CAfile "$P/root.pem")
TLS_PEER=${TLS_PEER:-$(dirname "$(command -v "${_cmd[0]}")")/tls_peer}
CLIENT_TIMEOUT=90

VG=(valgrind -q --error-exitcode=99 --leak-check=full --show-leak-kinds=definite,indirect
    --errors-for-leak-kinds=definite,indirect --track-fds=no)

# vg NAME EXPECTED_RC ARGS... -- the client under valgrind; exit code EXPECTED_RC (99 = memcheck errors)
vg() {
    local name=$1 rc=$2
    shift 2
    S_CLIENT="${VG[*]} --log-file=$RUN_DIR/$name.vg $S_CLIENT" run_client "$name" "$@"
    expect_rc "$name: exit $rc under valgrind" "$RUN_DIR/$name" "$rc"
    check "$name: valgrind reports no errors" test ! -s "$RUN_DIR/$name.vg"
    [ -s "$RUN_DIR/$name.vg" ] && head -n 40 "$RUN_DIR/$name.vg"
    return 0
}

# 1. TLS 1.3 connection, verified, full report.
pki_server_args good
start_s_server port -www -tls1_3 "${PKI_ARGS[@]}" -cert_chain "$P/good.issuers.pem" || exit 1
vg tls13 0 -connect "127.0.0.1:$port" "${CA[@]}" -verify_hostname localhost -showcerts
check_grep "tls13: the report" '^Verification: OK$' "$RUN_DIR/tls13.out"

# 2. Verification required and failed (expired certificate).
pki_server_args expired
start_s_server port -www "${PKI_ARGS[@]}" || exit 1
vg verify-failed 3 -connect "127.0.0.1:$port" "${CA[@]}" -verify_return_error

# 3. STARTTLS (SMTP, replies split into 1-byte segments) with data over TLS.
start_fake smtp-split || exit 1
CLIENT_HOLD=3 vg starttls 0 -starttls smtp -connect "127.0.0.1:$FAKE_PORT" "${CA[@]}"
check_grep "starttls: data over TLS" '^hello from tls$' "$RUN_DIR/starttls.out"

# 4. Relay: 1 MiB from the server, byte-exact.
start_bg peer "$TLS_PEER" "$P/good.chain.pem" "$P/good.key" source 1048576
for _ in $(seq 1 100); do
    peer_port=$(head -n 1 "$LAST_LOG.out" 2>/dev/null)
    [ -n "$peer_port" ] && break
    sleep 0.05
done
CLIENT_HOLD=30 vg relay 0 -connect "127.0.0.1:$peer_port" "${CA[@]}" -quiet
check "relay: 1 MiB arrived" test "$(stat -c %s "$RUN_DIR/relay.out")" -eq 1048576

finish

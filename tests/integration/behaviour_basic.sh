#!/usr/bin/env bash
# behaviour_basic.sh -- what a user sees beyond the report: exit codes, usage errors, connect
# failures and deadlines, fail-closed verification (nothing from stdin reaches the server),
# address families, Unix sockets and the default trust store.
set -u
. "$(dirname "$0")/lib.sh"

require_s_client
pki_dir >/dev/null || exit 1
P=$_LIB_PKI
CA=(-CAfile "$P/root.pem")
SECRET="secret-payload-$$"
printf '%s\n' "$SECRET" >"$RUN_DIR/secret.txt"

# --- usage ---------------------------------------------------------------------------------------
run_client help -help
expect_rc "-help exits 0" "$RUN_DIR/help" 0
check_grep "-help goes to stderr in openssl's layout" '^Usage: s_client \[options\] \[host:port\]$' "$RUN_DIR/help.err"
check "-help prints nothing on stdout" test ! -s "$RUN_DIR/help.out"
check_grep "-help documents exit code 3" '^ 3  certificate verification failed' "$RUN_DIR/help.err"

run_client unknown -frobnicate
expect_rc "unknown option exits 2" "$RUN_DIR/unknown" 2
check "unknown option: openssl's two lines" diff <(printf 's_client: Unknown option: -frobnicate\ns_client: Use -help for summary.\n') "$RUN_DIR/unknown.err"

# Issue 7: every option of openssl 3.0's -help is implemented; none answers "not implemented yet".
notyet=0
while read -r opt kind; do
    case $kind in
        +int | int | intmax) val=(1024) ;;
        infile) val=(/dev/null) ;;
        outfile) val=("$RUN_DIR/notyet.outfile") ;;
        dir) val=(/) ;;
        PEM*) val=(PEM) ;;
        val | uri) val=(1) ;;
        *) val=() ;;
    esac
    run_client notyet -"$opt" "${val[@]}" -help
    if grep -q 'recognised but not implemented yet' "$RUN_DIR/notyet.err"; then
        echo "still not implemented: -$opt" >>"$RUN_DIR/notyet.list"
        notyet=1
    fi
done < <(sed -n 's/^ -\([A-Za-z0-9_-]*\) \([^ ]*\).*/\1 \2/p' "$REPO_ROOT/tests/unit/openssl-3.0-help.txt")
check "no option of openssl 3.0's -help is 'not implemented yet'" test "$notyet" = 0

run_client starttls -starttls nosuch
expect_rc "-starttls nosuch exits 2" "$RUN_DIR/starttls" 2
check_grep "-starttls nosuch lists the names" '^s_client: Value must be one of:$' "$RUN_DIR/starttls.err"
check_grep "-starttls nosuch lists ldap" "$(printf '^\tldap$')" "$RUN_DIR/starttls.err"

run_client badcipher -cipher NO-SUCH-CIPHER -connect 127.0.0.1:1
expect_rc "bad -cipher value exits 2 before connecting" "$RUN_DIR/badcipher" 2
check_grep "bad -cipher: openssl's message" '^Call to SSL_CONF_cmd\(-cipher, NO-SUCH-CIPHER\) failed$' "$RUN_DIR/badcipher.err"

run_client badcafile -CAfile "$RUN_DIR/no-such-file.pem" -connect 127.0.0.1:1
expect_rc "unreadable -CAfile exits 2" "$RUN_DIR/badcafile" 2

run_client badpurpose -purpose nosuch -connect 127.0.0.1:1
expect_rc "bad -purpose exits 2" "$RUN_DIR/badpurpose" 2
check_grep "bad -purpose: openssl's message" '^s_client: Invalid purpose nosuch$' "$RUN_DIR/badpurpose.err"

# --- connecting ----------------------------------------------------------------------------------
# DNS failure inside an empty network namespace: no query can leave the machine.
if unshare -n true 2>/dev/null; then
    S_CLIENT_BIN=${S_CLIENT%% *}
    timeout 10 unshare -n "$S_CLIENT_BIN" -connect nonexistent.invalid:443 </dev/null >"$RUN_DIR/dns.out" 2>"$RUN_DIR/dns.err"
    echo $? >"$RUN_DIR/dns.rc"
    expect_rc "DNS failure exits 1" "$RUN_DIR/dns" 1
    check "DNS failure: one line" test "$(wc -l <"$RUN_DIR/dns.err")" -eq 1
    check_grep "DNS failure names the host" '^connect:errno=0: cannot resolve nonexistent\.invalid port 443: ' "$RUN_DIR/dns.err"
else
    echo "note: unshare -n unavailable; DNS failure case skipped"
fi

# Nothing listens on localhost:4433 here (checked first): the default target fails at once.
if ! _port_in_use 4433; then
    start=$(date +%s%N)
    run_client default
    elapsed_ms=$(( ($(date +%s%N) - start) / 1000000 ))
    expect_rc "default localhost:4433, nothing listening: exit 1" "$RUN_DIR/default" 1
    check_grep "default target tries ::1 and 127.0.0.1" 'cannot connect to localhost port 4433 \(tried .*127\.0\.0\.1\): Connection refused$' "$RUN_DIR/default.err"
    check "default target fails at once (${elapsed_ms} ms < 5000)" test "$elapsed_ms" -lt 5000
fi

# With no host at all openssl sends SNI "localhost" to localhost:4433; so do we.
if ! _port_in_use 4433; then
    pki_server_args good
    start_bg sni4433 "$OPENSSL" s_server -accept 127.0.0.1:4433 -www -tlsextdebug "${PKI_ARGS[@]}"
    sni_pid=$LAST_PID sni_log=$LAST_LOG
    wait_port 127.0.0.1 4433 5
    run_client sni-default "${CA[@]}"
    stop_pid "$sni_pid"
    expect_rc "default target localhost:4433 connects" "$RUN_DIR/sni-default" 0
    check "default target sends SNI localhost" grep -aq -A1 'TLS client extension "server name"' "$sni_log.out"
    check_grep "default target: SNI value is localhost" '\.localhost' "$sni_log.out"
fi

# A server that accepts and never speaks: the handshake deadline ends it.
start_bg silent /usr/bin/python3 -c '
import socket, sys, time
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(8)
print(s.getsockname()[1], flush=True)
conns = []
deadline = time.time() + 60
while time.time() < deadline:
    s.settimeout(1)
    try:
        c, _ = s.accept(); conns.append(c)
    except socket.timeout:
        pass
'
for _ in $(seq 100); do [ -s "$LAST_LOG.out" ] && break; sleep 0.05; done
SILENT_PORT=$(head -n1 "$LAST_LOG.out")
start=$(date +%s%N)
run_client silent -connect "127.0.0.1:$SILENT_PORT" -connect_timeout 1
elapsed_ms=$(( ($(date +%s%N) - start) / 1000000 ))
expect_rc "silent server: -connect_timeout 1 exits 1" "$RUN_DIR/silent" 1
check_grep "silent server: says the handshake timed out" 'handshake timed out' "$RUN_DIR/silent.err"
check "silent server: ends within the deadline plus 1 s (${elapsed_ms} ms)" test "$elapsed_ms" -lt 2000
check_grep "silent server: CONNECTED was printed first" '^CONNECTED\(' "$RUN_DIR/silent.out"

# --- fail-closed verification ---------------------------------------------------------------------
# Plain (echo) s_server prints what it receives: the secret must never arrive with -verify N.
pki_server_args untrusted
start_s_server port "${PKI_ARGS[@]}"
srv_log=$LAST_LOG srv_pid=$LAST_PID
CLIENT_STDIN=$RUN_DIR/secret.txt run_client failclosed -connect "127.0.0.1:$port" "${CA[@]}" -verify 1
stop_pid "$srv_pid"
expect_rc "-verify 1, untrusted chain: exit 3" "$RUN_DIR/failclosed" 3
check_grep "-verify 1: the full report is printed" '^Verification error: unable to get local issuer certificate$' "$RUN_DIR/failclosed.out"
check_grep "-verify 1: says why it stops" 'certificate verification failed .*closing without sending data' "$RUN_DIR/failclosed.err"
check_no_grep "-verify 1: no stdin byte reached the server" "$SECRET" "$srv_log.out"

# Control: the same without -verify sends the data (the check above can fail).
start_s_server port "${PKI_ARGS[@]}"
srv_log=$LAST_LOG srv_pid=$LAST_PID
CLIENT_STDIN=$RUN_DIR/secret.txt run_client failopen -connect "127.0.0.1:$port" "${CA[@]}"
for _ in $(seq 50); do grep -q "$SECRET" "$srv_log.out" && break; sleep 0.05; done
stop_pid "$srv_pid"
expect_rc "no -verify, untrusted chain: exit 0" "$RUN_DIR/failopen" 0
check_grep "no -verify: the data reached the server" "$SECRET" "$srv_log.out"

pki_server_args expired
start_s_server port "${PKI_ARGS[@]}"
srv_log=$LAST_LOG srv_pid=$LAST_PID
CLIENT_STDIN=$RUN_DIR/secret.txt run_client vre -connect "127.0.0.1:$port" "${CA[@]}" -verify_return_error
stop_pid "$srv_pid"
expect_rc "-verify_return_error, expired: exit 3" "$RUN_DIR/vre" 3
check_grep "-verify_return_error: openssl's error line" 'certificate verify failed' "$RUN_DIR/vre.err"
check_no_grep "-verify_return_error: nothing reached the server" "$SECRET" "$srv_log.out"

pki_server_args good
start_s_server port "${PKI_ARGS[@]}"
srv_log=$LAST_LOG srv_pid=$LAST_PID
CLIENT_STDIN=$RUN_DIR/secret.txt run_client verifyok -connect "127.0.0.1:$port" "${CA[@]}" -verify 2 -verify_hostname localhost
for _ in $(seq 50); do grep -q "$SECRET" "$srv_log.out" && break; sleep 0.05; done
stop_pid "$srv_pid"
expect_rc "-verify 2, trusted chain: exit 0" "$RUN_DIR/verifyok" 0
check_grep "-verify 2, trusted: data sent" "$SECRET" "$srv_log.out"
check_grep "-verify 2: verify depth line" '^verify depth is 2$' "$RUN_DIR/verifyok.err"

# Every bad certificate, on both protocol versions: -verify 1 exits 3 and sends nothing.
for kind in expired notyet wronghost selfsigned untrusted incomplete; do
    for ver in -tls1_2 -tls1_3; do
        pki_server_args "$kind"
        start_s_server port "${PKI_ARGS[@]}"
        srv_log=$LAST_LOG srv_pid=$LAST_PID
        extra=()
        [ "$kind" = wronghost ] && extra=(-verify_hostname localhost)
        CLIENT_STDIN=$RUN_DIR/secret.txt run_client "fc-$kind$ver" -connect "127.0.0.1:$port" "${CA[@]}" \
            -verify 1 "$ver" "${extra[@]}"
        stop_pid "$srv_pid"
        expect_rc "$kind $ver -verify 1: exit 3" "$RUN_DIR/fc-$kind$ver" 3
        check_grep "$kind $ver -verify 1: report printed" '^Verification error: ' "$RUN_DIR/fc-$kind$ver.out"
        check_no_grep "$kind $ver -verify 1: nothing sent" "$SECRET" "$srv_log.out"
    done
done

# --- addresses -------------------------------------------------------------------------------------
pki_server_args good
start_s_server port -www "${PKI_ARGS[@]}"
run_client positional "${CA[@]}" "127.0.0.1:$port"
expect_rc "positional host:port connects" "$RUN_DIR/positional" 0
check_grep "positional: verification OK" '^Verification: OK$' "$RUN_DIR/positional.out"

run_client hostport -host 127.0.0.1 -port "$port" "${CA[@]}"
expect_rc "-host/-port connect" "$RUN_DIR/hostport" 0

# localhost resolves to ::1 and 127.0.0.1; the server is only on 127.0.0.1: the next address is tried.
run_client localhost -connect "localhost:$port" "${CA[@]}"
expect_rc "localhost: every resolved address tried in turn" "$RUN_DIR/localhost" 0

run_client bind -connect "127.0.0.1:$port" -bind 127.0.0.1:0 "${CA[@]}"
expect_rc "-bind 127.0.0.1:0" "$RUN_DIR/bind" 0

SSL_CERT_FILE=$P/root.pem run_client certfile -connect "127.0.0.1:$port"
expect_rc "SSL_CERT_FILE: exit 0" "$RUN_DIR/certfile" 0
check_grep "SSL_CERT_FILE is the default trust store" '^Verification: OK$' "$RUN_DIR/certfile.out"
SSL_CERT_FILE=$P/root.pem run_client nocafile -connect "127.0.0.1:$port" -no-CAfile
check_grep "-no-CAfile ignores SSL_CERT_FILE" '^Verification error: unable to get local issuer certificate$' "$RUN_DIR/nocafile.out"

if S_SERVER_HOST=::1 start_s_server port6 -www "${PKI_ARGS[@]}" 2>/dev/null; then
    run_client v6 -connect "[::1]:$port6" "${CA[@]}"
    expect_rc "IPv6 literal [::1]:port" "$RUN_DIR/v6" 0
    run_client v6only4 -connect "[::1]:$port6" -4 "${CA[@]}"
    expect_rc "-4 with an IPv6 address fails" "$RUN_DIR/v6only4" 1
    run_client v6only6 -connect "[::1]:$port6" -6 "${CA[@]}"
    expect_rc "-6 reaches the IPv6 server" "$RUN_DIR/v6only6" 0
else
    echo "note: no IPv6 loopback here; IPv6 cases skipped"
fi

# s_server -unix does not work in every sandbox; a small forwarder puts the
# TCP server behind a Unix socket instead.
sock=$RUN_DIR/s.sock
start_bg unixsrv /usr/bin/python3 "$LIB_DIR/unix_forwarder.py" "$sock" 127.0.0.1 "$port"
for _ in $(seq 100); do [ -S "$sock" ] && break; sleep 0.05; done
run_client unix -unix "$sock" "${CA[@]}"
expect_rc "-unix socket" "$RUN_DIR/unix" 0
check_grep "-unix: handshake done" '^Verification: OK$' "$RUN_DIR/unix.out"

finish

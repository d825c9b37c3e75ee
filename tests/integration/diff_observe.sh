#!/usr/bin/env bash
# diff_observe.sh -- differential tests of the debug and inspection options (-state, -msg, -msgfile,
# -trace, -debug, -tlsextdebug, -security_debug[_verbose], -status, -ct, -keymatexport, -nbio,
# -nbio_test, -prexit, -showcerts, -brief) against /usr/bin/openssl s_client, on TLS 1.2 and 1.3;
# plus the checks that cannot be differential: -keylogfile secrets against the server's own key log,
# -nbio_test moving 16 MiB byte-exact, -prexit after a connect failure, the failed-handshake summary.
# Same harness as diff_basic.sh (see there for the stdin holding that makes TLS 1.3 tickets reliable);
# lib.sh's normalise masks only what legitimately varies in debug output (random bytes, keys,
# ciphertext, pointers).
set -u
. "$(dirname "$0")/lib.sh"

require_s_client
pki_dir >/dev/null || exit 1
P=$_LIB_PKI


# server_args KIND -- sets SARGS for a server kind: a PKI variant with -www, or
#   status-good / status-revoked: -status_file with the good / revoked OCSP response.
server_args() {
    case $1 in
        status-good)
            pki_server_args good || return 1
            SARGS=("${PKI_ARGS[@]}" -www -status_file "$P/good.ocsp.der")
            ;;
        status-revoked)
            pki_server_args revoked || return 1
            SARGS=("${PKI_ARGS[@]}" -www -status_file "$P/revoked.ocsp.der")
            ;;
        www)
            pki_server_args good || return 1
            SARGS=("${PKI_ARGS[@]}" -WWW)
            ;;
        *)
            [ -f "$P/$1.pem" ] || { echo "server_args: unknown server kind $1" >&2; return 1; }
            pki_server_args "$1" || return 1
            SARGS=("${PKI_ARGS[@]}" -www)
            ;;
    esac
}

. "$(dirname "$0")/differential.sh"

CA=(-CAfile "$P/root.pem")
printf 'hello from the test server\n' >"$RUN_DIR/www/hello.txt"
printf 'GET /hello.txt HTTP/1.0\r\n\r\n' >"$RUN_DIR/get-hello.txt"

# --- differential scenarios, TLS 1.3 and TLS 1.2 -----------------------------------------------------
for v in tls1_3 tls1_2; do
    sc "-state $v" good -- "${CA[@]}" -$v -state
    sc "-msg $v" good -- "${CA[@]}" -$v -msg
    sc "-msg -msgfile $v" good files=msgfile -- "${CA[@]}" -$v -msg -msgfile @FILE@
    sc "-trace $v" good -- "${CA[@]}" -$v -trace
    sc "-debug $v" good -- "${CA[@]}" -$v -debug
    sc "-tlsextdebug $v" good -- "${CA[@]}" -$v -tlsextdebug
    sc "-security_debug_verbose $v" good -- "${CA[@]}" -$v -security_debug_verbose
    sc "-status, no response $v" good -- "${CA[@]}" -$v -status
    sc "-status good $v" status-good -- "${CA[@]}" -$v -status
    sc "-status revoked $v" status-revoked -- "${CA[@]}" -$v -status
    sc "-keymatexport $v" good -- "${CA[@]}" -$v -keymatexport EXPERIMENTAL-test -keymatexportlen 32
    # Under -nbio openssl itself prints the TLS 1.3 ticket blocks before or after the summary,
    # depending on timing; on TLS 1.3 only stderr is compared.
    if [ "$v" = tls1_3 ]; then
        sc "-nbio $v" good block=1 cmp=err -- "${CA[@]}" -$v -nbio
    else
        sc "-nbio $v" good block=1 -- "${CA[@]}" -$v -nbio
    fi
    sc "-prexit $v" good -- "${CA[@]}" -$v -prexit
    sc "-showcerts $v" good -- "${CA[@]}" -$v -showcerts
    sc "-brief $v" good -- "${CA[@]}" -$v -brief
    sc "-brief ecdsa $v" good-ec -- "${CA[@]}" -$v -brief
done
printf 'enabled_logs =\n' >"$RUN_DIR/ctlog.cnf"
sc "-ct (no SCTs)" good -- "${CA[@]}" -ct -ctlogfile "$RUN_DIR/ctlog.cnf"
sc "-ct -noct" good -- "${CA[@]}" -ct -noct
sc "-ct, bad -ctlogfile" good rc=1 -- "${CA[@]}" -ct -ctlogfile "$RUN_DIR/no-such-file"
sc "-security_debug, weak level" good -- "${CA[@]}" -security_debug -cipher 'DEFAULT:@SECLEVEL=3' -tls1_2
sc "-state handshake failure" good rc=1 cmp=err -- "${CA[@]}" -state -tls1_2 -cipher ECDHE-ECDSA-AES128-GCM-SHA256
# -quiet implies -ign_eof: ask -WWW for a file, so that the server closes.
sc "-msg -quiet: -msg still on stdout" www hold=0 stdin="$RUN_DIR/get-hello.txt" -- "${CA[@]}" -msg -quiet -tls1_2
sc "-tlsextdebug -brief: nothing on stdout" good -- "${CA[@]}" -tlsextdebug -brief
sc "-msgfile unwritable" good rc=1 -- -msg -msgfile /nonexistent-dir/x
sc "-keylogfile unwritable" good rc=1 -- -keylogfile /nonexistent-dir/x

# --- failed handshake: no "Verification: OK" for a certificate never received ------------------------
sc "failed handshake summary" good ref=1 ours=1 cmp=err -- "${CA[@]}" -tls1_2 -cipher ECDHE-ECDSA-AES128-GCM-SHA256
if [ "$SELFTEST" = 0 ]; then
    o=$d_last.ours.out
    check_grep "failed handshake: (NONE) cipher line kept" '^New, \(NONE\), Cipher is \(NONE\)$' "$o"
    check_no_grep "failed handshake: no Verification: OK" '^Verification: OK$' "$o"
    check_no_grep "failed handshake: no Verify return code: 0 (ok)" 'Verify return code: 0 \(ok\)' "$o"
    check_grep "failed handshake: says nothing was verified" '^Verification: NONE \(no server certificate received\)$' "$o"
fi

# --- -keylogfile: NSS key log format, mode 0600, the same secrets the server logged ----------------------
for v in tls1_3 tls1_2; do
    pki_server_args good
    start_s_server port "${PKI_ARGS[@]}" -www -keylogfile "$RUN_DIR/keylog-server-$v.txt" || exit 1
    srv_log=$LAST_LOG srv_pid=$LAST_PID
    kl=$RUN_DIR/keylog-client-$v.txt
    CLIENT_HOLD=$HOLD_MAX CLIENT_HOLD_UNTIL="s_server_done $srv_log" \
        run_client "keylog-$v" -connect "127.0.0.1:$port" "${CA[@]}" -$v -keylogfile "$kl"
    stop_pid "$srv_pid"
    expect_rc "-keylogfile $v: exit 0" "$RUN_DIR/keylog-$v" 0
    check "-keylogfile $v: file mode 0600" test "$(stat -c %a "$kl")" = 600
    check "-keylogfile $v: header line first" test "$(head -n 1 "$kl")" = "# SSL/TLS secrets log file, generated by OpenSSL"
    check "-keylogfile $v: every line is NSS key log format" _lib_not grep -vqE \
        '^(# SSL/TLS secrets log file, generated by OpenSSL|(CLIENT_RANDOM|CLIENT_EARLY_TRAFFIC_SECRET|CLIENT_HANDSHAKE_TRAFFIC_SECRET|SERVER_HANDSHAKE_TRAFFIC_SECRET|CLIENT_TRAFFIC_SECRET_0|SERVER_TRAFFIC_SECRET_0|EXPORTER_SECRET|EARLY_EXPORTER_SECRET) [0-9a-f]{64} [0-9a-f]{64,})$' "$kl"
    if [ "$v" = tls1_3 ]; then want=5; else want=1; fi
    check "-keylogfile $v: $want secret line(s)" test "$(grep -vc '^#' "$kl")" -eq "$want"
    check "-keylogfile $v: same secrets as the server's log" \
        cmp <(grep -v '^#' "$kl" | sort) <(grep -v '^#' "$RUN_DIR/keylog-server-$v.txt" | sort)
done

# --- -nbio_test: 16 MiB (not differential: openssl s_client 3.0 itself hangs now and then under
# -nbio_test, and its output is the random retries) -----------------------------------------------------
# --- through the random-retry filter, both ways, byte-exact ------------------------
NBIO_BYTES=$((16 * 1024 * 1024))
head -c "$NBIO_BYTES" /dev/urandom >"$RUN_DIR/nbio-in.bin"
start_bg tls-echo python3 "$LIB_DIR/tls_echo.py" "$P/good.chain.pem" "$P/good.key" "$RUN_DIR/echo.port" "$NBIO_BYTES"
echo_pid=$LAST_PID
for _ in $(seq 1 250); do [ -s "$RUN_DIR/echo.port" ] && break; sleep 0.02; done
if [ -s "$RUN_DIR/echo.port" ]; then
    CLIENT_TIMEOUT=120 CLIENT_STDIN=$RUN_DIR/nbio-in.bin run_client nbio-test \
        -connect "127.0.0.1:$(cat "$RUN_DIR/echo.port")" "${CA[@]}" -nbio_test -quiet
    expect_rc "-nbio_test 16 MiB: exit 0" "$RUN_DIR/nbio-test" 0
    check "-nbio_test 16 MiB: SHA-256 of the echo equals the input" test \
        "$(sha256sum <"$RUN_DIR/nbio-in.bin" | cut -d' ' -f1)" = "$(sha256sum <"$RUN_DIR/nbio-test.out" | cut -d' ' -f1)"
else
    check "-nbio_test: echo server started" false
fi
stop_pid "$echo_pid"
rm -f "$RUN_DIR/nbio-in.bin" "$RUN_DIR/nbio-test.out"

# --- -prexit after a failed handshake: one summary (openssl prints two) ---------------------------------
sc "-prexit, failed handshake" good ref=1 ours=1 cmp=err -- "${CA[@]}" -prexit -tls1_2 -cipher ECDHE-ECDSA-AES128-GCM-SHA256
if [ "$SELFTEST" = 0 ]; then
    check "-prexit, failed handshake: openssl prints the summary twice" test "$(grep -c '^New, ' "$d_last.ref.out")" -eq 2
    check "-prexit, failed handshake: ours once" test "$(grep -c '^New, (NONE), Cipher is (NONE)$' "$d_last.ours.out")" -eq 1
fi

# --- -prexit after a connect failure: no summary -----------------------------------------------------
run_client prexit-closed -connect "127.0.0.1:$CLOSED_PORT" -prexit
expect_rc "-prexit, connect failure: exit 1" "$RUN_DIR/prexit-closed" 1
check "-prexit, connect failure: stdout empty" test ! -s "$RUN_DIR/prexit-closed.out"

finish

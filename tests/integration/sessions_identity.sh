#!/usr/bin/env bash
# sessions_identity.sh -- issue 5: resumption (-reconnect, -sess_out/-sess_in) on TLS 1.2 and 1.3
# against openssl s_server and gnutls-serv, 0-RTT, PSK, mutual TLS with every identity form and
# pass-phrase source, identity errors before connecting (exit 2), engines and providers; plus
# differential checks where openssl s_client's output is the reference (-reconnect on TLS 1.2,
# -sess_in summaries).
set -u
. "$(dirname "$0")/lib.sh"

require_s_client
pki_dir >/dev/null || exit 1
P=$_LIB_PKI
CA=(-CAfile "$P/root.pem")
GET=$RUN_DIR/get.txt
printf 'GET / HTTP/1.0\r\n\r\n' >"$GET"
PASS=test1234

count() { grep -c -- "$1" "$2" 2>/dev/null || true; }
# expect_count NAME N ERE FILE
expect_count() { check "$1 (want $2)" test "$(count "$3" "$4")" -eq "$2"; }

# start_gnutls PORTVAR ARGS... -- gnutls-serv on a free port (it binds every address; we use 127.0.0.1).
start_gnutls() {
    local _port
    _port=$(free_port) || return 1
    start_bg "gnutls.$_port" gnutls-serv -p "$_port" "${@:2}"
    wait_port 127.0.0.1 "$_port" 5 || return 1
    printf -v "$1" '%s' "$_port"
}

# --- resumption: -reconnect ----------------------------------------------------------------------
pki_server_args good
start_s_server SPORT "${PKI_ARGS[@]}" -www || exit 1
start_gnutls G12 --http -a --x509certfile "$P/good.chain.pem" --x509keyfile "$P/good.key" \
    --priority NORMAL:-VERS-ALL:+VERS-TLS1.2 || exit 1
start_gnutls G13 --http -a --x509certfile "$P/good.chain.pem" --x509keyfile "$P/good.key" \
    --priority NORMAL:-VERS-ALL:+VERS-TLS1.3 || exit 1

for server in "s_server:$SPORT:-tls1_2:TLSv1.2" "s_server:$SPORT:-tls1_3:TLSv1.3" \
    "gnutls:$G12::TLSv1.2" "gnutls:$G13::TLSv1.3"; do
    IFS=: read -r name port flag version <<<"$server"
    tag=reconnect-$name-$version
    run_client "$tag" -connect "127.0.0.1:$port" "${CA[@]}" -reconnect $flag
    expect_rc "$tag: exit 0" "$RUN_DIR/$tag" 0
    expect_count "$tag: six connections" 6 '^CONNECTED(' "$RUN_DIR/$tag.out"
    expect_count "$tag: five drops" 5 '^drop connection and then reconnect$' "$RUN_DIR/$tag.out"
    expect_count "$tag: the first is New, $version" 1 "^New, $version, " "$RUN_DIR/$tag.out"
    expect_count "$tag: connections 2-6 are Reused, $version" 5 "^Reused, $version, " "$RUN_DIR/$tag.out"
    expect_count "$tag: one full summary" 1 '^Server certificate$' "$RUN_DIR/$tag.out"
done

# openssl's own -reconnect output is the reference on TLS 1.2 (on TLS 1.3 it never resumes: bug #10714).
run_openssl ref-reconnect12 -connect "127.0.0.1:$SPORT" "${CA[@]}" -reconnect -tls1_2
run_client ours-reconnect12 -connect "127.0.0.1:$SPORT" "${CA[@]}" -reconnect -tls1_2
expect_same "diff: -reconnect -tls1_2 matches openssl" "$RUN_DIR/ref-reconnect12" "$RUN_DIR/ours-reconnect12"

# --- -sess_out / -sess_in, both ways, both servers, both versions --------------------------------
for server in "s_server:$SPORT:-tls1_2:TLSv1.2" "s_server:$SPORT:-tls1_3:TLSv1.3" \
    "gnutls:$G12::TLSv1.2" "gnutls:$G13::TLSv1.3"; do
    IFS=: read -r name port flag version <<<"$server"
    tag=sess-$name-$version
    # Ours writes the file with stdin at EOF at once: under TLS 1.3 it must still hold a ticket.
    run_client "$tag-out" -connect "127.0.0.1:$port" "${CA[@]}" $flag -sess_out "$RUN_DIR/$tag.ours.pem"
    check_grep "$tag: our -sess_out is a PEM session" '^-----BEGIN SSL SESSION PARAMETERS-----$' "$RUN_DIR/$tag.ours.pem"
    run_openssl "$tag-ref-in" -connect "127.0.0.1:$port" "${CA[@]}" $flag -sess_in "$RUN_DIR/$tag.ours.pem"
    check_grep "$tag: openssl resumes our -sess_out" "^Reused, $version, " "$RUN_DIR/$tag-ref-in.out"
    # openssl may exit before reading TLS 1.3 tickets at stdin EOF: hold its stdin a moment.
    CLIENT_HOLD=1 run_openssl "$tag-ref-out" -connect "127.0.0.1:$port" "${CA[@]}" $flag \
        -sess_out "$RUN_DIR/$tag.ref.pem"
    run_client "$tag-in" -connect "127.0.0.1:$port" "${CA[@]}" $flag -sess_in "$RUN_DIR/$tag.ref.pem"
    expect_rc "$tag: -sess_in exit 0" "$RUN_DIR/$tag-in" 0
    check_grep "$tag: we resume openssl's -sess_out" "^Reused, $version, " "$RUN_DIR/$tag-in.out"
    check_no_grep "$tag: no verification on resumption" '^depth=' "$RUN_DIR/$tag-in.err"
done

# The -sess_in summary against openssl's, on the same session file (TLS 1.2: it prints the session).
f=$RUN_DIR/sess-s_server-TLSv1.2.ref.pem
run_openssl ref-sessin -connect "127.0.0.1:$SPORT" "${CA[@]}" -tls1_2 -sess_in "$f"
run_client ours-sessin -connect "127.0.0.1:$SPORT" "${CA[@]}" -tls1_2 -sess_in "$f"
expect_same "diff: -sess_in summary matches openssl" "$RUN_DIR/ref-sessin" "$RUN_DIR/ours-sessin"

run_client sessin-missing -connect "127.0.0.1:$SPORT" -sess_in "$RUN_DIR/no-such.pem"
expect_rc "-sess_in missing file: exit 2" "$RUN_DIR/sessin-missing" 2
check_grep "-sess_in missing file: openssl's message" "^Can't open session file $RUN_DIR/no-such.pem$" "$RUN_DIR/sessin-missing.err"
run_client sessin-garbage -connect "127.0.0.1:$SPORT" -sess_in "$P/good.pem"
expect_rc "-sess_in not a session: exit 2" "$RUN_DIR/sessin-garbage" 2
run_client sessout-bad -connect "127.0.0.1:$SPORT" "${CA[@]}" -sess_out "$RUN_DIR/no/such/dir.pem"
check_grep "-sess_out unwritable: openssl's message" "^Error writing session file $RUN_DIR/no/such/dir.pem$" "$RUN_DIR/sessout-bad.err"

# --- 0-RTT -------------------------------------------------------------------------------------------
start_s_server EPORT "${PKI_ARGS[@]}" -early_data -max_early_data 16384 || exit 1
elog=$LAST_LOG
run_client ed-first -connect "127.0.0.1:$EPORT" "${CA[@]}" -sess_out "$RUN_DIR/ed.pem"
printf 'early-bytes-%s\n' "$$" >"$RUN_DIR/early.txt"
run_client ed-second -connect "127.0.0.1:$EPORT" "${CA[@]}" -sess_in "$RUN_DIR/ed.pem" -early_data "$RUN_DIR/early.txt"
expect_rc "0-RTT: exit 0" "$RUN_DIR/ed-second" 0
check_grep "0-RTT: Early data was accepted" '^Early data was accepted$' "$RUN_DIR/ed-second.out"
check_grep "0-RTT: the server got the early data" "early-bytes-$$" "$elog.out"
run_client ed-nofile -connect "127.0.0.1:$EPORT" -early_data "$RUN_DIR/no-such.txt"
expect_rc "-early_data unreadable: exit 2" "$RUN_DIR/ed-nofile" 2

# --- PSK ---------------------------------------------------------------------------------------------
start_s_server PSKPORT -psk 0a1b2c3d4e5f -nocert -www || exit 1
CLIENT_STDIN=$GET run_client psk13 -connect "127.0.0.1:$PSKPORT" -psk 0a1b2c3d4e5f
check_grep "-psk TLS 1.3: the page" '^HTTP/1.0 200 ok' "$RUN_DIR/psk13.out"
CLIENT_STDIN=$GET run_client psk12 -connect "127.0.0.1:$PSKPORT" -psk 0a1b2c3d4e5f -tls1_2 -cipher PSK
check_grep "-psk TLS 1.2: a PSK suite" '^New, TLSv1.2, Cipher is .*PSK' "$RUN_DIR/psk12.out"
run_client psk-bad -psk xyz
expect_rc "-psk not hex: exit 2" "$RUN_DIR/psk-bad" 2
check "-psk not hex: openssl's message" diff <(echo "Not a hex number 'xyz'") "$RUN_DIR/psk-bad.err"

# --- mutual TLS --------------------------------------------------------------------------------------
start_s_server MPORT "${PKI_ARGS[@]}" -Verify 1 -verify_return_error -CAfile "$P/root.pem" -www || exit 1
start_gnutls GM --http --require-client-cert --verify-client-cert --x509cafile "$P/root.pem" \
    --x509certfile "$P/good.chain.pem" --x509keyfile "$P/good.key" || exit 1
printf '%s\n' "$PASS" >"$RUN_DIR/pass.txt"
{ printf '%s\n' "$PASS"; cat "$GET"; } >"$RUN_DIR/pass-then-get.txt"
export SC_TEST_PASS=$PASS
CHAIN=(-cert_chain "$P/client.issuers.pem")

# mtls NAME EXPECTED-RC ARGS... -- GET / from both servers with this identity.
mtls() {
    local name=$1 want=$2 srv port
    shift 2
    for srv in "s_server:$MPORT" "gnutls:$GM"; do
        port=${srv#*:}
        CLIENT_STDIN=${MTLS_STDIN:-$GET} run_client "mtls-$name-${srv%%:*}" -connect "127.0.0.1:$port" "${CA[@]}" "$@"
        expect_rc "mTLS $name (${srv%%:*}): exit $want" "$RUN_DIR/mtls-$name-${srv%%:*}" "$want"
        if [ "$want" = 0 ]; then
            check_grep "mTLS $name (${srv%%:*}): the page" '^HTTP/1.0 200 ' "$RUN_DIR/mtls-$name-${srv%%:*}.out"
        fi
    done
}
mtls pem 0 -cert "$P/client.pem" -key "$P/client.key" "${CHAIN[@]}"
mtls der 0 -cert "$P/client.der" -certform DER -key "$P/client.key.der" -keyform DER "${CHAIN[@]}"
mtls p12 0 -cert "$P/client.p12" -certform P12 -pass "pass:$PASS"
mtls pass-pass 0 -cert "$P/client.pem" -key "$P/client.enc.key" -pass "pass:$PASS" "${CHAIN[@]}"
mtls pass-env 0 -cert "$P/client.pem" -key "$P/client.enc.key" -pass env:SC_TEST_PASS "${CHAIN[@]}"
mtls pass-file 0 -cert "$P/client.pem" -key "$P/client.enc.key.der" -pass "file:$RUN_DIR/pass.txt" "${CHAIN[@]}"
MTLS_STDIN=$RUN_DIR/pass-then-get.txt mtls pass-stdin 0 -cert "$P/client.pem" -key "$P/client.enc.key" -pass stdin "${CHAIN[@]}"
cat "$P/int.pem" "$P/root.pem" >"$RUN_DIR/cas.pem"
mtls build-chain 0 -cert "$P/client.pem" -key "$P/client.key" -chainCAfile "$RUN_DIR/cas.pem" -build_chain
# fd: needs a descriptor the harness does not open; the wrapper opens it and execs the client.
fd_run() {
    local name=$1 port=$2
    timeout -k 2 20 bash -c 'exec "$@" 3<"$0"' "$RUN_DIR/pass.txt" ${S_CLIENT} -connect "127.0.0.1:$port" "${CA[@]}" \
        -cert "$P/client.pem" -key "$P/client.enc.key" -pass fd:3 "${CHAIN[@]}" <"$GET" \
        >"$RUN_DIR/$name.out" 2>"$RUN_DIR/$name.err"
    echo $? >"$RUN_DIR/$name.rc"
}
fd_run mtls-fd-s_server "$MPORT"
expect_rc "mTLS pass fd: (s_server): exit 0" "$RUN_DIR/mtls-fd-s_server" 0
check_grep "mTLS pass fd: (s_server): the page" '^HTTP/1.0 200 ' "$RUN_DIR/mtls-fd-s_server.out"

mtls missing 1
for srv in s_server gnutls; do
    check_grep "mTLS missing cert ($srv): alert 116" 'alert certificate required.*SSL alert number 116' "$RUN_DIR/mtls-missing-$srv.err"
    check_grep "mTLS missing cert ($srv): said plainly" '^s_client: the server asked for a client certificate and none was sent' "$RUN_DIR/mtls-missing-$srv.err"
done
mtls untrusted 1 -cert "$P/client-untrusted.pem" -key "$P/client-untrusted.key"
check_grep "mTLS untrusted cert (s_server): unknown ca" 'SSL alert number 48' "$RUN_DIR/mtls-untrusted-s_server.err"
check_no_grep "mTLS untrusted cert (s_server): no page" '^HTTP/1.0 200 ' "$RUN_DIR/mtls-untrusted-s_server.out"

# Identity errors: one line, exit 2, before connecting (port 1 would refuse anyway).
# ierr NAME ERE ARGS...
ierr() {
    local name=$1 want=$2
    shift 2
    run_client "ierr-$name" -connect 127.0.0.1:1 "$@"
    expect_rc "identity error $name: exit 2" "$RUN_DIR/ierr-$name" 2
    check "identity error $name: ${LINES_WANTED:-1} line(s)" test "$(wc -l <"$RUN_DIR/ierr-$name.err")" -eq "${LINES_WANTED:-1}"
    check_grep "identity error $name: says why" "$want" "$RUN_DIR/ierr-$name.err"
    check "identity error $name: nothing on stdout (no connection)" test ! -s "$RUN_DIR/ierr-$name.out"
}
ierr wrong-pass '^Could not read client certificate private key from .*client\.enc\.key: .*pass phrase' \
    -cert "$P/client.pem" -key "$P/client.enc.key" -pass pass:wrong
ierr no-pass '^Could not read client certificate private key from .*-pass' -cert "$P/client.pem" -key "$P/client.enc.key"
ierr p12-wrong-pass 'client\.p12: .*pass phrase' -cert "$P/client.p12" -certform P12 -pass pass:wrong
ierr mismatch '^Private key does not match the certificate public key' -cert "$P/client.pem" -key "$P/good.key"
ierr unreadable '^Could not open file or uri for loading client certificate private key from .*no-such\.pem' \
    -cert "$RUN_DIR/no-such.pem"
# openssl's two lines: what is wrong with the source, then what it was for.
LINES_WANTED=2 ierr bad-pass-source "^Invalid password argument, missing ':' within the first 5 chars$" \
    -cert "$P/client.pem" -key "$P/client.enc.key" -pass nocolon
ierr keyform-engine '^No engine specified' -cert "$P/client.pem" -key foo -keyform ENGINE

# --- engines, providers, randomness ------------------------------------------------------------------
MID=(-cert "$P/client.pem" -key "$P/client.key" "${CHAIN[@]}")
CLIENT_STDIN=$GET run_client engine-dynamic -connect "127.0.0.1:$MPORT" "${CA[@]}" "${MID[@]}" -engine dynamic
expect_rc "-engine dynamic: exit 0" "$RUN_DIR/engine-dynamic" 0
check_grep "-engine dynamic: openssl's line" '^Engine "dynamic" set\.$' "$RUN_DIR/engine-dynamic.err"
check_grep "-engine dynamic: connected" '^HTTP/1.0 200 ' "$RUN_DIR/engine-dynamic.out"
run_client engine-bad -connect 127.0.0.1:1 -engine no-such-engine
expect_rc "-engine unknown: exit 2" "$RUN_DIR/engine-bad" 2
check_grep "-engine unknown: openssl's line" '^Invalid engine "no-such-engine"$' "$RUN_DIR/engine-bad.err"
CLIENT_STDIN=$GET run_client prov -connect "127.0.0.1:$MPORT" "${CA[@]}" "${MID[@]}" -provider default -provider legacy \
    -propquery provider=default -rand /etc/hostname -writerand "$RUN_DIR/rand.bin"
expect_rc "-provider default -provider legacy: exit 0" "$RUN_DIR/prov" 0
check_grep "-provider default -provider legacy: connected" '^HTTP/1.0 200 ' "$RUN_DIR/prov.out"
check "-writerand wrote the file" test -s "$RUN_DIR/rand.bin"
run_client prov-legacy -connect "127.0.0.1:$SPORT" -provider legacy
expect_rc "-provider legacy alone (no TLS algorithms, as openssl): exit 2" "$RUN_DIR/prov-legacy" 2
check_grep "-provider legacy alone: libssl's reason" 'library has no ciphers' "$RUN_DIR/prov-legacy.err"
run_client prov-bad -connect 127.0.0.1:1 -provider no-such-provider
expect_rc "-provider unknown: exit 2" "$RUN_DIR/prov-bad" 2
check_grep "-provider unknown: openssl's line" '^s_client: unable to load provider no-such-provider$' "$RUN_DIR/prov-bad.err"

# -ssl_config: a section of the OpenSSL config file, applied before the command line.
cat >"$RUN_DIR/ssl.cnf" <<'EOF'
openssl_conf = init
[init]
ssl_conf = ssl_sect
[ssl_sect]
only12 = only12_cmds
[only12_cmds]
MaxProtocol = TLSv1.2
EOF
OPENSSL_CONF=$RUN_DIR/ssl.cnf run_client sslconf -connect "127.0.0.1:$SPORT" "${CA[@]}" -ssl_config only12
check_grep "-ssl_config section applied" '^New, TLSv1.2, ' "$RUN_DIR/sslconf.out"
OPENSSL_CONF=$RUN_DIR/ssl.cnf run_client sslconf-bad -connect 127.0.0.1:1 -ssl_config nosuch
expect_rc "-ssl_config unknown section: exit 2" "$RUN_DIR/sslconf-bad" 2
check_grep "-ssl_config unknown section: openssl's line" '^Error using configuration "nosuch"$' "$RUN_DIR/sslconf-bad.err"


# -enable_pha: a TLS 1.3 server asks for our certificate after the handshake (s_server's "c" command).
pki_server_args good
start_s_server pha_port "${PKI_ARGS[@]}" -CAfile "$P/root.pem"
pha_pid=$LAST_PID pha_log=$LAST_LOG pha_fd=$LAST_STDIN_FD
printf 'first\n' >"$RUN_DIR/pha.txt"
CLIENT_STDIN=$RUN_DIR/pha.txt CLIENT_HOLD=3 run_client pha -connect "127.0.0.1:$pha_port" "${CA[@]}" \
    -cert "$P/client.pem" -key "$P/client.key" -cert_chain "$P/client.chain.pem" -enable_pha -tls1_3 &
pha_client=$!
for _ in $(seq 1 100); do grep -q first "$pha_log.out" 2>/dev/null && break; sleep 0.05; done
echo c >&"$pha_fd"
for _ in $(seq 1 100); do grep -q 'CN = Test Client' "$pha_log.err" 2>/dev/null && break; sleep 0.05; done
wait "$pha_client"
stop_pid "$pha_pid"
expect_rc "-enable_pha: exit 0" "$RUN_DIR/pha" 0
check_grep "-enable_pha: the server verified our certificate after the handshake" 'CN = Test Client' "$pha_log.err"

finish

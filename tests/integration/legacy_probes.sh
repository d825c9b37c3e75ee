#!/usr/bin/env bash
# legacy_probes.sh -- -ssl3 / -ssl2 against scripted servers that answer as SSLv3 and SSLv2 servers do
# (servers/legacy_ssl_server.py: a canned hello + the test PKI's certificate) and against a real
# openssl s_server, which refuses both. Accepted: exit 0, the chosen cipher and the certificate
# printed; refused: exit 1 with the reason; both end with the "handshake not completed" line.
set -u
. "$(dirname "$0")/lib.sh"

require_s_client
pki_dir >/dev/null || exit 1
P=$_LIB_PKI
NOT_COMPLETED='handshake not completed: the TLS library \(OpenSSL 3\) does not implement'

# start_legacy MODE -- start the scripted server; sets LEGACY_PORT and LEGACY_LOG.
start_legacy() {
    start_bg "legacy-$1-$RANDOM" /usr/bin/python3 "$LIB_DIR/servers/legacy_ssl_server.py" "$1" "$P/good.chain.pem"
    LEGACY_LOG=$LAST_LOG
    LEGACY_PORT=
    for _ in $(seq 1 100); do
        LEGACY_PORT=$(awk '/^PORT /{ print $2 }' "$LEGACY_LOG.out")
        [ -n "$LEGACY_PORT" ] && return 0
        sleep 0.05
    done
    echo "legacy server $1 did not start" >&2
    return 1
}

# accepted NAME MODE FLAG -- the probe reports the server's hello and certificate.
accepted() {
    local name=$1 mode=$2 flag=$3 proto=$4
    start_legacy "$mode" || return
    run_client "$name" "$flag" -connect "127.0.0.1:$LEGACY_PORT"
    expect_rc "$name: exit 0" "$RUN_DIR/$name" 0
    check_grep "$name: the server saw a well-formed $proto ClientHello" '^hello: ok$' "$LEGACY_LOG.err"
    check_grep "$name: accepted" "^$proto probe: the server accepts $proto\$" "$RUN_DIR/$name.out"
    check_grep "$name: leaf subject printed" '^subject=C = XX, O = Test Org, CN = localhost$' "$RUN_DIR/$name.out"
    check_grep "$name: chain entry 0" '^ 0 s:C = XX, O = Test Org, CN = localhost$' "$RUN_DIR/$name.out"
    check "$name: the PEM is the leaf's" diff <(sed -n '/BEGIN CERT/,/END CERT/p' "$RUN_DIR/$name.out") \
        <("$OPENSSL" x509 -in "$P/good.pem")
    check_grep "$name: handshake-not-completed line" "$NOT_COMPLETED $proto" "$RUN_DIR/$name.err"
}

# refused NAME FLAG PROTO ERE -- the probe says why it was refused.
refused_check() {
    local name=$1 proto=$2 re=$3
    expect_rc "$name: exit 1" "$RUN_DIR/$name" 1
    check_grep "$name: refused, with the reason" "^$proto probe: the server does not accept $proto \\($re\\)\$" "$RUN_DIR/$name.out"
    check_grep "$name: handshake-not-completed line" "$NOT_COMPLETED $proto" "$RUN_DIR/$name.err"
    check_no_grep "$name: no certificate" 'BEGIN CERTIFICATE' "$RUN_DIR/$name.out"
}

accepted sslv3 sslv3 -ssl3 SSLv3
check_grep "sslv3: the cipher the server chose" '^Cipher is RC4-MD5 \(0x0004\)$' "$RUN_DIR/sslv3.out"
check_grep "sslv3: both certificates of the chain" '^ 1 s:C = XX, O = Test Org, CN = Test Intermediate CA$' "$RUN_DIR/sslv3.out"
accepted sslv3-split sslv3-split -ssl3 SSLv3
accepted sslv2 sslv2 -ssl2 SSLv2
check_grep "sslv2: the cipher kinds the server offers" '^    DES-CBC3-MD5 \(0x0700C0\)$' "$RUN_DIR/sslv2.out"

start_legacy sslv3-alert && run_client sslv3-alert -ssl3 -connect "127.0.0.1:$LEGACY_PORT"
refused_check sslv3-alert SSLv3 'alert fatal: handshake failure'
start_legacy sslv2-error && run_client sslv2-error -ssl2 -connect "127.0.0.1:$LEGACY_PORT"
refused_check sslv2-error SSLv2 'SSLv2 error: NO-CIPHER-ERROR'

# A real, modern server refuses both (an alert, or a close).
for v in 3 2; do
    pki_server_args good
    start_s_server port -www "${PKI_ARGS[@]}" || exit 1
    run_client "s_server-ssl$v" "-ssl$v" -connect "127.0.0.1:$port"
    refused_check "s_server-ssl$v" "SSLv$v" '(alert fatal: [a-z ]+|the server closed the connection without a reply)'
done

# Nothing listening: a connect failure, as for TLS.
closed=$(free_port)
run_client closed -ssl3 -connect "127.0.0.1:$closed"
expect_rc "closed port: exit 1" "$RUN_DIR/closed" 1
check_grep "closed port: connect error" '^connect:errno=' "$RUN_DIR/closed.err"

# Usage: one protocol flag; no JSON for probes.
run_client twoflags -ssl3 -tls1_2
expect_rc "-ssl3 -tls1_2: usage error" "$RUN_DIR/twoflags" 2
run_client json -ssl2 -json
expect_rc "-ssl2 -json: usage error" "$RUN_DIR/json" 2

finish

#!/usr/bin/env bash
# json_report.sh -- -json and -timings: the document is validated against docs/report.schema.json for
# TLS 1.3, TLS 1.2, failed verification (reported and required), a failed handshake, a refused
# connection, STARTTLS (scripted server) and resumption; its fields are cross-checked against the
# text report of the same kind of connection; stdout is one document, then the peer's data.
set -u
. "$(dirname "$0")/lib.sh"
. "$LIB_DIR/servers/real_servers.sh"

require_s_client
pki_dir >/dev/null || exit 1
P=$_LIB_PKI
SCHEMA=$REPO_ROOT/docs/report.schema.json
JT=(/usr/bin/python3 "$LIB_DIR/json_tool.py")
CA=(-CAfile "$P/root.pem")

# doc NAME -- split NAME's stdout into NAME.out.json / NAME.out.rest and validate the document.
doc() {
    check "$1: stdout starts with one JSON document" "${JT[@]}" split "$RUN_DIR/$1.out"
    check "$1: document valid against the schema" "${JT[@]}" validate "$SCHEMA" "$RUN_DIR/$1.out.json"
}
# field NAME PATH -- print a field of NAME's document.
field() { "${JT[@]}" get "$RUN_DIR/$1.out.json" "$2" 2>/dev/null; }
# expect_field NAME PATH VALUE
expect_field() { check "$1: $2 = $3" test "$(field "$1" "$2")" = "$3"; }

# text_line FILE ERE -- the first line of FILE matching ERE, with the match of the first \(...\) group.
text_value() { sed -nE "s/$2/\1/p" "$1" | head -n 1; }

# cross NAME TEXTNAME -- the document agrees with the text report of the same kind of connection.
cross() {
    local j=$1 t=$RUN_DIR/$2.out proto cipher code i n subj
    proto=$(text_value "$t" '^New, (TLSv1\.[23]), Cipher is .*$')
    cipher=$(text_value "$t" '^New, TLSv1\.[23], Cipher is (.*)$')
    code=$(text_value "$t" '^ *Verify return code: ([0-9]+) .*$')
    check "$j: protocol as the text report ($proto)" test "$(field "$j" protocol)" = "$proto"
    check "$j: cipher as the text report ($cipher)" test "$(field "$j" cipher)" = "$cipher"
    check "$j: verify code as the text report ($code)" test "$(field "$j" verification.result_code)" = "$code"
    check "$j: subject= as the text report" test "$(field "$j" peer_chain.0.subject)" = \
        "$(text_value "$t" '^subject=(.*)$')"
    check "$j: issuer= as the text report" test "$(field "$j" peer_chain.0.issuer)" = \
        "$(text_value "$t" '^issuer=(.*)$')"
    n=$(grep -cE '^ *[0-9]+ s:' "$t")
    check "$j: as many chain entries as the text report ($n)" test "$(field "$j" peer_chain.length)" = "$n"
    for ((i = 0; i < n; i++)); do
        subj=$(sed -nE "s/^ *$i s:(.*)$/\1/p" "$t")
        check "$j: chain $i subject as the text report" test "$(field "$j" "peer_chain.$i.subject")" = "$subj"
    done
}

# --- TLS 1.3 and TLS 1.2, against the text report -------------------------------------------------
for v in 1_3 1_2; do
    pki_server_args good
    start_s_server port -www "${PKI_ARGS[@]}" || exit 1
    run_client "tls$v" -json -connect "127.0.0.1:$port" "${CA[@]}" -verify_hostname localhost "-tls$v"
    run_client "tls$v.text" -connect "127.0.0.1:$port" "${CA[@]}" -verify_hostname localhost "-tls$v"
    expect_rc "tls$v: exit 0" "$RUN_DIR/tls$v" 0
    doc "tls$v"
    expect_field "tls$v" handshake_complete true
    expect_field "tls$v" exit_code 0
    expect_field "tls$v" exit_code_final true
    expect_field "tls$v" verification.verified true
    expect_field "tls$v" verification.hostname.matched true
    expect_field "tls$v" address.address 127.0.0.1
    expect_field "tls$v" address.port "$port"
    expect_field "tls$v" session.resumed false
    expect_field "tls$v" verified_chain.2.subject "C = XX, O = Test Org, CN = Test Root CA"
    check "tls$v: no text summary on stdout" test ! -s "$RUN_DIR/tls$v.out.rest"
    check "tls$v: handshake time measured" test "$(field "tls$v" timings.handshake_ms)" != null
    check "tls$v: fingerprint as openssl x509 computes it" test "$(field "tls$v" peer_chain.0.sha256_fingerprint)" = \
        "$("$OPENSSL" x509 -noout -fingerprint -sha256 -in "$P/good.pem" | sed 's/^.*=//')"
    cross "tls$v" "tls$v.text"
done
expect_field tls1_3 protocol TLSv1.3
expect_field tls1_2 protocol TLSv1.2
check "tls1_2: session id as hex" grep -qE '"id": "[0-9A-F]{64}"' "$RUN_DIR/tls1_2.out.json"

# --- relaying after the document: one document, then the peer's data -------------------------------
pki_server_args good-ec
start_s_server port -www "${PKI_ARGS[@]}" || exit 1
printf 'GET / HTTP/1.0\r\n\r\n' >"$RUN_DIR/get.txt"
CLIENT_STDIN=$RUN_DIR/get.txt run_client relay -json -timings -connect "127.0.0.1:$port" "${CA[@]}" -ign_eof
expect_rc "relay: exit 0" "$RUN_DIR/relay" 0
doc relay
check_grep "relay: the peer's data follows the document" '^HTTP/1\.0 200 ok' "$RUN_DIR/relay.out.rest"
expect_field relay exit_code_final false
check "relay: time to first byte measured" test "$(field relay timings.first_byte_ms)" != null
check_grep "relay: -timings block on stderr" '^  TLS handshake: +[0-9.]+ ms$' "$RUN_DIR/relay.err"
check_grep "relay: -timings first byte" '^  First server byte: +[0-9.]+ ms$' "$RUN_DIR/relay.err"
expect_field relay peer_chain.0.public_key.curve prime256v1

# --- verification failures ---------------------------------------------------------------------------
pki_server_args untrusted
start_s_server port -www "${PKI_ARGS[@]}" || exit 1
run_client untrusted -json -connect "127.0.0.1:$port" "${CA[@]}"
run_client untrusted.text -connect "127.0.0.1:$port" "${CA[@]}"
expect_rc "untrusted (reported only): exit 0" "$RUN_DIR/untrusted" 0
doc untrusted
expect_field untrusted verification.verified false
check "untrusted: an error at depth 1 or more" grep -qE '"depth": [1-9]' "$RUN_DIR/untrusted.out.json"
cross untrusted untrusted.text
start_s_server port -www "${PKI_ARGS[@]}" || exit 1
run_client untrusted-required -json -verify 5 -connect "127.0.0.1:$port" "${CA[@]}"
expect_rc "untrusted, -verify: exit 3" "$RUN_DIR/untrusted-required" 3
doc untrusted-required
expect_field untrusted-required exit_code 3
expect_field untrusted-required exit_code_final true
check "untrusted, -verify: the error says why" grep -q 'certificate verification failed' "$RUN_DIR/untrusted-required.out.json"

pki_server_args expired
start_s_server port -www "${PKI_ARGS[@]}" || exit 1
run_client expired -json -connect "127.0.0.1:$port" "${CA[@]}"
doc expired
expect_field expired verification.errors.0.code 10
expect_field expired verification.errors.0.depth 0
check "expired: days_left is negative" grep -qE '^-[0-9]+$' <(field expired peer_chain.0.days_left)

pki_server_args wronghost
start_s_server port -www "${PKI_ARGS[@]}" || exit 1
run_client wronghost -json -connect "127.0.0.1:$port" "${CA[@]}" -verify_hostname localhost
doc wronghost
expect_field wronghost verification.hostname.matched false
expect_field wronghost verification.hostname.expected localhost

# --- a failed handshake and a refused connection -----------------------------------------------------
pki_server_args good
start_s_server port -www -tls1_2 "${PKI_ARGS[@]}" || exit 1
run_client hsfail -json -tls1_3 -connect "127.0.0.1:$port" "${CA[@]}"
expect_rc "failed handshake: exit 1" "$RUN_DIR/hsfail" 1
doc hsfail
expect_field hsfail handshake_complete false
expect_field hsfail protocol null
expect_field hsfail exit_code 1
expect_field hsfail verification.performed false
check "failed handshake: the error is the alert" grep -q 'alert' <(field hsfail error)

closed=$(free_port)
run_client refused -json -timings -connect "127.0.0.1:$closed"
expect_rc "refused: exit 1" "$RUN_DIR/refused" 1
doc refused
expect_field refused address null
expect_field refused exit_code 1
check_grep "refused: error names the connect failure" '^connect:errno=' <(field refused error)

# --- STARTTLS (scripted SMTP server) ---------------------------------------------------------------
start_fake smtp-split || exit 1
# stdin stays open until the server's line is in (at most 10 s), not for a fixed second (ASan, load).
CLIENT_HOLD=10 CLIENT_HOLD_UNTIL="grep -q '^hello from tls\$' $RUN_DIR/starttls.out" run_client starttls -json -starttls smtp -connect "127.0.0.1:$FAKE_PORT" "${CA[@]}"
expect_rc "starttls: exit 0" "$RUN_DIR/starttls" 0
doc starttls
expect_field starttls target.starttls smtp
check "starttls: STARTTLS time measured" test "$(field starttls timings.starttls_ms)" != null
check_grep "starttls: TLS data follows the document" '^hello from tls$' "$RUN_DIR/starttls.out.rest"
start_fake smtp-refuse || exit 1
run_client starttls-refused -json -starttls smtp -connect "127.0.0.1:$FAKE_PORT" "${CA[@]}"
expect_rc "starttls refused: exit 1" "$RUN_DIR/starttls-refused" 1
doc starttls-refused
check "starttls refused: the server's reply in error" grep -q '454' <(field starttls-refused error)

# --- resumption ----------------------------------------------------------------------------------------
pki_server_args good
start_s_server port -www "${PKI_ARGS[@]}" || exit 1
run_client sess1 -json -tls1_2 -sess_out "$RUN_DIR/sess.pem" -connect "127.0.0.1:$port" "${CA[@]}"
if [ "$(cat "$RUN_DIR/sess1.rc")" = 2 ]; then
    # NOTE: -sess_out/-sess_in are built on another branch; until they land here only the first
    # connection's "resumed": false is checked.
    echo "note: -sess_in/-sess_out not implemented in this build; resumption checked as resumed=false only"
    run_client fresh -json -tls1_2 -connect "127.0.0.1:$port" "${CA[@]}"
    doc fresh
    expect_field fresh session.resumed false
else
    run_client sess2 -json -tls1_2 -sess_in "$RUN_DIR/sess.pem" -connect "127.0.0.1:$port" "${CA[@]}"
    doc sess1
    doc sess2
    expect_field sess1 session.resumed false
    expect_field sess2 session.resumed true
fi

finish

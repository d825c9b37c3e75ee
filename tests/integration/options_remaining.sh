#!/usr/bin/env bash
# options_remaining.sh -- issue 7: the options implemented last, each against a real server, most of
# them differential (openssl s_client's normalised output is the reference).  TLS 1.2 keeps the
# comparisons free of the TLS 1.3 ticket race at stdin EOF.
set -u
. "$(dirname "$0")/lib.sh"

require_s_client
pki_dir >/dev/null || exit 1
P=$_LIB_PKI

# same NAME PORT ARGS... -- both clients with the same arguments against 127.0.0.1:PORT; identical
# normalised stdout and stderr and identical exit codes.  STREAMS=err compares stderr only: after a
# handshake that failed before any certificate, our summary says so instead of openssl's "OK"
# (DESIGN.md section 6.1).
NSAME=0
same() {
    local name=$1 port=$2
    shift 2
    NSAME=$((NSAME + 1))
    run_openssl "ref.$NSAME" -connect "127.0.0.1:$port" "$@"
    run_client "ours.$NSAME" -connect "127.0.0.1:$port" "$@"
    expect_same "$name: same output as openssl" "$RUN_DIR/ref.$NSAME" "$RUN_DIR/ours.$NSAME" "${STREAMS:-out err}"
    check "$name: same exit status as openssl" test "$(cat "$RUN_DIR/ref.$NSAME.rc")" = "$(cat "$RUN_DIR/ours.$NSAME.rc")" -o \
        "$(cat "$RUN_DIR/ours.$NSAME.rc")" != 0 -a "$(cat "$RUN_DIR/ref.$NSAME.rc")" != 0
    LAST=$RUN_DIR/ours.$NSAME
}

pki_server_args good
start_s_server GOOD "${PKI_ARGS[@]}" -www -tls1_2 || exit 1
T12=(-tls1_2 -CAfile "$P/root.pem")

# --- record-layer knobs ------------------------------------------------------------------------------
same "-maxfraglen 512" "$GOOD" "${T12[@]}" -maxfraglen 512 -tlsextdebug
check_grep "-maxfraglen: the server grants it" '^TLS server extension "max fragment length" \(id=1\), len=1$' "$LAST.out"
same "-max_send_frag 512" "$GOOD" "${T12[@]}" -max_send_frag 512
same "-max_send_frag 100 is refused" "$GOOD" "${T12[@]}" -max_send_frag 100
check_grep "-max_send_frag 100: openssl's message" 'Max send fragment size 100 is out of permitted range' "$LAST.err"
same "-split_send_frag/-max_pipelines" "$GOOD" "${T12[@]}" -split_send_frag 1024 -max_pipelines 2
same "-read_buf" "$GOOD" "${T12[@]}" -read_buf 1024
# libssl runs async jobs on their own stacks (swapcontext); ASan builds warn about that on stderr, so
# stderr is compared without ASan's three warning lines.
STREAMS=out same "-async" "$GOOD" "${T12[@]}" -async
grep -vE '^==[0-9]+==WARNING: ASan is ignoring|^False positive error reports may follow|^For details see https://github.com/google/sanitizers' \
    "$LAST.err" >"$LAST.err.noasan"
check "-async: same stderr as openssl" diff <(normalise "$RUN_DIR/ref.$NSAME.err") <(normalise "$LAST.err.noasan")
same "-fallback_scsv at the server's best version" "$GOOD" "${T12[@]}" -fallback_scsv
start_s_server ANY "${PKI_ARGS[@]}" -www || exit 1
STREAMS=err same "-fallback_scsv below the server's best version" "$ANY" "${T12[@]}" -fallback_scsv
check_grep "-fallback_scsv: inappropriate fallback alert" 'inappropriate fallback' "$LAST.err"

# --- knobs that go through SSL_CONF ------------------------------------------------------------------
for knob in -legacy_renegotiation -no_renegotiation -legacy_server_connect -no_legacy_server_connect \
    -no_resumption_on_reneg -serverpref -prioritize_chacha -strict -comp -no_comp -no_etm -bugs \
    -client_renegotiation -allow_no_dhe_kex -no_middlebox "-named_curve P-256" "-record_padding 512"; do
    # shellcheck disable=SC2086  # "-named_curve P-256" is two words
    same "$knob" "$GOOD" "${T12[@]}" $knob
done
same "-no_etm removes encrypt-then-mac" "$GOOD" "${T12[@]}" -cipher AES128-SHA -tlsextdebug -no_etm
check_no_grep "-no_etm: no encrypt-then-mac from the server" 'encrypt-then-mac' "$LAST.out"
same "encrypt-then-mac without -no_etm" "$GOOD" "${T12[@]}" -cipher AES128-SHA -tlsextdebug
check_grep "without -no_etm: encrypt-then-mac" 'encrypt-then-mac' "$LAST.out"
run_client mbox -connect "127.0.0.1:$ANY" -CAfile "$P/root.pem" -tls1_3 -msg
check_grep "TLS 1.3 middlebox compatibility sends ChangeCipherSpec" '^>>> .*ChangeCipherSpec' "$RUN_DIR/mbox.out"
run_client nombox -connect "127.0.0.1:$ANY" -CAfile "$P/root.pem" -tls1_3 -msg -no_middlebox
check_no_grep "-no_middlebox: no ChangeCipherSpec" '^>>> .*ChangeCipherSpec' "$RUN_DIR/nombox.out"

# --- NPN, serverinfo ---------------------------------------------------------------------------------
printf -- '-----BEGIN SERVERINFO FOR EXTENSION-----\nA+gAAmhp\n-----END SERVERINFO FOR EXTENSION-----\n' \
    >"$RUN_DIR/serverinfo.pem"
start_s_server EXT "${PKI_ARGS[@]}" -www -nextprotoneg foo,bar -serverinfo "$RUN_DIR/serverinfo.pem" || exit 1
same "-nextprotoneg (shared protocol)" "$EXT" "${T12[@]}" -nextprotoneg baz,bar
check_grep "-nextprotoneg: advertised list" '^Protocols advertised by server: foo, bar$' "$LAST.out"
check_grep "-nextprotoneg: Next protocol line" '^Next protocol: \(1\) bar$' "$LAST.out"
same "-nextprotoneg (no overlap)" "$EXT" "${T12[@]}" -nextprotoneg baz
check_grep "-nextprotoneg: no overlap" '^Next protocol: \(2\) baz$' "$LAST.out"
same "-serverinfo" "$EXT" "${T12[@]}" -serverinfo 1000,2000
check_grep "-serverinfo: the answer as PEM" '^-----BEGIN SERVERINFO FOR EXTENSION 1000-----$' "$LAST.out"
run_client npn13 -nextprotoneg h2 -tls1_3
check_grep "-nextprotoneg with -tls1_3 refused as openssl" '^Cannot supply -nextprotoneg with TLSv1.3$' "$RUN_DIR/npn13.err"

# --- CRLs ----------------------------------------------------------------------------------------------
# A private copy of the CA databases: CRLs, and a leaf whose CRL distribution point is a local web server.
CA=$RUN_DIR/ca
mkdir -p "$CA/www" && cp -r "$P/ca" "$P/ca.cnf" "$P/int.pem" "$P/int.key" "$P/root.pem" "$P/root.key" "$CA/" || exit 1
WWW_PORT=$(free_port) || exit 1
cat >>"$CA/ca.cnf" <<CNF
[ ext_cdp ]
basicConstraints       = critical, CA:FALSE
keyUsage               = critical, digitalSignature, keyEncipherment
extendedKeyUsage       = serverAuth
subjectAltName         = DNS:localhost, IP:127.0.0.1
crlDistributionPoints  = URI:http://127.0.0.1:$WWW_PORT/int.crl.der
CNF
(
    cd "$CA" || exit 1
    export SAN="DNS:localhost, IP:127.0.0.1"
    o() { "$OPENSSL" "$@" >>"$CA/log" 2>&1; }
    o genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out cdp.key &&
        o req -new -config ca.cnf -key cdp.key -subj "/C=XX/O=Test Org/CN=localhost" -out cdp.csr &&
        o ca -config ca.cnf -name int -batch -notext -rand_serial -extensions ext_cdp -in cdp.csr -out cdp.pem &&
        o ca -config ca.cnf -name int -batch -revoke cdp.pem -crl_reason keyCompromise &&
        o ca -config ca.cnf -name int -gencrl -out int.crl.pem &&
        o ca -config ca.cnf -name root -gencrl -out root.crl.pem &&
        o crl -in int.crl.pem -outform DER -out int.crl.der &&
        cp int.crl.der www/int.crl.der
) || { cat "$CA/log"; exit 1; }
start_s_server REVOKED -cert "$P/revoked.pem" -key "$P/revoked.key" -cert_chain "$P/int.pem" -www -tls1_2 || exit 1
same "revoked, no -crl_check" "$REVOKED" "${T12[@]}"
check_grep "no -crl_check: revocation not checked" '^Verification: OK$' "$LAST.out"
same "-crl_check -CRL" "$REVOKED" "${T12[@]}" -crl_check -CRL "$CA/int.crl.pem"
check_grep "-crl_check: certificate revoked" '^verify error:num=23:certificate revoked$' "$LAST.err"
same "-crl_check -CRL -CRLform DER" "$REVOKED" "${T12[@]}" -crl_check -CRL "$CA/int.crl.der" -CRLform DER
check_grep "-CRLform DER: certificate revoked" '^Verification error: certificate revoked$' "$LAST.out"
same "-crl_check without a CRL" "$REVOKED" "${T12[@]}" -crl_check
check_grep "-crl_check without a CRL: unable to get CRL" 'num=3:unable to get certificate CRL' "$LAST.err"
same "-crl_check_all with only the leaf's CRL" "$GOOD" "${T12[@]}" -crl_check_all -CRL "$CA/int.crl.pem"
same "-crl_check good certificate" "$GOOD" "${T12[@]}" -crl_check -CRL "$CA/int.crl.pem"
check_grep "-crl_check: good certificate passes" '^Verification: OK$' "$LAST.out"
same "missing -CRL file" "$GOOD" "${T12[@]}" -CRL "$RUN_DIR/no-such.crl"

# --- default trust locations ---------------------------------------------------------------------------
# openssl reads SSL_CERT_FILE / SSL_CERT_DIR only when no -CAfile/-CApath/-CAstore is named. Ours indexes
# the default file by subject name and decodes only what a lookup asks for (a file that also holds CRLs
# is loaded whole): every answer must still be openssl's.
mkdir -p "$RUN_DIR/emptydir"
cat "$P/untrusted-root.pem" "$P/root.pem" "$P/client.pem" >"$RUN_DIR/bundle.pem"
cat "$RUN_DIR/bundle.pem" "$CA/int.crl.pem" "$CA/root.crl.pem" >"$RUN_DIR/bundle-crl.pem"
{ cat "$RUN_DIR/bundle.pem"; printf -- '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n'; } \
    >"$RUN_DIR/bundle-broken.pem"
# A certificate whose subject reads fine but whose key info is a SET instead of a SEQUENCE: openssl's
# loader then refuses the whole file, so nothing in it is trusted.
"$OPENSSL" x509 -in "$P/untrusted-root.pem" -noout -pubkey | "$OPENSSL" pkey -pubin -outform DER >"$RUN_DIR/spki.der"
/usr/bin/python3 - "$P/untrusted-root.pem" "$RUN_DIR/spki.der" >"$RUN_DIR/badkey.pem" <<'PY'
import base64, sys
pem = open(sys.argv[1]).read()
der = base64.b64decode("".join(l for l in pem.splitlines() if "-----" not in l))
spki = open(sys.argv[2], "rb").read()
at = der.index(spki)
der = der[:at] + b"\x31" + der[at + 1:]
b64 = base64.b64encode(der).decode()
print("-----BEGIN CERTIFICATE-----")
print("\n".join(b64[i:i + 64] for i in range(0, len(b64), 64)))
print("-----END CERTIFICATE-----")
PY
cat "$P/root.pem" "$RUN_DIR/badkey.pem" >"$RUN_DIR/bundle-badkey.pem"
NOFILE=$RUN_DIR/no-such.pem EMPTY=$RUN_DIR/emptydir
SSL_CERT_FILE=$RUN_DIR/bundle.pem SSL_CERT_DIR=$EMPTY same "default file (SSL_CERT_FILE)" "$GOOD" -tls1_2
check_grep "default file: verified" '^Verification: OK$' "$LAST.out"
SSL_CERT_FILE=$NOFILE SSL_CERT_DIR=$P/capath same "default directory (SSL_CERT_DIR)" "$GOOD" -tls1_2
check_grep "default directory: verified" '^Verification: OK$' "$LAST.out"
SSL_CERT_FILE=$NOFILE SSL_CERT_DIR=$EMPTY same "no default trust" "$GOOD" -tls1_2
check_grep "no default trust: error 20" '^Verification error: unable to get local issuer certificate$' "$LAST.out"
SSL_CERT_FILE=$RUN_DIR/bundle-broken.pem SSL_CERT_DIR=$EMPTY same "default file with a broken block" "$GOOD" -tls1_2
check_grep "broken default file: nothing from it is trusted" '^Verification error: unable to get local issuer' "$LAST.out"
SSL_CERT_FILE=$RUN_DIR/bundle-badkey.pem SSL_CERT_DIR=$EMPTY same "default file with a broken key" "$GOOD" -tls1_2
check_grep "broken key in the default file: nothing from it is trusted" '^Verification error: unable to get local issuer' \
    "$LAST.out"
SSL_CERT_FILE=$NOFILE SSL_CERT_DIR=$P/capath same "-CAfile: the default directory is not used" "$GOOD" -tls1_2 \
    -CAfile "$P/untrusted-root.pem"
check_grep "-CAfile alone: error 20" '^Verification error: unable to get local issuer certificate$' "$LAST.out"
SSL_CERT_FILE=$RUN_DIR/bundle.pem SSL_CERT_DIR=$EMPTY same "-CApath: the default file is not used" "$GOOD" -tls1_2 \
    -CApath "$EMPTY"
check_grep "-CApath alone: error 20" '^Verification error: unable to get local issuer certificate$' "$LAST.out"
SSL_CERT_FILE=$RUN_DIR/bundle.pem SSL_CERT_DIR=$EMPTY same "-no-CAfile" "$GOOD" -tls1_2 -no-CAfile
SSL_CERT_FILE=$RUN_DIR/bundle-crl.pem SSL_CERT_DIR=$EMPTY same "default file with CRLs: revoked" "$REVOKED" -tls1_2 -crl_check
check_grep "default file's CRL: certificate revoked" '^verify error:num=23:certificate revoked$' "$LAST.err"
SSL_CERT_FILE=$RUN_DIR/bundle-crl.pem SSL_CERT_DIR=$EMPTY same "default file with CRLs: good" "$GOOD" -tls1_2 -crl_check
check_grep "default file's CRL: good certificate passes" '^Verification: OK$' "$LAST.out"

start_bg www /usr/bin/python3 -m http.server "$WWW_PORT" --bind 127.0.0.1 --directory "$CA/www"
wait_port 127.0.0.1 "$WWW_PORT" 10 || exit 1
start_s_server CDP -cert "$CA/cdp.pem" -key "$CA/cdp.key" -cert_chain "$P/int.pem" -www -tls1_2 || exit 1
same "-crl_download" "$CDP" "${T12[@]}" -crl_check -crl_download
check_grep "-crl_download: revoked through the downloaded CRL" '^Verification error: certificate revoked$' "$LAST.out"
same "-crl_download without -crl_check" "$CDP" "${T12[@]}" -crl_download
check_grep "-crl_download alone does not check" '^Verification: OK$' "$LAST.out"

# --- DANE ------------------------------------------------------------------------------------------------
SPKI=$("$OPENSSL" x509 -in "$P/good.pem" -noout -pubkey | "$OPENSSL" pkey -pubin -outform DER | "$OPENSSL" dgst -sha256 -r | cut -d' ' -f1)
INT=$("$OPENSSL" x509 -in "$P/int.pem" -outform DER | "$OPENSSL" dgst -sha256 -r | cut -d' ' -f1)
same "DANE-EE match" "$GOOD" "${T12[@]}" -dane_tlsa_domain localhost -dane_tlsa_rrdata "3 1 1 $SPKI"
check_grep "DANE-EE: the summary line" '^DANE TLSA 3 1 1 \.\.\.[0-9a-f]{24} matched EE certificate at depth 0$' "$LAST.out"
same "DANE-TA match" "$GOOD" "${T12[@]}" -dane_tlsa_domain localhost -dane_tlsa_rrdata "2 0 1 $INT"
check_grep "DANE-TA: the summary line" '^DANE TLSA 2 0 1 .* matched TA certificate at depth 1$' "$LAST.out"
same "DANE no match" "$GOOD" "${T12[@]}" -dane_tlsa_domain localhost -dane_tlsa_rrdata "3 1 1 ${SPKI//[0-9]/0}"
check_grep "DANE no match: error 65" 'num=65:no matching DANE TLSA records' "$LAST.err"
same "DANE-EE wrong name, name checks" "$GOOD" "${T12[@]}" -dane_tlsa_domain example.net -dane_tlsa_rrdata "3 1 1 $SPKI"
same "-dane_ee_no_namechecks" "$GOOD" "${T12[@]}" -dane_tlsa_domain example.net -dane_tlsa_rrdata "3 1 1 $SPKI" -dane_ee_no_namechecks
same "DANE bad records" "$GOOD" "${T12[@]}" -dane_tlsa_domain localhost -dane_tlsa_rrdata "3 1 1 zz" \
    -dane_tlsa_rrdata "3 1 1 00$SPKI" -dane_tlsa_rrdata "3 1 1 $SPKI"
check_grep "DANE bad records: warnings" 'warning: bad TLSA data field in: 3 1 1 zz' "$LAST.err"
same "DANE no usable record" "$GOOD" "${T12[@]}" -dane_tlsa_domain localhost -dane_tlsa_rrdata "3 1 1 zz"
# DANE's SNI rule: without -servername the DANE domain is the SNI name, even for an IP target.
pki_server_args good-ec
EC_ARGS=("${PKI_ARGS[@]}")
pki_server_args good
start_s_server SNI "${PKI_ARGS[@]}" -servername localhost -cert2 "${EC_ARGS[1]}" -key2 "${EC_ARGS[3]}" -www -tls1_2 || exit 1
same "DANE sends its domain as SNI" "$SNI" "${T12[@]}" -dane_tlsa_domain localhost -dane_tlsa_rrdata "3 1 1 $SPKI"
check_grep "DANE SNI: the server chose its SNI certificate" 'id-ecPublicKey' "$LAST.out"

# --- validation options against a real server ----------------------------------------------------------
start_s_server EXPIRED -cert "$P/expired.pem" -key "$P/expired.key" -cert_chain "$P/int.pem" -www -tls1_2 || exit 1
same "-no_check_time" "$EXPIRED" "${T12[@]}" -no_check_time
check_grep "-no_check_time: expired certificate accepted" '^Verification: OK$' "$LAST.out"
same "-attime before notBefore" "$GOOD" "${T12[@]}" -attime 1000000000
check_grep "-attime: not yet valid" 'num=9:certificate is not yet valid' "$LAST.err"
same "-partial_chain" "$GOOD" -tls1_2 -CAfile "$P/int.pem" -partial_chain
check_grep "-partial_chain: OK" '^Verification: OK$' "$LAST.out"
same "no -partial_chain" "$GOOD" -tls1_2 -CAfile "$P/int.pem"
same "-purpose sslclient" "$GOOD" "${T12[@]}" -purpose sslclient
check_grep "-purpose sslclient: unsupported purpose" 'num=26:' "$LAST.err"
same "-verify_name ssl_client" "$GOOD" "${T12[@]}" -verify_name ssl_client
same "-auth_level 3" "$GOOD" "${T12[@]}" -auth_level 3
check_grep "-auth_level 3: key too small" 'num=66:' "$LAST.err"
same "-explicit_policy" "$GOOD" "${T12[@]}" -explicit_policy
check_grep "-explicit_policy: no explicit policy" 'num=43:' "$LAST.err"
same "-policy with -explicit_policy" "$GOOD" "${T12[@]}" -policy 1.2.3.4 -explicit_policy
same "-verify_email" "$GOOD" "${T12[@]}" -verify_email nobody@example.net
check_grep "-verify_email: mismatch" 'num=63:' "$LAST.err"
same "-suiteB_128" "$GOOD" "${T12[@]}" -suiteB_128
for v in -x509_strict -check_ss_sig -trusted_first -ignore_critical -inhibit_any -inhibit_map -extended_crl \
    -use_deltas -allow_proxy_certs -policy_check -suiteB_128_only -suiteB_192 "-verify_depth 0" \
    "-policy_print -policy_check" "-policy_print -explicit_policy"; do
    # shellcheck disable=SC2086
    same "$v" "$GOOD" "${T12[@]}" $v
done

# --- SRP (deprecated) against gnutls-serv ------------------------------------------------------------------
# Not differential: openssl 3.0.19's s_client crashes (SIGSEGV) in this very handshake.
if command -v gnutls-serv >/dev/null && command -v srptool >/dev/null; then
    (
        cd "$RUN_DIR" || exit 1
        srptool --create-conf tpasswd.conf >/dev/null 2>&1 && : >tpasswd &&
            echo secret1 | timeout 10 srptool --passwd tpasswd --passwd-conf tpasswd.conf -u alice >/dev/null 2>&1
    ) || { echo "srptool failed" >&2; exit 1; }
    SRP_PORT=$(free_port) || exit 1
    start_bg gnutls-srp gnutls-serv -p "$SRP_PORT" --http --srppasswd "$RUN_DIR/tpasswd" \
        --srppasswdconf "$RUN_DIR/tpasswd.conf" --priority NORMAL:-KX-ALL:+SRP:-VERS-ALL:+VERS-TLS1.2
    wait_port 127.0.0.1 "$SRP_PORT" 10 || exit 1
    run_client srp -connect "127.0.0.1:$SRP_PORT" -tls1_2 -cipher SRP -srpuser alice -srppass pass:secret1 -srp_strength 1024
    expect_rc "-srpuser/-srppass: handshake" "$RUN_DIR/srp" 0
    check_grep "-srpuser: SRP cipher" '^New, SSLv3, Cipher is SRP-' "$RUN_DIR/srp.out"
    check_grep "-srpuser: the session names the user" '^    SRP username: alice$' "$RUN_DIR/srp.out"
    check_grep "-srp_strength: announced as openssl does" '^SRP minimal length for N is 1024$' "$RUN_DIR/srp.err"
    run_client srpbad -connect "127.0.0.1:$SRP_PORT" -tls1_2 -cipher SRP -srpuser alice -srppass pass:wrong
    expect_rc "-srppass wrong: handshake fails" "$RUN_DIR/srpbad" 1
    run_client srpstrong -connect "127.0.0.1:$SRP_PORT" -tls1_2 -cipher SRP -srpuser alice -srppass pass:secret1 -srp_strength 4096
    expect_rc "-srp_strength 4096: the 2048-bit group is refused" "$RUN_DIR/srpstrong" 1
    run_client srpmsg -connect "127.0.0.1:$SRP_PORT" -tls1_2 -cipher SRP -srpuser alice -srppass pass:secret1 -srp_moregroups -msg
    check_grep "-srp_moregroups -msg: the group is shown" '^SRP parameters:$' "$RUN_DIR/srpmsg.err"
    run_client srplate -connect "127.0.0.1:$SRP_PORT" -tls1_2 -cipher SRP -srpuser alice -srppass pass:secret1 -srp_lateuser
    check "-srp_lateuser: no user name in the ClientHello, no SRP session" test "$(cat "$RUN_DIR/srplate.rc")" = 1
fi

# --- DTLS over UDP ---------------------------------------------------------------------------------------
# openssl s_server -dtls (plain mode: its stdin FIFO sends to us, what we send lands in its stdout).
DTLS_PORT=$(free_port) || exit 1
mkfifo "$RUN_DIR/dtls.in" || exit 1
"$OPENSSL" s_server -dtls -accept "127.0.0.1:$DTLS_PORT" -cert "$P/good.pem" -key "$P/good.key" -cert_chain "$P/int.pem" \
    -use_srtp SRTP_AES128_CM_SHA1_80 <"$RUN_DIR/dtls.in" >"$RUN_DIR/dtls-server.log" 2>&1 &
track_pid $!
exec {DTLS_FD}>"$RUN_DIR/dtls.in"
for _ in $(seq 1 100); do grep -q '^ACCEPT' "$RUN_DIR/dtls-server.log" && break; sleep 0.05; done
printf 'hello over dtls\n' >"$RUN_DIR/dtls-input.txt"
( sleep 0.5; echo "from the dtls server" >&"$DTLS_FD" ) &
CLIENT_STDIN=$RUN_DIR/dtls-input.txt CLIENT_HOLD=1.5 run_client dtls -dtls1_2 -connect "127.0.0.1:$DTLS_PORT" \
    -CAfile "$P/root.pem" -use_srtp SRTP_AES128_CM_SHA1_80 -mtu 1200 -timeout
expect_rc "DTLS 1.2 vs s_server -dtls: exit 0" "$RUN_DIR/dtls" 0
check_grep "DTLS 1.2 vs s_server: protocol" '^    Protocol  : DTLSv1.2$' "$RUN_DIR/dtls.out"
check_grep "DTLS 1.2 vs s_server: verified" '^Verification: OK$' "$RUN_DIR/dtls.out"
check_grep "-use_srtp: the profile line" '^SRTP Extension negotiated, profile=SRTP_AES128_CM_SHA1_80$' "$RUN_DIR/dtls.out"
check_grep "DTLS: server data relayed to stdout" '^from the dtls server$' "$RUN_DIR/dtls.out"
check_grep "DTLS: stdin relayed to the server" '^hello over dtls$' "$RUN_DIR/dtls-server.log"
exec {DTLS_FD}>&-

# gnutls-serv -u --echo: data relayed both ways over a second DTLS stack.
if command -v gnutls-serv >/dev/null; then
    GU_PORT=$(free_port) || exit 1
    start_bg gnutls-dtls gnutls-serv -u -p "$GU_PORT" --echo -a --x509certfile "$P/good.chain.pem" --x509keyfile "$P/good.key"
    sleep 0.5
    printf 'echo me over dtls\n' >"$RUN_DIR/gu-input.txt"
    CLIENT_STDIN=$RUN_DIR/gu-input.txt CLIENT_HOLD=1 run_client gu -dtls -connect "127.0.0.1:$GU_PORT" -CAfile "$P/root.pem"
    expect_rc "DTLS vs gnutls-serv -u: exit 0" "$RUN_DIR/gu" 0
    check_grep "DTLS vs gnutls-serv: echoed back" '^echo me over dtls$' "$RUN_DIR/gu.out"
    check_grep "DTLS vs gnutls-serv: DTLSv1.2" '^    Protocol  : DTLSv1.2$' "$RUN_DIR/gu.out"
fi
run_client mtu -dtls -mtu 10 -connect "127.0.0.1:$DTLS_PORT"
check_grep "-mtu too small: openssl's message" '^MTU too small. Must be at least [0-9]+$' "$RUN_DIR/mtu.err"

finish

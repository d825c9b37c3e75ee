#!/usr/bin/env bash
# starttls_servers.sh -- -starttls against REAL servers from Debian's packages, each started here on a
# free loopback port with its own configuration and stopped by PID: postfix (smtp), dovecot (imap,
# pop3, lmtp, sieve), vsftpd (ftp), prosody (xmpp, xmpp-server), inspircd (irc), postgresql
# (postgres), mariadb (mysql), slapd (ldap), INN's nnrpd (nntp). Each case checks the exit code,
# "Verification: OK" against the test PKI and, where openssl's exchange is correct, that our output is
# openssl s_client's. Real refusals (postfix without tlsmgr: 454; prosody: host-unknown; postgres
# ssl=off: 'N'; mariadb without a certificate) are checked too.
set -u
. "$(dirname "$0")/lib.sh"
. "$LIB_DIR/servers/real_servers.sh"

require_s_client
pki_dir >/dev/null || exit 1
P=$_LIB_PKI
# stdin stays open this long, so that both clients see the TLS 1.3 tickets before EOF.
HOLD=${STARTTLS_HOLD:-0.7}
TABLE=$RUN_DIR/table.txt
: >"$TABLE"

note_table() { printf '%-12s %-34s %6s s\n' "$1" "$2" "$3" >>"$TABLE"; }
version_of() { dpkg-query -W -f='${Version}' "$1" 2>/dev/null | sed -e 's/^[0-9]*://' -e 's/[-+~].*//'; }

# st NAME PROTO PORT [cmp=STREAMS|none] [echo=ERE] -- CLIENT ARGS...
# One good case: exit 0, Verification: OK, the echoed line, and the same output as openssl.
st() {
    local name=$1 proto=$2 port=$3 cmp="out err" echo_re=
    shift 3
    while [ $# -gt 0 ] && [ "$1" != -- ]; do
        case $1 in cmp=*) cmp=${1#cmp=} ;; echo=*) echo_re=${1#echo=} ;; esac
        shift
    done
    [ "${1:-}" = -- ] && shift
    local args=(-starttls "$proto" -connect "127.0.0.1:$port" -CAfile "$P/root.pem" "$@")
    CLIENT_HOLD=$HOLD run_client "$name.ours" "${args[@]}"
    expect_rc "$name: exit 0" "$RUN_DIR/$name.ours" 0
    check_grep "$name: Verification: OK" '^Verification: OK$' "$RUN_DIR/$name.ours.out"
    check_no_grep "$name: STARTTLS was offered" "^Didn't find STARTTLS" "$RUN_DIR/$name.ours.err"
    if [ -n "$echo_re" ]; then check_grep "$name: echoes the last plaintext line" "$echo_re" "$RUN_DIR/$name.ours.err"; fi
    if [ "$cmp" != none ]; then
        CLIENT_HOLD=$HOLD run_openssl "$name.ref" "${args[@]}"
        expect_rc "$name: openssl s_client also succeeds" "$RUN_DIR/$name.ref" 0
        expect_same "$name: same output as openssl s_client ($cmp)" "$RUN_DIR/$name.ref" "$RUN_DIR/$name.ours" "$cmp"
    fi
}

# stf NAME ERE PROTO PORT -- CLIENT ARGS... : a refusal: exit 1 within the deadline, stderr names it,
# and no TLS was attempted.
stf() {
    local name=$1 re=$2 proto=$3 port=$4
    shift 4
    [ "${1:-}" = -- ] && shift
    run_client "$name" -starttls "$proto" -connect "127.0.0.1:$port" -CAfile "$P/root.pem" -connect_timeout 10 "$@"
    expect_rc "$name: exit 1" "$RUN_DIR/$name" 1
    check_grep "$name: says what the server answered" "$re" "$RUN_DIR/$name.err"
    check_no_grep "$name: no TLS report" '^(Verification|SSL handshake has read)' "$RUN_DIR/$name.out"
}

skip_note() { echo "note: $1 cannot run here ($2); its cases are skipped"; note_table "$1" "not run: $2" "-"; }

# --- postfix: smtp ---------------------------------------------------------------------------------
if start_postfix yes; then
    note_table smtp "postfix $(version_of postfix)" "$SRV_SECONDS"
    st smtp smtp "$SMTP_PORT" echo='^250 ' -- -name client.test
    st smtp-tls12 smtp "$SMTP_PORT" cmp=out -- -tls1_2
    st smtp-bind smtp "$SMTP_PORT" cmp=none -- -bind 127.0.0.1:0
else skip_note smtp "postfix did not start"; fi
if start_postfix no; then
    stf smtp-454 '^s_client: STARTTLS smtp: server refused STARTTLS: "454 4\.7\.0 TLS not available due to local problem"$' \
        smtp "$SMTP_PORT"
else skip_note smtp-454 "postfix did not start"; fi

# --- dovecot: imap, pop3, lmtp, sieve ----------------------------------------------------------------
if start_dovecot; then
    note_table imap/pop3/lmtp/sieve "dovecot $(version_of dovecot-core)" "$SRV_SECONDS"
    st imap imap "$IMAP_PORT" echo='^\. OK '
    # openssl 3.0 echoes the POP3 greeting cut to the length of the STLS reply; we echo the reply.
    st pop3 pop3 "$POP3_PORT" cmp=out echo='^\+OK Begin TLS'
    st lmtp lmtp "$LMTP_PORT" echo='^250 '
    st sieve sieve "$SIEVE_PORT" cmp=none echo='^OK'
    # ManageSieve sends its capabilities again over TLS; when that arrives is a race for both clients.
    CLIENT_HOLD=$HOLD run_openssl sieve.ref -starttls sieve -connect "127.0.0.1:$SIEVE_PORT" -CAfile "$P/root.pem"
    expect_same "sieve: same stderr as openssl s_client" "$RUN_DIR/sieve.ref" "$RUN_DIR/sieve.ours" err
    # -unix: the same exchange over a Unix socket (forwarded to the IMAP port).
    sock=$RUN_DIR/imap.sock
    start_bg imapunix /usr/bin/python3 "$LIB_DIR/unix_forwarder.py" "$sock" 127.0.0.1 "$IMAP_PORT"
    for _ in $(seq 1 100); do [ -S "$sock" ] && break; sleep 0.05; done
    CLIENT_HOLD=$HOLD run_client imap-unix -starttls imap -unix "$sock" -CAfile "$P/root.pem" -verify_hostname localhost
    expect_rc "imap over -unix: exit 0" "$RUN_DIR/imap-unix" 0
    check_grep "imap over -unix: Verification: OK" '^Verification: OK$' "$RUN_DIR/imap-unix.out"
else skip_note imap "dovecot did not start"; fi

# --- vsftpd: ftp ---------------------------------------------------------------------------------------
if start_vsftpd; then
    note_table ftp "vsftpd $(version_of vsftpd)" "$SRV_SECONDS"
    st ftp ftp "$FTP_PORT" echo='^220 '
else skip_note ftp "vsftpd did not start"; fi

# --- prosody: xmpp, xmpp-server ------------------------------------------------------------------------
if start_prosody; then
    note_table xmpp "prosody $(version_of prosody)" "$SRV_SECONDS"
    st xmpp xmpp "$XMPP_PORT" -- -xmpphost localhost
    st xmpp-server xmpp-server "$XMPPS2S_PORT" -- -name localhost
    # Without -xmpphost the stream is addressed to 127.0.0.1, which prosody does not serve.
    stf xmpp-hostunknown '^s_client: STARTTLS xmpp: stream error: host-unknown$' xmpp "$XMPP_PORT"
else skip_note xmpp "prosody did not start"; fi

# --- inspircd: irc ---------------------------------------------------------------------------------
if start_inspircd; then
    note_table irc "inspircd $(version_of inspircd)" "$SRV_SECONDS"
    st irc irc "$IRC_PORT" echo=' 670 '
else skip_note irc "inspircd did not start"; fi
# With hostname lookups on, inspircd sends NOTICE lines before 670: openssl gives up, we skip them.
if IRC_RESOLVE=yes start_inspircd; then
    st irc-notices irc "$IRC_PORT" cmp=none echo=' 670 '
    run_openssl irc-notices.ref -starttls irc -connect "127.0.0.1:$IRC_PORT" -CAfile "$P/root.pem"
    check_grep "irc-notices: openssl s_client gives up at the NOTICE (why we differ)" \
        '^Server does not support STARTTLS' "$RUN_DIR/irc-notices.ref.err"
fi

# --- slapd: ldap -------------------------------------------------------------------------------------
if start_slapd; then
    note_table ldap "slapd $(version_of slapd)" "$SRV_SECONDS"
    st ldap ldap "$LDAP_PORT"
else skip_note ldap "slapd did not start"; fi

# --- postgresql: postgres ------------------------------------------------------------------------------
if start_postgres on; then
    note_table postgres "postgresql $(version_of postgresql-15)" "$SRV_SECONDS"
    st postgres postgres "$PG_PORT"
else skip_note postgres "postgresql did not start"; fi
if start_postgres off; then
    stf postgres-N "^s_client: STARTTLS postgres: the server does not accept SSL \(it answered 'N'\)$" postgres "$PG_PORT"
fi

# --- mariadb: mysql ----------------------------------------------------------------------------------
if start_mariadb yes; then
    note_table mysql "mariadb $(version_of mariadb-server)" "$SRV_SECONDS"
    st mysql mysql "$MYSQL_PORT"
else skip_note mysql "mariadb did not start"; fi
if start_mariadb no; then
    stf mysql-nossl '^s_client: STARTTLS mysql: MySQL server does not support SSL\.$' mysql "$MYSQL_PORT"
fi

# --- inn2 nnrpd: nntp ----------------------------------------------------------------------------------
if start_nnrpd; then
    note_table nntp "inn2 nnrpd $(version_of inn2)" "$SRV_SECONDS"
    st nntp nntp "$NNTP_PORT" echo='^382 '
else skip_note nntp "nnrpd did not start"; fi

echo "server start times:"
sed 's/^/    /' "$TABLE"
finish

#!/usr/bin/env bash
# hostile_starttls.sh -- every -starttls protocol against a server that floods it before TLS
# (servers/fake_starttls.py endless-PROTO / longline-PROTO): a multi-line greeting or list that never
# ends, and a 64 MiB line without LF. starttls_failures.sh covers SMTP's two cases, refusals, silence,
# reset and injection; this adds the other thirteen protocols and the same checks as hostile_tls.sh:
# exit 1, a last stderr line naming the limit or the bad reply, within -connect_timeout + 1 s, memory
# bounded, and nothing of the flood on stdout (stdout holds only CONNECTED(...)).
set -u
. "$(dirname "$0")/lib.sh"
. "$LIB_DIR/servers/real_servers.sh"
. "$LIB_DIR/servers/hostile.sh"

require_s_client
pki_dir >/dev/null || exit 1
CA=(-CAfile "$_LIB_PKI/root.pem")
LIMIT=4

# flood NAME SCENARIO PROTO ERE [ARGS...]
flood() {
    local name=$1 scenario=$2 proto=$3 re=$4
    shift 4
    start_fake "$scenario" || return
    hostile_run "$name" -starttls "$proto" -connect "127.0.0.1:$FAKE_PORT" "${CA[@]}" -connect_timeout "$LIMIT" "$@"
    # stdout: only CONNECTED(...) (no report: there was no handshake; no server bytes).
    hostile_check "$name" 1 "$re" "$LIMIT" '^[^C]|^C[^O]'
}

TOO_MUCH='more than 1048576 bytes before TLS$'
TOO_LONG='a line longer than 16384 bytes$'

# --- an endless multi-line greeting (or list) -----------------------------------------------------------
flood endless-lmtp endless-lmtp lmtp "^s_client: STARTTLS lmtp: greeting: $TOO_MUCH"
flood endless-ftp endless-ftp ftp "^s_client: STARTTLS ftp: greeting: $TOO_MUCH"
flood endless-imap endless-imap imap "^s_client: STARTTLS imap: reply to CAPABILITY: $TOO_MUCH"
flood endless-nntp endless-nntp nntp "^s_client: STARTTLS nntp: capability list: $TOO_MUCH"
flood endless-sieve endless-sieve sieve "^s_client: STARTTLS sieve: capability list: $TOO_MUCH"
flood endless-irc endless-irc irc "^s_client: STARTTLS irc: reply to STARTTLS: $TOO_MUCH"
# XMPP: <stream:features> whose children never end are refused after 64 (each rescan stays cheap).
flood endless-xmpp endless-xmpp xmpp '^s_client: STARTTLS xmpp: more than 64 child elements in <features> in "'
flood endless-xmpp-server endless-xmpp-server xmpp-server '^s_client: STARTTLS xmpp-server: more than 64 child elements in <features> in "'
flood endless-mysql endless-mysql mysql "^s_client: STARTTLS mysql: server handshake packet: $TOO_MUCH"
flood endless-ldap endless-ldap ldap "^s_client: STARTTLS ldap: ExtendedResponse: $TOO_MUCH"
# One-line protocols: the flood is a positive reply followed by more, or a wrong first reply.
flood endless-pop3 endless-pop3 pop3 '^s_client: STARTTLS pop3: [0-9]+ bytes of plaintext after the go-ahead'
flood endless-postgres endless-postgres postgres '^s_client: STARTTLS postgres: [0-9]+ bytes of plaintext after the go-ahead'
flood endless-telnet endless-telnet telnet '^s_client: STARTTLS telnet: expected IAC DO START_TLS \(ff fd 2e\), got ff fb 01$'

# --- a 64 MiB line without LF ----------------------------------------------------------------------------
for proto in lmtp pop3 imap ftp nntp sieve irc; do
    flood "longline-$proto" "longline-$proto" "$proto" "^s_client: STARTTLS $proto: [a-zA-Z ]+: $TOO_LONG"
done
# XMPP has no lines: an unterminated stream header is bounded by the total.
flood longline-xmpp longline-xmpp xmpp "^s_client: STARTTLS xmpp: stream features: $TOO_MUCH"

hostile_table
finish

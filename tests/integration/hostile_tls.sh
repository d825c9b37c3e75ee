#!/usr/bin/env bash
# hostile_tls.sh -- TLS servers that misbehave on purpose (servers/hostile_tls.py): silence, resets,
# garbage instead of a ServerHello, truncated records, a ~1 MB certificate chain, garbage after the
# handshake, no close_notify, a reset mid-stream, trickling. Every case must give the exact exit code
# (DESIGN.md 2.1), a last stderr line that names what happened, finish within the configured deadline
# plus one second, stay under the memory bound, and print nothing the server did not send over TLS.
set -u
. "$(dirname "$0")/lib.sh"
. "$LIB_DIR/servers/hostile.sh"

require_s_client
pki_dir >/dev/null || exit 1
P=$_LIB_PKI
CA=(-CAfile "$P/root.pem")

# hcase NAME SCENARIO RC ERE LIMIT_S [ARGS...] -- one hostile connection with -connect_timeout LIMIT_S
hcase() {
    local name=$1 scenario=$2 rc=$3 re=$4 limit=$5
    shift 5
    start_hostile "$scenario" || return
    hostile_run "$name" -connect "127.0.0.1:$HOSTILE_PORT" "${CA[@]}" -connect_timeout "$limit" "$@"
    hostile_check "$name" "$rc" "$re" "$limit"
}

# --- before and during the handshake ------------------------------------------------------------------
hcase never-answers silent 1 '^s_client: TLS handshake timed out \(-connect_timeout\)$' 2
hcase accept-reset accept-reset 1 'reset by peer|reset by the server' 2
hcase hello-reset hello-reset 1 'reset by peer|reset by the server' 2
hcase garbage-hello garbage-hello 1 ':wrong version number:' 2
hcase truncated-close truncated-close 1 ':unexpected eof while reading:' 2
hcase truncated-hang truncated-hang 1 '^s_client: TLS handshake timed out \(-connect_timeout\)$' 2
# The deadline covers the whole handshake: a byte every 0.5 s does not extend it.
hcase trickle-hello trickle-hello 1 '^s_client: TLS handshake timed out \(-connect_timeout\)$' 2

# About 1 MB of certificates: libssl's max_cert_list (100 KiB) refuses it, memory stays bounded.
{
    cat "$P/good.chain.pem"
    for _ in $(seq 1 1450); do cat "$P/int.pem"; done
} >"$RUN_DIR/big-chain.pem"
start_hostile bigchain "$RUN_DIR/big-chain.pem" &&
    hostile_run bigchain -connect "127.0.0.1:$HOSTILE_PORT" "${CA[@]}" -connect_timeout 5 &&
    hostile_check bigchain 1 ':excessive message size:' 5
check "bigchain: the chain really is about 1 MB" test "$(stat -c %s "$RUN_DIR/big-chain.pem")" -gt 900000

# --- after the handshake (the relay's endings) ----------------------------------------------------------
# hrelay NAME SCENARIO RC ERE LIMIT_S DATA_ERE [ARGS...] -- as hcase, and stdout shows DATA_ERE (sent over TLS)
hrelay() {
    local name=$1 scenario=$2 rc=$3 re=$4 limit=$5 data=$6
    shift 6
    start_hostile "$scenario" || return
    CLIENT_HOLD=$((limit + 2)) hostile_run "$name" -connect "127.0.0.1:$HOSTILE_PORT" "${CA[@]}" \
        -connect_timeout "$limit" -idle_timeout "$limit" "$@"
    hostile_check "$name" "$rc" "$re" "$limit"
    check_grep "$name: the data sent over TLS reaches stdout" "$data" "$RUN_DIR/$name.out"
}

hrelay garbage-after garbage-after 1 ':(wrong version number|packet length too long):' 3 '^hello over tls$'
hrelay badmac-after badmac-after 1 ':(decryption failed or bad record mac|bad record mac):' 3 '^hello over tls$'
# libssl reports the missing close_notify itself ("unexpected eof while reading"), so the relay's own
# "closed the connection without close_notify" line is not printed (reported to the relay's owner).
hrelay no-close-notify no-close-notify 1 '(:unexpected eof while reading:|without close_notify$)' 3 \
    '^last words over tls$'
hrelay reset-mid reset-mid 1 '^s_client: connection reset by the server \(read:errno=104\)$' 3 '^partial data over tls$'
# (The relay prints the seconds with std::to_string(double): "2.000000"; reported.)
hrelay idle idle 1 '^s_client: nothing moved for 2(\.0+)? seconds \(-idle_timeout\); closing$' 2 '^---$'
# One byte per record every 0.5 s keeps a 1 s -idle_timeout from firing; all of it arrives.
start_hostile trickle-data &&
    CLIENT_HOLD=8 hostile_run trickle-data -connect "127.0.0.1:$HOSTILE_PORT" "${CA[@]}" -idle_timeout 1 -quiet &&
    hostile_check trickle-data 0 '.*' 5
check "trickle-data: every trickled byte, in order" test "$(cat "$RUN_DIR/trickle-data.out")" = trickle

# -ignore_unexpected_eof turns the missing close_notify into a normal end (issue 3).
start_hostile no-close-notify &&
    CLIENT_HOLD=5 hostile_run no-close-notify-ignored -connect "127.0.0.1:$HOSTILE_PORT" "${CA[@]}" \
        -ignore_unexpected_eof -connect_timeout 3 -idle_timeout 3 &&
    hostile_check no-close-notify-ignored 0 '.*' 3

hostile_table
finish

#!/usr/bin/env bash
# relay_faults.sh -- the relay's integrity under injected faults (issue 9 item 4). A real TLS peer
# (bench/tls_peer) sends a known 16 MiB stream; SHA-256 of what reaches stdout must equal what was sent:
#   - through a proxy that cuts the server's bytes into random 1..64-byte TCP segments (TCP_NODELAY),
#     and into 1-byte segments for 512 KiB (every record split at every byte boundary);
#   - with a stalled stdout reader (sleeps 3 s, then reads): memory stays bounded, nothing lost;
#   - with -nbio_test (random short reads and writes), receiving and both directions at once (echo);
#   - with stdout closed early (| head -c 100): exit 0, quietly, no SIGPIPE death;
#   - (with strace) no busy loops, and records towards the server leave in large batched writes.
set -u
. "$(dirname "$0")/lib.sh"
. "$LIB_DIR/servers/hostile.sh"

require_s_client
pki_dir >/dev/null || exit 1
P=$_LIB_PKI
CA=(-CAfile "$P/root.pem")
read -r -a CLIENT <<<"$S_CLIENT"
TLS_PEER=${TLS_PEER:-$(dirname "$(command -v "${CLIENT[0]}")")/tls_peer}
MIB16=$((16 * 1024 * 1024))

# pattern_sha BYTES -- SHA-256 of tls_peer's source stream (byte i = (i*131 >> 3) mod 256, period 2048)
pattern_sha() {
    /usr/bin/python3 -c 'import hashlib,sys
n = int(sys.argv[1]); b = bytes(((i * 131) >> 3) & 255 for i in range(2048))
h = hashlib.sha256(); h.update(b * (n // 2048)); h.update(b[: n % 2048]); print(h.hexdigest())' "$1"
}

# start_peer MODE [ARGS...] -- PEER_PORT, PEER_LOG
start_peer() {
    start_bg "peer-$1-$RANDOM" "$TLS_PEER" "$P/good.chain.pem" "$P/good.key" "$@"
    PEER_LOG=$LAST_LOG
    PEER_PORT=
    for _ in $(seq 1 100); do
        PEER_PORT=$(head -n 1 "$LAST_LOG.out" 2>/dev/null)
        [ -n "$PEER_PORT" ] && return 0
        sleep 0.05
    done
    echo "tls_peer $* did not start" >&2
    return 1
}

# start_proxy TARGET_PORT MODE -- PROXY_PORT
start_proxy() {
    start_bg "proxy-$2-$RANDOM" /usr/bin/python3 "$LIB_DIR/servers/segment_proxy.py" "$1" "$2" 7
    PROXY_PORT=
    for _ in $(seq 1 100); do
        PROXY_PORT=$(awk '/^PORT /{ print $2 }' "$LAST_LOG.out")
        [ -n "$PROXY_PORT" ] && return 0
        sleep 0.05
    done
    return 1
}

# received NAME BYTES -- exit 0, and stdout is exactly the first BYTES of the pattern
received() {
    local name=$1 n=$2
    expect_rc "$name: exit 0" "$RUN_DIR/$name" 0
    check "$name: $n bytes, SHA-256 as sent" test "$(sha256sum <"$RUN_DIR/$name.out" | cut -d' ' -f1)" = "$(pattern_sha "$n")"
}

# --- tiny TCP segments ---------------------------------------------------------------------------------
start_peer source $((512 * 1024)) && start_proxy "$PEER_PORT" 1 &&
    run_client seg1 -connect "127.0.0.1:$PROXY_PORT" "${CA[@]}" -quiet && received seg1 $((512 * 1024))
start_peer source "$MIB16" && start_proxy "$PEER_PORT" random &&
    run_client segrandom -connect "127.0.0.1:$PROXY_PORT" "${CA[@]}" -quiet && received segrandom "$MIB16"

# --- a record that arrives in pieces ------------------------------------------------------------------
# The proxy sends 1000 bytes every 20 ms: most of the time we hold part of a record. libssl counts that
# as pending data; retrying SSL_read on it without waiting for the socket was a busy loop (29,884
# reads for 64 KiB, all but 151 of them EAGAIN). Now at most a few retries per poll() wake-up.
if command -v strace >/dev/null; then
    # LeakSanitizer cannot run under ptrace: the sanitizer build checks leaks everywhere else.
    saved_asan_options=${ASAN_OPTIONS-}
    export ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0
    start_peer source 65536 && start_proxy "$PEER_PORT" pause &&
        _lib_run pieces strace -f -c -o "$RUN_DIR/pieces.strace" "${CLIENT[@]}" -connect "127.0.0.1:$PROXY_PORT" \
            "${CA[@]}" -quiet && received pieces 65536
    reads=$(awk '$NF == "read" { print $4 }' "$RUN_DIR/pieces.strace")
    check "pieces: ${reads:-?} reads for 66 pieces of 1000 bytes (no busy loop)" test "${reads:-999999}" -lt 1500
    # A reset while stdout is stalled: poll() reports POLLHUP/POLLERR even when not asked, so a socket
    # polled with no interest woke us at once, over and over, until the reader came back (10,445 polls
    # in 3 s). Now the socket is left out of poll() while we cannot read from it.
    if start_peer source 3000000 --reset --hold-ms 1000; then
        strace -f -c -o "$RUN_DIR/hup.strace" "${CLIENT[@]}" -connect "127.0.0.1:$PEER_PORT" "${CA[@]}" -quiet \
            </dev/null 2>"$RUN_DIR/hup.err" | { sleep 3; cat >/dev/null; }
        polls=$(awk '$NF == "poll" { print $4 }' "$RUN_DIR/hup.strace")
        check "reset while stdout is stalled: ${polls:-0} polls in 3 s (no busy loop)" test "${polls:-0}" -lt 200
        check_grep "reset while stdout is stalled: reported" 'connection reset by the server' "$RUN_DIR/hup.err"
    fi
    # Records towards the server leave in large writes (256 KiB batches): one write per 16 KiB record
    # would be 1,024 writes for 16 MiB (measured with batching: 140, all streams counted).
    if start_peer sink --limit "$MIB16"; then
        head -c "$MIB16" /dev/zero | strace -f -c -o "$RUN_DIR/batch.strace" "${CLIENT[@]}" \
            -connect "127.0.0.1:$PEER_PORT" "${CA[@]}" -nocommands >"$RUN_DIR/batch.out" 2>&1
        writes=$(awk '$NF == "write" { print $4 }' "$RUN_DIR/batch.strace")
        check "send 16 MiB: ${writes:-?} writes (records leave in batches)" test "${writes:-999999}" -lt 400
        check "send 16 MiB: the server got every byte" test "$(sed -n 2p "$PEER_LOG.out" | cut -d' ' -f1)" = "$MIB16"
    fi
else
    echo "SKIP: strace not installed (scripts/bootstrap.sh installs it)"
fi
[ -n "${saved_asan_options+set}" ] && export ASAN_OPTIONS=$saved_asan_options

# --- a stalled stdout reader ---------------------------------------------------------------------------
if start_peer source "$MIB16"; then
    t0=$(date +%s%N)
    {
        timeout -k 2 60 /usr/bin/time -f %M -o "$RUN_DIR/stalled.mem" "${CLIENT[@]}" \
            -connect "127.0.0.1:$PEER_PORT" "${CA[@]}" -quiet </dev/null 2>"$RUN_DIR/stalled.err"
        echo $? >"$RUN_DIR/stalled.rc"
    } | { sleep 3; sha256sum | cut -d' ' -f1 >"$RUN_DIR/stalled.sha"; }
    ms=$((($(date +%s%N) - t0) / 1000000))
    expect_rc "stalled reader: exit 0" "$RUN_DIR/stalled" 0
    check "stalled reader: 16 MiB, SHA-256 as sent" test "$(cat "$RUN_DIR/stalled.sha")" = "$(pattern_sha "$MIB16")"
    kb=$(_hostile_peak_kb "$RUN_DIR/stalled.mem")
    check "stalled reader: peak RSS ${kb:-?} KiB <= $HOSTILE_MEM_KB KiB" test "${kb:-999999999}" -le "$HOSTILE_MEM_KB"
    check "stalled reader: done in ${ms} ms (reader slept 3 s)" test "$ms" -lt 30000
fi

# --- -nbio_test, both directions at once ---------------------------------------------------------------
# -nbio_test reads at most 7 bytes per call (openssl's BIO_f_nbio_test), about 1 MB/s: 4 MiB here.
MIB4=$((4 * 1024 * 1024))
/usr/bin/python3 -c 'import sys
b = bytes(((i * 131) >> 3) & 255 for i in range(2048)); sys.stdout.buffer.write(b * (int(sys.argv[1]) // 2048))' \
    "$MIB4" >"$RUN_DIR/pattern4"
if start_peer source "$MIB4"; then
    run_client nbio-recv -connect "127.0.0.1:$PEER_PORT" "${CA[@]}" -quiet -nbio_test
    received nbio-recv "$MIB4"
fi
if start_peer echo; then
    # -quiet: stdout is the data alone; -no_ign_eof: stdin's end ends the session (after the drain).
    CLIENT_STDIN=$RUN_DIR/pattern4 run_client nbio-echo -connect "127.0.0.1:$PEER_PORT" "${CA[@]}" \
        -nbio_test -quiet -no_ign_eof
    want=$(pattern_sha "$MIB4")
    for _ in $(seq 1 40); do grep -q . "$PEER_LOG.out" 2>/dev/null && [ "$(wc -l <"$PEER_LOG.out")" -ge 2 ] && break; sleep 0.05; done
    check "nbio echo: the server got 4 MiB as sent" grep -q "^$MIB4 $want\$" "$PEER_LOG.out"
    received nbio-echo "$MIB4"
fi

# --- stdout closed early: SIGPIPE ----------------------------------------------------------------------
if start_peer source "$MIB16"; then
    t0=$(date +%s%N)
    timeout -k 2 20 "${CLIENT[@]}" -connect "127.0.0.1:$PEER_PORT" "${CA[@]}" -quiet </dev/null \
        2>"$RUN_DIR/sigpipe.err" | head -c 100 >"$RUN_DIR/sigpipe.out"
    rc=${PIPESTATUS[0]}
    ms=$((($(date +%s%N) - t0) / 1000000))
    check "stdout closed early: exit 0 (got $rc)" test "$rc" -eq 0
    # -quiet keeps openssl's verify callback lines; nothing else (no error, no "Broken pipe").
    check "stdout closed early: no error on stderr" _lib_not grep -qvE '^(depth=|verify return:)' "$RUN_DIR/sigpipe.err"
    check "stdout closed early: 100 bytes read" test "$(stat -c %s "$RUN_DIR/sigpipe.out")" -eq 100
    check "stdout closed early: done in ${ms} ms" test "$ms" -lt 5000
fi

finish

# shellcheck shell=bash
# lib.sh -- shared helpers for the bash integration tests.  Source it; do not run it.
#
#   . "$(dirname "$0")/lib.sh"
#
# Environment (all optional):
#   S_CLIENT        command for the client under test, word-split: "/work/main/build/s_client" or
#                   "openssl s_client" (to validate the harness itself).  Default: <repo>/build/s_client.
#   OPENSSL         the reference openssl binary (default /usr/bin/openssl).
#   TEST_WORK       scratch directory; the PKI is made once in $TEST_WORK/pki and every script run gets
#                   its own $TEST_WORK/run-<script>.XXXXXX (removed on success unless KEEP_WORK=1).
#                   Default: ${TMPDIR:-/tmp}/s_client-itest-<uid>.
#   CLIENT_TIMEOUT  outer watchdog for one client run, seconds (default 20).
#   CLIENT_HOLD, CLIENT_HOLD_UNTIL, CLIENT_GRACE, CLIENT_STDIN: how run_client feeds stdin (see there).
#   VERBOSE=1       print every PASS line too.
#
# Rules kept here: servers bind 127.0.0.1 / ::1 only, on ports the kernel picks or free_port finds;
# every started process is recorded and stopped by PID on exit; every wait is bounded.

set -u

LIB_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd "$LIB_DIR/../.." && pwd)
OPENSSL=${OPENSSL:-/usr/bin/openssl}
S_CLIENT=${S_CLIENT:-$REPO_ROOT/build/s_client}
TEST_WORK=${TEST_WORK:-${TMPDIR:-/tmp}/s_client-itest-$(id -u)}
CLIENT_TIMEOUT=${CLIENT_TIMEOUT:-20}
VERBOSE=${VERBOSE:-0}
KEEP_WORK=${KEEP_WORK:-0}

mkdir -p "$TEST_WORK" || { echo "lib.sh: cannot create TEST_WORK=$TEST_WORK" >&2; exit 1; }
TEST_WORK=$(cd "$TEST_WORK" && pwd)
_LIB_SCRIPT=$(basename "$0" .sh)
RUN_DIR=$(mktemp -d "$TEST_WORK/run-$_LIB_SCRIPT.XXXXXX") || { echo "lib.sh: mktemp failed" >&2; exit 1; }
_LIB_RESULTS=$RUN_DIR/.results
: >"$_LIB_RESULTS"
_LIB_PIDFILE=$RUN_DIR/.pids
: >"$_LIB_PIDFILE"

# Last started server (set by start_s_server / start_bg).
LAST_PID=
LAST_LOG=

# ---------------------------------------------------------------------------------------------------
# Process bookkeeping and cleanup

# _lib_starttime PID -- the process start time (field 22 of /proc/PID/stat), empty if gone.
_lib_starttime() {
    sed 's/^.*) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f20
}

# track_pid PID... -- stop these at exit (works from subshells too: the list is a file).  The start
# time is recorded with the PID so that cleanup never signals a recycled PID.
track_pid() {
    local p
    for p in "$@"; do echo "$p $(_lib_starttime "$p")" >>"$_LIB_PIDFILE"; done
}

# _lib_alive PID [STARTTIME] -- PID runs (not a zombie) and, if given, started at STARTTIME.
_lib_alive() {
    kill -0 "$1" 2>/dev/null || return 1
    [ -z "${2:-}" ] || [ "$(_lib_starttime "$1")" = "$2" ] || return 1
    case $(ps -o stat= -p "$1" 2>/dev/null) in Z* | "") return 1 ;; esac
    return 0
}

# stop_pid PID [STARTTIME] -- TERM, wait up to 2 s, then KILL.  Only ever signals the given PID, and
# only while it is still the process that started at STARTTIME (when given).
stop_pid() {
    local pid=$1 st=${2:-}
    if _lib_alive "$pid" "$st"; then
        kill -TERM "$pid" 2>/dev/null
        for _ in $(seq 1 20); do
            _lib_alive "$pid" "$st" || break
            sleep 0.1
        done
        _lib_alive "$pid" "$st" && kill -KILL "$pid" 2>/dev/null
    fi
    wait "$pid" 2>/dev/null
    return 0
}

_lib_cleanup() {
    local rc=$? pid st
    trap - EXIT INT TERM
    if [ -s "$_LIB_PIDFILE" ]; then
        # Newest first.  A PID whose start time could not be read had already exited when tracked.
        while read -r pid st; do
            [ -n "$st" ] && stop_pid "$pid" "$st"
        done < <(tac "$_LIB_PIDFILE")
    fi
    if [ "$rc" -eq 0 ] && [ "$KEEP_WORK" != 1 ]; then
        rm -rf -- "$RUN_DIR"
    else
        echo "(work files kept in $RUN_DIR)" >&2
    fi
    exit "$rc"
}
trap _lib_cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---------------------------------------------------------------------------------------------------
# PKI

# pki_dir -- prints the PKI directory, generating it once (flock-serialised across parallel runs).
_LIB_PKI=
pki_dir() {
    local dir=$TEST_WORK/pki
    if [ -n "$_LIB_PKI" ]; then
        echo "$_LIB_PKI"
        return 0
    fi
    (
        if command -v flock >/dev/null 2>&1; then
            exec 9>"$TEST_WORK/pki.lock"
            flock -w 120 9 || { echo "pki_dir: lock timeout" >&2; exit 1; }
        fi
        OPENSSL=$OPENSSL "$LIB_DIR/make-pki.sh" "$dir"
    ) || { echo "pki_dir: make-pki.sh failed" >&2; return 1; }
    _LIB_PKI=$dir
    echo "$dir"
}

# pki_server_args VARIANT -- sets the array PKI_ARGS to the s_server options for a PKI variant
# (good, good-ec, expired, notyet, wronghost, selfsigned, untrusted, incomplete):
#   -cert V.pem -key V.key [-cert_chain V.issuers.pem]
pki_server_args() {
    local p
    [ -n "$_LIB_PKI" ] || pki_dir >/dev/null || return 1
    p=$_LIB_PKI
    PKI_ARGS=(-cert "$p/$1.pem" -key "$p/$1.key")
    [ -s "$p/$1.issuers.pem" ] && PKI_ARGS+=(-cert_chain "$p/$1.issuers.pem")
    return 0
}

# ---------------------------------------------------------------------------------------------------
# Ports and servers

# _port_in_use PORT -- true if something listens on PORT (IPv4 or IPv6), from /proc/net/tcp*.
_port_in_use() {
    local hex
    hex=$(printf '%04X' "$1")
    awk -v h="$hex" 'NR > 1 { split($2, a, ":"); if (a[2] == h && $4 == "0A") f = 1 } END { exit !f }' \
        /proc/net/tcp /proc/net/tcp6 2>/dev/null
}

# free_port -- prints a TCP port in 20000-32767 that nobody listens on and that this run has not
# handed out before.  There is an unavoidable race with other processes; callers that can use port 0
# (start_s_server does) should prefer it.
free_port() {
    local p
    for _ in $(seq 1 200); do
        p=$((20000 + (RANDOM * 32768 + RANDOM + BASHPID * 7919) % 12768))
        grep -qx "$p" "$RUN_DIR/.ports" 2>/dev/null && continue
        _port_in_use "$p" && continue
        echo "$p" >>"$RUN_DIR/.ports"
        echo "$p"
        return 0
    done
    echo "free_port: no free port found" >&2
    return 1
}

# wait_port HOST PORT [SECONDS] -- wait (bounded, integer SECONDS, default 10) until HOST:PORT accepts TCP.
# NB: this connects once; a server that dies on a bare probe (openssl s_server in plain mode) must not
# be probed this way.
wait_port() {
    local host=$1 port=$2 limit=${3:-10}
    for _ in $(seq 1 $((limit * 20))); do
        # shellcheck disable=SC2016  # $0/$1 are expanded by the inner bash
        if timeout 1 bash -c 'exec 3<>"/dev/tcp/$0/$1"' "$host" "$port" 2>/dev/null; then
            return 0
        fi
        sleep 0.05
    done
    echo "wait_port: $host:$port did not accept within ${limit}s" >&2
    return 1
}

# start_bg NAME CMD... -- start any command in the background, stdout/stderr to $RUN_DIR/NAME.out/.err,
# stdin /dev/null, PID recorded for cleanup.  Sets LAST_PID and LAST_LOG ($RUN_DIR/NAME).
start_bg() {
    local name=$1
    shift
    "$@" </dev/null >"$RUN_DIR/$name.out" 2>"$RUN_DIR/$name.err" &
    LAST_PID=$!
    LAST_LOG=$RUN_DIR/$name
    track_pid "$LAST_PID"
}

_LIB_NSERVER=0

# start_s_server PORTVAR ARGS... -- start `openssl s_server -accept HOST:0 ARGS...`, wait (bounded)
# until it listens, and store the kernel-chosen port in the variable named PORTVAR.
#   HOST is $S_SERVER_HOST (default 127.0.0.1; use ::1 for IPv6).
#   The working directory is $S_SERVER_CWD if set (what -WWW / -HTTP serve).
#   With -www, -WWW, -HTTP or -rev, stdin is /dev/null.  Otherwise (plain echo mode, which quits on
#   stdin EOF) stdin is a FIFO that this shell keeps open on fd $LAST_STDIN_FD: write to it to make
#   the server send data to its client (e.g. `echo hello >&"$LAST_STDIN_FD"`).
# Sets LAST_PID, LAST_LOG (the server's stdout/stderr are $LAST_LOG.out / $LAST_LOG.err) and
# LAST_STDIN_FD (empty unless plain mode).  Returns non-zero if the server did not come up.
# -state is always added: its unbuffered stderr lets s_server_done see how far the handshake got.
start_s_server() {
    local _ss_portvar=$1
    shift
    local _ss_host=${S_SERVER_HOST:-127.0.0.1} _ss_acc _ss_a _ss_plain=1 _ss_i _ss_port='' _ss_name
    case $_ss_host in *:*) _ss_acc="[$_ss_host]:0" ;; *) _ss_acc="$_ss_host:0" ;; esac
    for _ss_a in "$@"; do
        case $_ss_a in -www | -WWW | -HTTP | -rev) _ss_plain=0 ;; esac
    done
    _LIB_NSERVER=$((_LIB_NSERVER + 1))
    _ss_name=s_server.$BASHPID.$_LIB_NSERVER
    LAST_LOG=$RUN_DIR/$_ss_name
    LAST_STDIN_FD=
    if [ "$_ss_plain" = 1 ]; then
        mkfifo "$LAST_LOG.in" || return 1
        (
            if [ -n "${S_SERVER_CWD:-}" ]; then cd "$S_SERVER_CWD" || exit 1; fi
            exec "$OPENSSL" s_server -accept "$_ss_acc" -state "$@"
        ) <"$LAST_LOG.in" >"$LAST_LOG.out" 2>"$LAST_LOG.err" &
        LAST_PID=$!
        track_pid "$LAST_PID"
        # Opening the write end rendezvous with the server's read open; both are bounded by the
        # server being alive.
        # shellcheck disable=SC2034  # LAST_STDIN_FD is for the caller
        exec {LAST_STDIN_FD}>"$LAST_LOG.in"
    else
        (
            if [ -n "${S_SERVER_CWD:-}" ]; then cd "$S_SERVER_CWD" || exit 1; fi
            exec "$OPENSSL" s_server -accept "$_ss_acc" -state "$@"
        ) </dev/null >"$LAST_LOG.out" 2>"$LAST_LOG.err" &
        LAST_PID=$!
        track_pid "$LAST_PID"
    fi
    # s_server prints (and flushes) "ACCEPT 127.0.0.1:PORT" / "ACCEPT [::1]:PORT" once it listens.
    for _ss_i in $(seq 1 500); do
        _ss_port=$(sed -n 's/^ACCEPT .*:\([0-9][0-9]*\)$/\1/p' "$LAST_LOG.out" 2>/dev/null | head -n 1)
        [ -n "$_ss_port" ] && break
        kill -0 "$LAST_PID" 2>/dev/null || break
        sleep 0.02
    done
    if [ -z "$_ss_port" ]; then
        echo "start_s_server: s_server $* did not start; its stderr:" >&2
        sed 's/^/    /' "$LAST_LOG.err" >&2
        return 1
    fi
    printf -v "$_ss_portvar" '%s' "$_ss_port"
    return 0
}

# s_server_done LOGPREFIX -- true once the s_server whose output is LOGPREFIX.out/.err (LAST_LOG of
# start_s_server) has sent everything it sends without being asked: after a TLS 1.3 handshake both
# NewSessionTickets (s_server -state prints the state it leaves, so the 2nd "write session ticket" line
# appears once the 2nd ticket is written and flushed), after a TLS 1.2 handshake at once (nothing
# follows the server Finished, and s_client does not read stdin before the handshake completes), and
# after any alert or error.  Meant for one connection per server instance.
s_server_done() {
    awk '
        /SSL_accept:SSLv3\/TLS write session ticket/ { t++ }
        /SSL_accept:SSLv3\/TLS read client key exchange/ { done = 1 }
        /^SSL3 alert|:error:|SSL_accept:(error|failed) in/ { done = 1 }
        END { exit !(done || t >= 2) }
    ' "$1.err" 2>/dev/null
}

# ---------------------------------------------------------------------------------------------------
# Running clients

# run_client OUTPREFIX ARGS... -- run "$S_CLIENT" ARGS under `timeout $CLIENT_TIMEOUT`.
#   stdin: the file $CLIENT_STDIN (default /dev/null).  If $CLIENT_HOLD (seconds, default 0) is > 0,
#   stdin is a FIFO that delivers the file and then stays open before EOF:
#     - CLIENT_HOLD seconds, or
#     - if $CLIENT_HOLD_UNTIL is set (a command, eval'd every 20 ms, e.g. "s_server_done $LAST_LOG"),
#       until that command succeeds plus $CLIENT_GRACE seconds (default 0.2), at most CLIENT_HOLD s.
#   The holder is stopped as soon as the client exits, so failing clients do not wait.
#   Writes OUTPREFIX.out (stdout), OUTPREFIX.err (stderr), OUTPREFIX.rc (exit code; 124 = timeout)
#   and sets RC.
run_client() {
    local prefix=$1
    shift
    local -a cmd
    read -r -a cmd <<<"$S_CLIENT"
    _lib_run "$prefix" "${cmd[@]}" "$@"
}

# require_s_client -- exit 1 with a clear message unless the first word of $S_CLIENT can be run.
require_s_client() {
    local first=${S_CLIENT%% *}
    if ! command -v "$first" >/dev/null 2>&1; then
        echo "S_CLIENT=$S_CLIENT: '$first' not found (build it, or set S_CLIENT)" >&2
        exit 1
    fi
}

# run_openssl OUTPREFIX ARGS... -- the same with "$OPENSSL s_client".
run_openssl() {
    local prefix=$1
    shift
    _lib_run "$prefix" "$OPENSSL" s_client "$@"
}

_lib_hold_until() { # _lib_hold_until MAXSECONDS COMMAND
    local n
    n=$(awk -v s="$1" 'BEGIN { printf "%d", s * 50 }')
    for _ in $(seq 1 "$n"); do
        if eval "$2"; then
            sleep "${CLIENT_GRACE:-0.2}"
            return 0
        fi
        sleep 0.02
    done
    return 0
}

_lib_run() {
    local prefix=$1
    shift
    local in=${CLIENT_STDIN:-/dev/null} hold=${CLIENT_HOLD:-0} wpid
    case $prefix in /*) ;; *) prefix=$RUN_DIR/$prefix ;; esac
    mkdir -p "$(dirname "$prefix")"
    printf '%q ' "$@" >"$prefix.cmd"
    echo >>"$prefix.cmd"
    if [ "$hold" != 0 ]; then
        rm -f "$prefix.stdin"
        mkfifo "$prefix.stdin" || return 1
        (
            # On TERM finish the current short child first (bash defers the trap), so that no orphan
            # is left behind (this sandbox's PID 1 does not reap them).
            trap 'exit 0' TERM
            cat "$in"
            if [ -n "${CLIENT_HOLD_UNTIL:-}" ]; then
                _lib_hold_until "$hold" "$CLIENT_HOLD_UNTIL"
            else
                exec sleep "$hold"
            fi
        ) >"$prefix.stdin" &
        wpid=$!
        track_pid "$wpid"
        timeout -k 2 "$CLIENT_TIMEOUT" "$@" <"$prefix.stdin" >"$prefix.out" 2>"$prefix.err"
        RC=$?
        stop_pid "$wpid"
        rm -f "$prefix.stdin"
    else
        timeout -k 2 "$CLIENT_TIMEOUT" "$@" <"$in" >"$prefix.out" 2>"$prefix.err"
        RC=$?
    fi
    echo "$RC" >"$prefix.rc"
    return 0
}

# ---------------------------------------------------------------------------------------------------
# Normalisation and comparison

# normalise FILE -- print FILE with the parts that legitimately vary between runs replaced:
#   CONNECTED(0000000N)                        -> CONNECTED(FD)
#   8088C0F7B47F0000:error:...                 -> TID:error:...
#   Session-ID / Master-Key / Resumption PSK hex values, Start Time, Timeout, ticket lifetime hint
#   the "TLS session ticket:" hex dump         -> one line "    <ticket dump>" (its length varies)
#   SSL handshake has read N bytes and written M bytes -> read <N> ... written <M>
# and drops two lines ours deliberately does not print (DESIGN.md section 2.8):
#   "read R BLOCK" (outside -nbio/-nbio_test) and "Can't use SSL_get_servername".
# Debug output (-msg, -debug, -tlsextdebug, -trace, -keymatexport), only in its own formats:
#   -msg hex rows of Handshake / ApplicationData messages (randoms, keys, ciphertext) -> "xx" per
#     byte (the count stays; record headers, alerts and inner content types stay exact);
#   -debug "read from 0x.. [0x..]" / "write to ..." pointers -> <BIO> [<BUF>], and the BIO_dump
#     rows after them (ciphertext) -> offset + "<bytes>"; likewise the rows after -tlsextdebug's
#     "key share" extension (the server's ephemeral key);
#   -trace: gmt_unix_time, and "(len=N): HEX" values (randoms, keys, signatures, tickets);
#     ticket_age_add; "Keying material: HEX".
# With NORMALISE_BLOCK=1 (for -nbio/-nbio_test runs, where how often a call would block is timing
# and chance) every "read|write R|W BLOCK" line is dropped.
normalise() {
    awk -v drop_block="${NORMALISE_BLOCK:-0}" '
        in_ticket && /^    [0-9a-f][0-9a-f][0-9a-f][0-9a-f] - / { next }
        { in_ticket = 0 }
        /^    TLS session ticket:$/ { print; print "    <ticket dump>"; in_ticket = 1; next }
        $0 == "read R BLOCK" { next }
        drop_block == 1 && /^(read|write) [RW] BLOCK$/ { next }
        # -msg
        /^(>>>|<<<) / { msg_mask = ($0 ~ /, (Handshake|ApplicationData) \[length /) }
        msg_mask && /^   ( [0-9a-f][0-9a-f])+$/ { gsub(/[0-9a-f][0-9a-f]/, "xx"); print; next }
        !/^   ( [0-9a-f][0-9a-f])+$/ && !/^(>>>|<<<) / { msg_mask = 0 }
        # -debug and -tlsextdebug key share dumps
        dump_mask && /^[0-9a-f][0-9a-f][0-9a-f][0-9a-f] - / { print substr($0, 1, 7) "<bytes>"; next }
        { dump_mask = 0 }
        /^(read from|write to) (0x[0-9a-f]+|\(nil\)) \[(0x[0-9a-f]+|\(nil\))\] / {
            sub(/^read from [^ ]+ [^ ]+ /, "read from <BIO> [<BUF>] ")
            sub(/^write to [^ ]+ [^ ]+ /, "write to <BIO> [<BUF>] ")
            dump_mask = 1
        }
        /^TLS server extension "key share" / { dump_mask = 1 }
        $0 == "Can'\''t use SSL_get_servername" { next }
        { print }
    ' "$1" | sed -E \
        -e 's/^CONNECTED\([0-9A-Fa-f]+\)$/CONNECTED(FD)/' \
        -e 's/^[0-9A-F]{8,16}:(error|warning):/TID:\1:/' \
        -e 's/^(    Session-ID: )[0-9A-F]+$/\1<ID>/' \
        -e 's/^(    Master-Key: )[0-9A-F]+$/\1<KEY>/' \
        -e 's/^(    Resumption PSK: )[0-9A-F]+$/\1<PSK>/' \
        -e 's/^(    Start Time: )[0-9]+$/\1<TIME>/' \
        -e 's/^(    Timeout   : )[0-9]+ \(sec\)$/\1<N> (sec)/' \
        -e 's/^(    TLS session ticket lifetime hint: )[0-9]+ \(seconds\)$/\1<N> (seconds)/' \
        -e 's/^SSL handshake has read [0-9]+ bytes and written [0-9]+ bytes$/SSL handshake has read <N> bytes and written <M> bytes/' \
        -e 's/^( +gmt_unix_time=0x)[0-9A-F]+$/\1<T>/' \
        -e 's/^( +[A-Za-z_ ]+:? +\(len=[0-9]+\): )[0-9A-F]+$/\1<HEX>/' \
        -e 's/^( +ticket_age_add=)[0-9]+$/\1<N>/' \
        -e 's/^(    Keying material: )[0-9A-F]+$/\1<KEYMAT>/'
}

# ---------------------------------------------------------------------------------------------------
# Assertions and summary

_lib_record() { # _lib_record PASS|FAIL NAME [detail-file]
    echo "$1 $2" >>"$_LIB_RESULTS"
    if [ "$1" = FAIL ]; then
        echo "FAIL: $2"
        if [ -n "${3:-}" ] && [ -s "$3" ]; then sed 's/^/    /' "$3" | head -n 60; fi
    elif [ "$VERBOSE" = 1 ]; then
        echo "PASS: $2"
    fi
}

# check NAME CMD... -- run CMD; PASS if it exits 0.  e.g. check "rc is 0" test "$RC" -eq 0
check() {
    local name=$1
    shift
    if "$@" >"$RUN_DIR/.check.$BASHPID" 2>&1; then
        _lib_record PASS "$name"
    else
        echo "command failed: $*" >>"$RUN_DIR/.check.$BASHPID"
        _lib_record FAIL "$name" "$RUN_DIR/.check.$BASHPID"
    fi
    rm -f "$RUN_DIR/.check.$BASHPID"
}

# check_grep NAME ERE FILE / check_no_grep NAME ERE FILE -- FILE does / does not match the ERE.
check_grep() { check "$1" grep -qE -- "$2" "$3"; }
check_no_grep() { check "$1" _lib_not grep -qE -- "$2" "$3"; }
_lib_not() { ! "$@"; }

# expect_rc NAME OUTPREFIX EXPECTED -- the run's exit code equals EXPECTED.
expect_rc() {
    local got
    got=$(cat "$2.rc" 2>/dev/null || echo missing)
    if [ "$got" = "$3" ]; then
        _lib_record PASS "$1"
    else
        { echo "exit code $got, expected $3 ($(cat "$2.cmd" 2>/dev/null))"; echo "stderr:"; cat "$2.err"; } \
            >"$RUN_DIR/.rc.$BASHPID" 2>/dev/null
        _lib_record FAIL "$1" "$RUN_DIR/.rc.$BASHPID"
        rm -f "$RUN_DIR/.rc.$BASHPID"
    fi
}

# expect_same NAME PREFIX_REF PREFIX_OURS [STREAMS] -- normalised stdout and stderr (STREAMS: "out err",
# the default, or just "out" / "err") are identical.  On failure prints a unified diff (ref = ---).
expect_same() {
    local name=$1 a=$2 b=$3 streams=${4:-out err} s ok=1 d
    d=$RUN_DIR/.diff.$BASHPID
    : >"$d"
    for s in $streams; do
        normalise "$a.$s" >"$a.$s.norm"
        normalise "$b.$s" >"$b.$s.norm"
        if ! diff -u --label "openssl.$s" --label "ours.$s" "$a.$s.norm" "$b.$s.norm" >>"$d"; then
            ok=0
        fi
    done
    if [ "$ok" = 1 ]; then
        _lib_record PASS "$name"
    else
        _lib_record FAIL "$name" "$d"
    fi
    rm -f "$d"
}

# finish -- print "N passed, N failed" and exit non-zero if anything failed (or nothing ran).
finish() {
    local pass fail
    pass=$(grep -c '^PASS ' "$_LIB_RESULTS")
    fail=$(grep -c '^FAIL ' "$_LIB_RESULTS")
    echo "$pass passed, $fail failed"
    [ "$fail" -eq 0 ] && [ "$pass" -gt 0 ] && exit 0
    exit 1
}

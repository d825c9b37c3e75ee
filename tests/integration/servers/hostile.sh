# shellcheck shell=bash
# hostile.sh -- helpers for the hostile-server suites (hostile_*.sh). Source after lib.sh.
#
#   start_hostile SCENARIO [CHAIN]      one connection of servers/hostile_tls.py; sets HOSTILE_PORT
#   hostile_run NAME ARGS...            run the client under /usr/bin/time; sets H_MS (elapsed) and
#                                       H_KB (peak RSS in KiB); files $RUN_DIR/NAME.{out,err,rc,mem}
#   hostile_check NAME RC ERE LIMIT_S [NOT_ON_STDOUT_ERE]
#        exit code RC; stderr's last line matches ERE (the one-line error); elapsed <= LIMIT_S + 1 s;
#        peak RSS <= HOSTILE_MEM_KB; stdout never matches NOT_ON_STDOUT_ERE (default: the marker every
#        hostile server puts in the bytes it sends outside TLS). Adds a row to the suite's table.
#   hostile_table                       prints the table (also kept in $TEST_WORK/NAME-table.txt).
#
# HOSTILE_MEM_KB: 64 MiB for a plain build. A sanitizer build's own overhead (shadow memory,
# quarantine) is measured once with `-help` and added, so the bound still catches our growth.

HOSTILE_MARK=HOSTILE-PLAINTEXT
_H_TABLE=$RUN_DIR/.hostile-table

_hostile_peak_kb() { # last line of a /usr/bin/time -o file ("Command exited with ..." may precede it)
    tail -n 1 "$1" 2>/dev/null | tr -dc '0-9'
}

if [ -z "${HOSTILE_MEM_KB:-}" ]; then
    read -r -a _h_cmd <<<"$S_CLIENT"
    /usr/bin/time -f %M -o "$RUN_DIR/.baseline.mem" "${_h_cmd[@]}" -help >/dev/null 2>&1
    _h_base=$(_hostile_peak_kb "$RUN_DIR/.baseline.mem")
    HOSTILE_MEM_KB=65536
    # A plain build's -help needs a few MiB; more means a sanitizer runtime.
    if [ -n "$_h_base" ] && [ "$_h_base" -gt 16384 ]; then HOSTILE_MEM_KB=$((65536 + _h_base)); fi
fi

# start_hostile SCENARIO [CHAIN] -- HOSTILE_PORT
start_hostile() {
    local chain=${2:-$RUN_DIR/hostile-chain.pem}
    [ -s "$RUN_DIR/hostile-chain.pem" ] || cat "$_LIB_PKI/good.chain.pem" >"$RUN_DIR/hostile-chain.pem"
    start_bg "hostile-$1-$RANDOM" /usr/bin/python3 "$LIB_DIR/servers/hostile_tls.py" "$1" "$chain" "$_LIB_PKI/good.key"
    HOSTILE_LOG=$LAST_LOG
    HOSTILE_PORT=
    for _ in $(seq 1 100); do
        HOSTILE_PORT=$(awk '/^PORT /{ print $2 }' "$LAST_LOG.out")
        [ -n "$HOSTILE_PORT" ] && return 0
        sleep 0.05
    done
    echo "hostile server $1 did not start" >&2
    cat "$LAST_LOG.err" >&2
    return 1
}

hostile_run() {
    local name=$1 t0
    shift
    t0=$(date +%s%N)
    S_CLIENT="/usr/bin/time -f %M -o $RUN_DIR/$name.mem $S_CLIENT" run_client "$name" "$@"
    H_MS=$((($(date +%s%N) - t0) / 1000000))
    H_KB=$(_hostile_peak_kb "$RUN_DIR/$name.mem")
}

hostile_check() {
    local name=$1 rc=$2 re=$3 limit=$4 notout=${5:-$HOSTILE_MARK} p=$RUN_DIR/$1 last
    last=$(tail -n 1 "$p.err")
    expect_rc "$name: exit $rc" "$p" "$rc"
    check "$name: one-line error: $re" grep -qE -- "$re" <<<"$last"
    check "$name: ${H_MS} ms <= ${limit} s + 1 s" test "$H_MS" -le $((limit * 1000 + 1000))
    check "$name: peak RSS ${H_KB:-?} KiB <= $HOSTILE_MEM_KB KiB" test "${H_KB:-999999999}" -le "$HOSTILE_MEM_KB"
    check "$name: nothing on stdout the server did not send over TLS" _lib_not grep -qaE -- "$notout" "$p.out"
    printf '%s\t%s\t%s\t%s\t%s\n' "$name" "$(cat "$p.rc")" "$last" "$H_MS" "${H_KB:-?}" >>"$_H_TABLE"
}

hostile_table() {
    local out=$TEST_WORK/$_LIB_SCRIPT-table.txt
    {
        printf '| case | exit | message (last stderr line) | ms | peak KiB |\n|---|---|---|---|---|\n'
        awk -F'\t' '{ printf "| %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5 }' "$_H_TABLE"
    } >"$out"
    cat "$out"
}

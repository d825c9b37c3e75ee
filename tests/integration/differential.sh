# shellcheck shell=bash
# differential.sh -- the scenario runner shared by the differential scripts (diff_basic.sh,
# diff_observe.sh). Source it after lib.sh; the script defines server_args KIND, which sets SARGS
# (s_server options) and optionally SCWD (its working directory, default $RUN_DIR/www).
#
# sc NAME SERVER [key=value...] -- CLIENT-ARGS...
#   SERVER: a kind for server_args (each client gets its own instance and -connect 127.0.0.1:PORT is put
#           before CLIENT-ARGS), "closed" (a port nobody listens on) or "none" (no -connect at all).
#   rc=N    expected exit code of both clients (default 0)
#   ref=N   expected exit code of openssl s_client      ours=N  expected exit code of $S_CLIENT
#   cmp=... streams to compare: "out err" (default), "out", "err" or "none"
#   hold=S  0: stdin EOF right after its content; default: held until the server is done
#   stdin=F stdin content (default empty)
#   block=1 drop "read|write R|W BLOCK" lines before comparing (-nbio/-nbio_test: their number is
#           timing and chance)
#   files=F also compare the file F.ref / F.ours (each client gets its own; write @FILE@ in
#           CLIENT-ARGS where the file name goes)
# With S_CLIENT=openssl s_client (self-test of the harness) ours' expected exit codes are openssl's.
# After a scenario, d_last is its file prefix ($d_last.ours.err, ...).

NSC=0
SELFTEST=0
case "$(basename "${S_CLIENT%% *}") ${S_CLIENT#* }" in openssl\ s_client*) SELFTEST=1 ;; esac
HOLD_MAX=${HOLD_MAX:-10}
CLOSED_PORT=$(free_port) || exit 1
mkdir -p "$RUN_DIR/www"

sc() {
    local name=$1 srv=$2
    shift 2
    local rc_ref=0 rc_ours=0 cmp="out err" hold=$HOLD_MAX in=/dev/null kv block=0 files=''
    while [ $# -gt 0 ] && [ "$1" != -- ]; do
        kv=$1
        shift
        case $kv in
            rc=*) rc_ref=${kv#rc=}; rc_ours=${kv#rc=} ;;
            ref=*) rc_ref=${kv#ref=} ;;
            ours=*) rc_ours=${kv#ours=} ;;
            cmp=*) cmp=${kv#cmp=} ;;
            hold=*) hold=${kv#hold=} ;;
            stdin=*) in=${kv#stdin=} ;;
            block=*) block=${kv#block=} ;;
            files=*) files=${kv#files=} ;;
            *) echo "sc: bad key $kv in scenario '$name'" >&2; exit 2 ;;
        esac
    done
    [ "${1:-}" = -- ] && shift
    [ "$SELFTEST" = 1 ] && rc_ours=$rc_ref
    NSC=$((NSC + 1))
    local d port pid_ref='' pid_ours='' log_ref='' log_ours='' a
    d=$RUN_DIR/$(printf '%02d' "$NSC")-$(echo "$name" | tr -c 'A-Za-z0-9_.\n-' '_')
    local -a pre_ref=() pre_ours=() args_ref=() args_ours=()
    for a in "$@"; do
        args_ref+=("${a//@FILE@/$d.ref.file}")
        args_ours+=("${a//@FILE@/$d.ours.file}")
    done
    case $srv in
        none) hold=0 ;;
        closed)
            hold=0
            pre_ref=(-connect "127.0.0.1:$CLOSED_PORT")
            pre_ours=("${pre_ref[@]}")
            ;;
        *)
            server_args "$srv" || exit 1
            S_SERVER_CWD=${SCWD:-$RUN_DIR/www} start_s_server port "${SARGS[@]}" || exit 1
            pre_ref=(-connect "127.0.0.1:$port")
            pid_ref=$LAST_PID
            log_ref=$LAST_LOG
            S_SERVER_CWD=${SCWD:-$RUN_DIR/www} start_s_server port "${SARGS[@]}" || exit 1
            pre_ours=(-connect "127.0.0.1:$port")
            pid_ours=$LAST_PID
            log_ours=$LAST_LOG
            ;;
    esac
    CLIENT_STDIN=$in CLIENT_HOLD=$hold CLIENT_HOLD_UNTIL=${log_ref:+s_server_done $log_ref} \
        run_openssl "$d.ref" "${pre_ref[@]}" "${args_ref[@]}" &
    local p1=$!
    CLIENT_STDIN=$in CLIENT_HOLD=$hold CLIENT_HOLD_UNTIL=${log_ours:+s_server_done $log_ours} \
        run_client "$d.ours" "${pre_ours[@]}" "${args_ours[@]}" &
    local p2=$!
    wait "$p1" "$p2"
    [ -n "$pid_ref" ] && stop_pid "$pid_ref"
    [ -n "$pid_ours" ] && stop_pid "$pid_ours"
    expect_rc "$name: openssl exit code" "$d.ref" "$rc_ref"
    expect_rc "$name: ours exit code" "$d.ours" "$rc_ours"
    if [ "$cmp" != none ]; then
        NORMALISE_BLOCK=$block expect_same "$name: same output" "$d.ref" "$d.ours" "$cmp"
    fi
    if [ -n "$files" ]; then
        cp "$d.ref.file" "$d.ref.f" 2>/dev/null || : >"$d.ref.f"
        cp "$d.ours.file" "$d.ours.f" 2>/dev/null || : >"$d.ours.f"
        NORMALISE_BLOCK=$block expect_same "$name: same $files" "$d.ref" "$d.ours" f
    fi
    d_last=$d
}

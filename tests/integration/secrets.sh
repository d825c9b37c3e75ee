#!/usr/bin/env bash
# secrets.sh -- pass phrases given with -pass / -proxy_pass never appear in our stdout or stderr
# (also under -debug -msg -state, on success and on every failure), nor in the process title
# (/proc/PID/cmdline shows "pass:****" once the arguments are parsed: util/argv_secrets.h); the
# -keylogfile file is created with mode 0600 whatever the umask.
set -u
. "$(dirname "$0")/lib.sh"
. "$LIB_DIR/servers/real_servers.sh"
. "$LIB_DIR/servers/hostile.sh"

require_s_client
pki_dir >/dev/null || exit 1
P=$_LIB_PKI
CA=(-CAfile "$P/root.pem")
read -r -a CLIENT <<<"$S_CLIENT"
SECRET='Sw0rdf1sh-s3cret'
SECRET64=$(printf 'alice:%s' "$SECRET" | base64)

# no_secret NAME -- neither the pass phrase nor "alice:PASS" in base64 in NAME's stdout or stderr
no_secret() {
    check "$1: pass phrase not in stdout/stderr" _lib_not grep -qaF -e "$SECRET" -e "$SECRET64" \
        "$RUN_DIR/$1.out" "$RUN_DIR/$1.err"
}

pki_server_args good
start_s_server port -www "${PKI_ARGS[@]}" || exit 1

# --- through a proxy with Basic authentication, everything debug prints turned on ----------------------
if start_tinyproxy alice "$SECRET"; then
    run_client proxy-ok -proxy "127.0.0.1:$PROXY_PORT" -proxy_user alice -proxy_pass "pass:$SECRET" \
        -connect "127.0.0.1:$port" "${CA[@]}" -debug -msg -state -tlsextdebug
    expect_rc "proxy-ok: exit 0" "$RUN_DIR/proxy-ok" 0
    no_secret proxy-ok
    run_client proxy-407 -proxy "127.0.0.1:$PROXY_PORT" -proxy_user alice -proxy_pass "pass:${SECRET}x" \
        -connect "127.0.0.1:$port" "${CA[@]}" -debug -msg
    expect_rc "proxy-407: exit 1" "$RUN_DIR/proxy-407" 1
    check "proxy-407: no secret in the refusal" _lib_not grep -qaF -e "$SECRET" "$RUN_DIR/proxy-407.out" "$RUN_DIR/proxy-407.err"
else
    echo "note: tinyproxy cannot run here; proxy cases skipped"
fi

# --- bad sources: the error names the source type, never the text ---------------------------------------
run_client bad-source -proxy 127.0.0.1:9 -proxy_user alice -proxy_pass "$SECRET" -connect "127.0.0.1:$port"
expect_rc "bad-source: exit 2" "$RUN_DIR/bad-source" 2
no_secret bad-source
run_client bad-source2 -proxy 127.0.0.1:9 -proxy_user alice -proxy_pass "a:$SECRET" -connect "127.0.0.1:$port"
no_secret bad-source2
run_client key-pass -connect "127.0.0.1:$port" -pass "pass:$SECRET"
no_secret key-pass

# --- the process title -----------------------------------------------------------------------------------
# A proxy that never answers keeps us waiting (bounded by -connect_timeout) while we read /proc.
start_hostile silent
"${CLIENT[@]}" -proxy "127.0.0.1:$HOSTILE_PORT" -proxy_user alice -proxy_pass "pass:$SECRET" \
    -connect "127.0.0.1:$port" -connect_timeout 3 </dev/null >"$RUN_DIR/title.out" 2>"$RUN_DIR/title.err" &
cpid=$!
track_pid "$cpid"
title=
for _ in $(seq 1 40); do
    sleep 0.05
    title=$(tr '\0' ' ' <"/proc/$cpid/cmdline" 2>/dev/null)
    case $title in *'pass:*'*) break ;; esac
done
wait "$cpid"
check "process title: pass phrase hidden ($title)" _lib_not grep -qF -- "$SECRET" <<<"$title"
check "process title: shows pass:****" grep -qF -- "pass:$(printf '%*s' ${#SECRET} '' | tr ' ' '*')" <<<"$title"
check "process title: the other arguments stay" grep -qF -- "-proxy_user alice" <<<"$title"

# --- key log file mode -----------------------------------------------------------------------------------
(
    umask 000
    run_client keylog -connect "127.0.0.1:$port" "${CA[@]}" \
        -keylogfile "$RUN_DIR/keys.log"
)
check "keylog: file written" grep -q '^CLIENT_HANDSHAKE_TRAFFIC_SECRET \|^CLIENT_RANDOM ' "$RUN_DIR/keys.log"
check "keylog: mode 0600 under umask 000 ($(stat -c %a "$RUN_DIR/keys.log"))" test "$(stat -c %a "$RUN_DIR/keys.log")" = 600

finish

#!/usr/bin/env bash
# reconnect_bench.sh -- wall time of `-reconnect` (6 handshakes) for our s_client and openssl
# s_client, side by side, against one local openssl s_server, on TLS 1.2 and TLS 1.3.
# Not a test: it prints times and ratios only.  Under TLS 1.3 ours waits for a ticket before
# each reconnection and then resumes; openssl reconnects at once with a full handshake (its bug
# #10714), so the two do different work there: the "Reused" column says what each achieved.
#
#   bench/reconnect_bench.sh [RUNS]     (default 10 runs per client and version)
#   S_CLIENT=/path/to/s_client  OPENSSL=/usr/bin/openssl
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
S_CLIENT=${S_CLIENT:-$root/build/s_client}
OPENSSL=${OPENSSL:-/usr/bin/openssl}
RUNS=${1:-10}
[ -x "$S_CLIENT" ] || { echo "build s_client first (scripts/build.sh): $S_CLIENT" >&2; exit 1; }

work=$(mktemp -d)
server_pid=
cleanup() {
    [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
    rm -rf -- "$work"
}
trap cleanup EXIT

OPENSSL_CONF=/dev/null "$OPENSSL" req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
    -keyout "$work/key.pem" -out "$work/cert.pem" -subj /CN=localhost -days 2 >/dev/null 2>&1 || exit 1
"$OPENSSL" s_server -accept 127.0.0.1:0 -www -cert "$work/cert.pem" -key "$work/key.pem" \
    </dev/null >"$work/server.out" 2>&1 &
server_pid=$!
port=
for _ in $(seq 1 250); do
    port=$(sed -n 's/^ACCEPT .*:\([0-9][0-9]*\)$/\1/p' "$work/server.out" | head -n 1)
    [ -n "$port" ] && break
    sleep 0.02
done
[ -n "$port" ] || { echo "s_server did not start" >&2; exit 1; }

# run_series CMD... -- total wall seconds for RUNS runs; the last run's output in $work/last.out
run_series() {
    local start end
    start=$(date +%s%N)
    for _ in $(seq 1 "$RUNS"); do
        timeout 30 "$@" -connect "127.0.0.1:$port" -CAfile "$work/cert.pem" -reconnect \
            </dev/null >"$work/last.out" 2>/dev/null
    done
    end=$(date +%s%N)
    awk -v ns=$((end - start)) -v n="$RUNS" 'BEGIN { printf "%.1f", ns / n / 1e6 }'
}

printf '%-8s %-10s %12s %8s   %-10s %12s %8s   %s\n' version client "ms/run" Reused client "ms/run" Reused "ours/openssl"
for v in -tls1_2 -tls1_3; do
    ours=$(run_series "$S_CLIENT" "$v")
    ours_reused=$(grep -c '^Reused,' "$work/last.out")
    ref=$(run_series "$OPENSSL" s_client "$v")
    ref_reused=$(grep -c '^Reused,' "$work/last.out")
    ratio=$(awk -v a="$ours" -v b="$ref" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
    printf '%-8s %-10s %12s %8s   %-10s %12s %8s   %s\n' "${v#-}" ours "$ours" "$ours_reused/5" openssl "$ref" "$ref_reused/5" "$ratio"
done

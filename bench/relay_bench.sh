#!/usr/bin/env bash
# relay_bench.sh -- the relay's speed, side by side in one run (a benchmark, not a test):
#   1 GiB server->client and 1 GiB client->server over loopback with our s_client, with
#   `openssl s_client`, and with ceiling_client (the simplest blocking libssl loop, the upper bound);
#   MB/s, client CPU seconds, peak RSS and the ratios; then the wall time of one short run
#   (`s_client -connect ... </dev/null`, process start to exit) for ours and openssl.
# The peer is a real libssl server (bench/tls_peer) that costs as little as it can, since it shares
# the machine's cores with the client: it sends its records in 256 KiB writes (--wbuf), as a
# production server with large socket writes does. Sending, the peer closes (close_notify) once it
# holds every byte, so each client's time ends when the data has arrived; an extra line shows ours
# against a peer that never answers, where ours waits >= 250 ms for a reply at stdin EOF (DESIGN 2.4).
# Usage: bench/relay_bench.sh [BYTES]  (default 1 GiB; builds with scripts/build.sh first)
#        ROUNDS=N (default 3): each transfer is measured N times; the median run is reported.
#        STRACE=1 bench/relay_bench.sh  also counts the syscalls of one receive (strace -c -f).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bytes=${1:-$((1024 * 1024 * 1024))}
build=$root/build
[[ -x $build/s_client && -x $build/tls_peer && -x $build/ceiling_client ]] || "$root/scripts/build.sh" normal >/dev/null
work=$(mktemp -d)
peer_pid=
cleanup() {
  [[ -n $peer_pid ]] && kill "$peer_pid" 2>/dev/null && wait "$peer_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
bash "$root/tests/integration/make-pki.sh" "$work/pki" >/dev/null
cert=$work/pki/good.chain.pem key=$work/pki/good.key
ours=("$build/s_client") ref=(/usr/bin/openssl s_client) ceiling=("$build/ceiling_client")

start_peer() {  # start_peer MODE ARGS... -> $port
  rm -f "$work/peer.out"
  "$build/tls_peer" "$cert" "$key" "$@" >"$work/peer.out" 2>/dev/null &
  peer_pid=$!
  port=
  for _ in $(seq 200); do port=$(head -n 1 "$work/peer.out" 2>/dev/null || true); [[ -n $port ]] && break; sleep 0.02; done
}
finish_peer() { wait "$peer_pid" 2>/dev/null || true; peer_pid=; }

declare -A wall cpu rss
# measure NAME DIRECTION -- runs one client; fills wall/cpu/rss.
measure() {
  local name=$1 dir=$2 t0 t1
  local -a cmd
  case $name in ours) cmd=("${ours[@]}") ;; openssl) cmd=("${ref[@]}") ;; ceiling) cmd=("${ceiling[@]}") ;; esac
  if [[ $dir == recv ]]; then
    start_peer source "$bytes" --no-digest --wbuf 262144
    t0=$(date +%s%N)
    if [[ $name == ceiling ]]; then
      /usr/bin/time -f '%U %S %M' -o "$work/time" "${cmd[@]}" "$port" recv </dev/null 2>/dev/null | cat >/dev/null
    else
      /usr/bin/time -f '%U %S %M' -o "$work/time" "${cmd[@]}" -connect "127.0.0.1:$port" -quiet </dev/null 2>/dev/null | cat >/dev/null
    fi
  else
    if [[ $dir == send-silent ]]; then start_peer sink --no-digest; else start_peer sink --no-digest --limit "$bytes"; fi
    t0=$(date +%s%N)
    if [[ $name == ceiling ]]; then
      head -c "$bytes" /dev/zero | /usr/bin/time -f '%U %S %M' -o "$work/time" "${cmd[@]}" "$port" send >/dev/null 2>&1
    else
      head -c "$bytes" /dev/zero | /usr/bin/time -f '%U %S %M' -o "$work/time" "${cmd[@]}" -connect "127.0.0.1:$port" -nocommands >/dev/null 2>&1
    fi
  fi
  t1=$(date +%s%N)
  finish_peer
  read -r u s m <"$work/time"
  wall[$name.$dir]=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')
  cpu[$name.$dir]=$(awk -v u="$u" -v s="$s" 'BEGIN { printf "%.2f", u + s }')
  rss[$name.$dir]=$((m / 1024))
}

# Loopback on 2 cores is noisy (+-20% run to run): every measurement is taken ROUNDS times,
# interleaved, and the run with the median wall time is reported.
rounds=${ROUNDS:-3}
: >"$work/runs"
for _ in $(seq "$rounds"); do
  for dir in recv send; do
    for name in ours openssl ceiling; do
      measure "$name" "$dir"
      echo "$name $dir ${wall[$name.$dir]} ${cpu[$name.$dir]} ${rss[$name.$dir]}" >>"$work/runs"
    done
  done
  measure ours send-silent
  echo "ours send-silent ${wall[ours.send-silent]} ${cpu[ours.send-silent]} ${rss[ours.send-silent]}" >>"$work/runs"
done
while read -r name dir w c r; do
  wall[$name.$dir]=$w cpu[$name.$dir]=$c rss[$name.$dir]=$r
done < <(sort -k1,1 -k2,2 -k3,3n "$work/runs" | awk -v m=$(((rounds + 1) / 2)) '{ k = $1 " " $2; n[k]++; if (n[k] == m) print }')

mb=$(awk -v b="$bytes" 'BEGIN { print b / 1e6 }')
printf '\nRelay throughput, %s MB over loopback, median of %d runs (client CPU = user+sys of the client process)\n' "$mb" "$rounds"
printf '%-11s %-9s %9s %9s %9s %9s\n' direction client 'MB/s' 'wall s' 'CPU s' 'RSS MiB'
for pair in recv.ours recv.openssl recv.ceiling send.ours send.openssl send.ceiling send-silent.ours; do
  dir=${pair%.*} name=${pair#*.}
  printf '%-11s %-9s %9.0f %9s %9s %9s\n' "$dir" "$name" "$(awk -v m="$mb" -v w="${wall[$name.$dir]}" 'BEGIN { print m / w }')" \
    "${wall[$name.$dir]}" "${cpu[$name.$dir]}" "${rss[$name.$dir]}"
done
printf '\nRatios (wall time: higher is better for ours)\n'
for dir in recv send; do
  awk -v d="$dir" -v o="${wall[ours.$dir]}" -v r="${wall[openssl.$dir]}" -v c="${wall[ceiling.$dir]}" \
      -v oc="${cpu[ours.$dir]}" -v rc="${cpu[openssl.$dir]}" \
    'BEGIN { printf "%s: ours/openssl speed %.2fx, ceiling/ours %.2fx, openssl CPU / ours CPU %.2fx\n", d, r / o, o / c, rc / oc }'
done

# One short run, process start to exit.
runs=40
pki_ca=$work/pki/root.pem
/usr/bin/openssl s_server -accept 127.0.0.1:0 -cert "$work/pki/good.pem" -key "$key" -cert_chain "$work/pki/good.issuers.pem" -www \
  >"$work/www.out" 2>&1 &
peer_pid=$!
port=
for _ in $(seq 200); do port=$(sed -n 's/^ACCEPT .*:\([0-9]*\)$/\1/p' "$work/www.out" | head -n 1); [[ -n $port ]] && break; sleep 0.02; done
# short_pair TRUST-ARGS... -- prints "OURS_MS OPENSSL_MS": the median of $runs runs each, ours and
# openssl alternating so that both see the same machine.
short_pair() {
  local t0 t1 i
  : >"$work/short.ours"
  : >"$work/short.openssl"
  for i in $(seq "$runs"); do
    for name in ours openssl; do
      if [[ $name == ours ]]; then c=("${ours[@]}"); else c=("${ref[@]}"); fi
      t0=$(date +%s%N)
      "${c[@]}" -connect "127.0.0.1:$port" "$@" </dev/null >/dev/null 2>&1 || true
      t1=$(date +%s%N)
      echo $((t1 - t0)) >>"$work/short.$name"
    done
  done
  for name in ours openssl; do
    sort -n "$work/short.$name" | awk '{ v[NR] = $1 } END { printf "%.2f ", v[int((NR + 1) / 2)] / 1e6 }'
  done
  echo
}
read -r o r < <(short_pair -CAfile "$pki_ca")
printf '\nShort run (</dev/null, TLS 1.3 against openssl s_server -www), median of %d:\n' "$runs"
printf '  -CAfile (one root):        ours %s ms, openssl %s ms\n' "$o" "$r"
# The usual `s_client -connect host:443`: the default trust store. The system bundle plus the test
# root stands in for a public CA (SSL_CERT_FILE), so that verification succeeds the default way.
bundle=/etc/ssl/certs/ca-certificates.crt
if [[ -r $bundle ]]; then
  cat "$bundle" "$pki_ca" >"$work/bundle.pem"
  read -r o r < <(SSL_CERT_FILE=$work/bundle.pem short_pair)
  printf '  default trust store (%d certificates): ours %s ms, openssl %s ms\n' \
    "$(grep -c 'BEGIN CERTIFICATE' "$work/bundle.pem")" "$o" "$r"
fi
kill "$peer_pid" 2>/dev/null; wait "$peer_pid" 2>/dev/null || true; peer_pid=

if [[ ${STRACE:-0} == 1 ]] && command -v strace >/dev/null; then
  for name in ours openssl; do
    start_peer source "$bytes" --no-digest
    if [[ $name == ours ]]; then c=("${ours[@]}"); else c=("${ref[@]}"); fi
    strace -c -f -o "$work/strace.$name" "${c[@]}" -connect "127.0.0.1:$port" -quiet </dev/null 2>/dev/null | cat >/dev/null
    finish_peer
    printf '\nsyscalls, %s receiving %s MB:\n' "$name" "$mb"
    awk 'NR > 2 && $NF != "total" && $4 ~ /^[0-9]+$/ && $4 > 100 { print "  " $NF, $4 }' "$work/strace.$name"
  done
fi

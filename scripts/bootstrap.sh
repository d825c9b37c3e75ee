#!/usr/bin/env bash
# Installs the Debian packages the build, the demo and the tests need.
# Only what is missing is installed, so a second run costs nothing.
set -euo pipefail

packages=(
  build-essential cmake g++ pkg-config
  libssl-dev openssl
  libgtest-dev googletest
  clang libclang-rt-14-dev
  # valgrind memcheck (tests/integration/valgrind_e2e.sh); GNU time for peak RSS (hostile_*.sh)
  valgrind time
  # System-call counts (relay_faults.sh: no busy loop while a record is incomplete).
  strace
  python3
  gnutls-bin
  # -json: the JSON library, and the schema validator the tests use.
  nlohmann-json3-dev python3-jsonschema
  # The man page test renders docs/s_client.1 with groff -ww.
  groff-base man-db
  # Real STARTTLS servers and an HTTP CONNECT proxy for the integration tests
  # (tests/integration/starttls_*.sh start them on loopback with their own configs).
  postfix
  dovecot-imapd dovecot-pop3d dovecot-lmtpd dovecot-managesieved dovecot-sieve
  vsftpd prosody inspircd slapd mariadb-server postgresql
  inn2
  tinyproxy
  # An HTTPS server for the relay's stdin-EOF tests.
  nginx-light
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done

((${#missing[@]})) || exit 0

echo "bootstrap: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
sudo_cmd=()
[[ $(id -u) -eq 0 ]] || sudo_cmd=(sudo)

# While installing, no package may start its system daemon: those would grab
# the standard ports (25, 143, 5432, ...) and outlive us. policy-rc.d answering
# 101 ("action forbidden") makes invoke-rc.d skip every start. A policy-rc.d
# that was already there is kept and put back afterwards.
policy=/usr/sbin/policy-rc.d
saved_policy=
if [[ -e $policy ]]; then
  saved_policy=$(mktemp)
  "${sudo_cmd[@]}" cp -p "$policy" "$saved_policy"
fi
restore_policy() {
  if [[ -n $saved_policy ]]; then
    "${sudo_cmd[@]}" cp -p "$saved_policy" "$policy"
    rm -f "$saved_policy"
  else
    "${sudo_cmd[@]}" rm -f "$policy"
  fi
}
trap restore_policy EXIT
printf '#!/bin/sh\nexit 101\n' | "${sudo_cmd[@]}" tee "$policy" >/dev/null
"${sudo_cmd[@]}" chmod 755 "$policy"

# postfix asks how it is used. "Local only" writes /etc/postfix/main.cf, which
# inn2's postinst needs (it runs newaliases); nothing is started (see above).
printf '%s\n' "postfix postfix/main_mailer_type select Local only" \
  "postfix postfix/mailname string localdomain" | "${sudo_cmd[@]}" debconf-set-selections

apt_install() {
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends \
    -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold "$@"
}

"${sudo_cmd[@]}" apt-get update -qq
if ! apt_install "${missing[@]}"; then
  # inn2's postinst fails when the host name has no domain part ("vm"): it
  # wants "domain:" in /etc/news/inn.conf. Writing that file before the
  # install does not work (dpkg then keeps our one-line file and innconfval
  # misses every other key), so set it in the shipped file and configure again.
  if [[ -f /etc/news/inn.conf ]] && ! grep -qs '^domain:' /etc/news/inn.conf; then
    printf 'domain: localdomain\n' | "${sudo_cmd[@]}" tee -a /etc/news/inn.conf >/dev/null
  fi
  "${sudo_cmd[@]}" dpkg --configure -a
  apt_install "${missing[@]}"
fi

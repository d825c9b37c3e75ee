# shellcheck shell=bash
# real_servers.sh -- start the Debian-packaged STARTTLS servers on free loopback ports, each with its
# own configuration under $RUN_DIR/<name>, stopped by PID when the test script exits (lib.sh).
# Source it after lib.sh. Configurations follow ../shared/reference/testbed.md.
#
# Every start_NAME function returns non-zero (after printing why) if the server did not come up, sets
# the port variable(s) it documents and SRV_SECONDS (start time, for the suite's table).
# Daemons that refuse to run as root are started with setpriv, which execs: the PID we track is the
# daemon's own.

SRV_CHAIN= SRV_KEY=

_srv_prepare() { # _srv_prepare NAME OWNER -- make $RUN_DIR/NAME with the server's cert and key
    local dir=$RUN_DIR/$1 owner=$2
    chmod 755 "$RUN_DIR"
    mkdir -p "$dir"
    cp "$_LIB_PKI/good.chain.pem" "$dir/server.crt"
    cp "$_LIB_PKI/good.key" "$dir/server.key"
    chmod 600 "$dir/server.key"
    chown -R "$owner" "$dir"
    chmod 755 "$dir"
    echo "$dir"
}

_srv_t0() { date +%s%N; }
_srv_seconds() { awk -v a="$1" -v b="$(date +%s%N)" 'BEGIN { printf "%.2f", (b - a) / 1e9 }'; }

# _srv_wait NAME PID HOST PORT... -- wait (bounded, 15 s) for every port; on failure show the log.
_srv_wait() {
    local name=$1 pid=$2 host=$3 p
    shift 3
    for p in "$@"; do
        if ! wait_port "$host" "$p" 15 2>/dev/null || ! kill -0 "$pid" 2>/dev/null; then
            echo "$name did not start (port $p); its output:" >&2
            tail -n 20 "$RUN_DIR/$name.out" "$RUN_DIR/$name.err" 2>/dev/null | sed 's/^/    /' >&2
            return 1
        fi
    done
}

# start_dovecot -- IMAP_PORT POP3_PORT LMTP_PORT SIEVE_PORT
start_dovecot() {
    local t0 d
    t0=$(_srv_t0)
    d=$(_srv_prepare dovecot root:root)
    IMAP_PORT=$(free_port) POP3_PORT=$(free_port) LMTP_PORT=$(free_port) SIEVE_PORT=$(free_port)
    mkdir -p "$d/run" "$d/state" "$d/home"
    cat >"$d/dovecot.conf" <<CONF
base_dir = $d/run
state_dir = $d/state
log_path = /dev/stderr
protocols = imap pop3 lmtp sieve
listen = 127.0.0.1
ssl = yes
ssl_cert = <$d/server.crt
ssl_key = <$d/server.key
auth_mechanisms = plain
passdb {
  driver = static
  args = password=secret
}
userdb {
  driver = static
  args = uid=nobody gid=nogroup home=$d/home/%u
}
mail_location = maildir:~/Maildir
service imap-login {
  inet_listener imap {
    port = $IMAP_PORT
  }
  inet_listener imaps {
    port = 0
  }
}
service pop3-login {
  inet_listener pop3 {
    port = $POP3_PORT
  }
  inet_listener pop3s {
    port = 0
  }
}
service lmtp {
  inet_listener lmtp {
    address = 127.0.0.1
    port = $LMTP_PORT
  }
}
service managesieve-login {
  inet_listener sieve {
    port = $SIEVE_PORT
  }
}
CONF
    start_bg dovecot dovecot -F -c "$d/dovecot.conf"
    _srv_wait dovecot "$LAST_PID" 127.0.0.1 "$IMAP_PORT" "$POP3_PORT" "$LMTP_PORT" "$SIEVE_PORT" || return 1
    SRV_SECONDS=$(_srv_seconds "$t0")
}

# start_postfix [tlsmgr=yes|no] -- SMTP_PORT. Without tlsmgr smtpd answers STARTTLS with 454.
start_postfix() {
    local with_tlsmgr=${1:-yes} t0 d name=postfix
    [ "$with_tlsmgr" = yes ] || name=postfix-notls
    t0=$(_srv_t0)
    d=$(_srv_prepare "$name" root:root)
    SMTP_PORT=$(free_port)
    mkdir -p "$d/conf" "$d/queue" "$d/data"
    chown postfix "$d/data"
    cat >"$d/conf/main.cf" <<CONF
compatibility_level = 3.6
queue_directory = $d/queue
data_directory = $d/data
meta_directory = /etc/postfix
mail_owner = postfix
setgid_group = postdrop
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
myhostname = mx.test.localdomain
mydestination =
relayhost =
notify_classes =
maillog_file = /dev/stdout
smtpd_tls_cert_file = $d/server.crt
smtpd_tls_key_file = $d/server.key
smtpd_tls_security_level = may
smtpd_tls_loglevel = 1
CONF
    cat >"$d/conf/master.cf" <<CONF
127.0.0.1:$SMTP_PORT inet n - n - - smtpd
postlog   unix-dgram n - n - 1 postlogd
pickup    unix n - n 60 1 pickup
cleanup   unix n - n - 0 cleanup
qmgr      unix n - n 300 1 qmgr
rewrite   unix - - n - - trivial-rewrite
bounce    unix - - n - 0 bounce
defer     unix - - n - 0 bounce
trace     unix - - n - 0 bounce
verify    unix - - n - 1 verify
anvil     unix - - n - 1 anvil
error     unix - - n - - error
discard   unix - - n - - discard
proxymap  unix - - n - - proxymap
CONF
    [ "$with_tlsmgr" = yes ] && echo 'tlsmgr    unix - - n 1000? 1 tlsmgr' >>"$d/conf/master.cf"
    postfix -c "$d/conf" check >"$RUN_DIR/$name.check" 2>&1
    start_bg "$name" postfix -c "$d/conf" start-fg
    _srv_wait "$name" "$LAST_PID" 127.0.0.1 "$SMTP_PORT" || return 1
    # start-fg is a shell script; master, whose PID it writes, is the one to stop (it stops its children).
    local master
    master=$(tr -dc '0-9' <"$d/queue/pid/master.pid" 2>/dev/null)
    [ -n "$master" ] && track_pid "$master"
    SRV_SECONDS=$(_srv_seconds "$t0")
}

# start_vsftpd -- FTP_PORT
start_vsftpd() {
    local t0 d
    t0=$(_srv_t0)
    d=$(_srv_prepare vsftpd root:root)
    FTP_PORT=$(free_port)
    mkdir -p "$d/empty"
    cat >"$d/vsftpd.conf" <<CONF
listen=YES
listen_ipv6=NO
listen_address=127.0.0.1
listen_port=$FTP_PORT
background=NO
anonymous_enable=NO
local_enable=YES
pam_service_name=vsftpd
secure_chroot_dir=$d/empty
ssl_enable=YES
rsa_cert_file=$d/server.crt
rsa_private_key_file=$d/server.key
force_local_logins_ssl=YES
force_local_data_ssl=YES
require_ssl_reuse=NO
seccomp_sandbox=NO
xferlog_enable=NO
vsftpd_log_file=$d/vsftpd.log
CONF
    start_bg vsftpd vsftpd "$d/vsftpd.conf"
    _srv_wait vsftpd "$LAST_PID" 127.0.0.1 "$FTP_PORT" || return 1
    SRV_SECONDS=$(_srv_seconds "$t0")
}

# start_prosody -- XMPP_PORT XMPPS2S_PORT (prosody refuses root, and then hangs: run it as prosody)
start_prosody() {
    local t0 d
    t0=$(_srv_t0)
    d=$(_srv_prepare prosody prosody:prosody)
    XMPP_PORT=$(free_port) XMPPS2S_PORT=$(free_port)
    mkdir -p "$d/data"
    cat >"$d/prosody.cfg.lua" <<CONF
pidfile = "$d/data/prosody.pid"
data_path = "$d/data"
log = { { levels = { min = "info" }, to = "console" } }
interfaces = { "127.0.0.1" }
c2s_ports = { $XMPP_PORT }
s2s_ports = { $XMPPS2S_PORT }
c2s_direct_tls_ports = { }
s2s_direct_tls_ports = { }
modules_enabled = { "tls", "saslauth", "disco", "dialback", "ping" }
c2s_require_encryption = true
s2s_require_encryption = true
s2s_secure_auth = false
authentication = "internal_hashed"
ssl = { certificate = "$d/server.crt", key = "$d/server.key" }
VirtualHost "localhost"
CONF
    chown -R prosody:prosody "$d"
    start_bg prosody setpriv --reuid=prosody --regid=prosody --init-groups prosody --config "$d/prosody.cfg.lua" -F
    _srv_wait prosody "$LAST_PID" 127.0.0.1 "$XMPP_PORT" "$XMPPS2S_PORT" || return 1
    SRV_SECONDS=$(_srv_seconds "$t0")
}

# start_inspircd -- IRC_PORT (resolvehostnames="no": the hostname NOTICE made openssl give up)
start_inspircd() {
    local t0 d
    t0=$(_srv_t0)
    d=$(_srv_prepare inspircd irc:irc)
    IRC_PORT=$(free_port)
    mkdir -p "$d/data"
    cat >"$d/inspircd.conf" <<CONF
<server name="irc.test.localdomain" description="test ircd" network="Test">
<admin name="admin" nick="admin" email="admin@localhost">
<module name="ssl_gnutls">
<module name="starttls">
<sslprofile name="Clients" provider="gnutls" certfile="$d/server.crt" keyfile="$d/server.key" dhfile="" hash="sha256" requestclientcert="no">
<starttls provider="Clients">
<bind address="127.0.0.1" port="$IRC_PORT" type="clients">
<connect allow="*" timeout="60" pingfreq="120" recvq="8192" sendq="262144" localmax="100" globalmax="100" resolvehostnames="${IRC_RESOLVE:-no}" useident="no">
<log method="file" type="* -USERINPUT -USEROUTPUT" level="default" target="$d/data/ircd.log">
<dns server="127.0.0.1" timeout="1">
CONF
    chown -R irc:irc "$d"
    start_bg inspircd setpriv --reuid=irc --regid=irc --init-groups inspircd --nofork --nopid --config "$d/inspircd.conf"
    _srv_wait inspircd "$LAST_PID" 127.0.0.1 "$IRC_PORT" || return 1
    SRV_SECONDS=$(_srv_seconds "$t0")
}

# start_slapd -- LDAP_PORT
start_slapd() {
    local t0 d
    t0=$(_srv_t0)
    d=$(_srv_prepare slapd openldap:openldap)
    LDAP_PORT=$(free_port)
    mkdir -p "$d/db"
    cat >"$d/slapd.conf" <<CONF
include       /etc/ldap/schema/core.schema
pidfile       $d/slapd.pid
argsfile      $d/slapd.args
modulepath    /usr/lib/ldap
moduleload    back_mdb
TLSCertificateFile    $d/server.crt
TLSCertificateKeyFile $d/server.key
database      mdb
maxsize       10485760
suffix        "dc=test"
rootdn        "cn=admin,dc=test"
rootpw        secret
directory     $d/db
CONF
    chown -R openldap:openldap "$d"
    start_bg slapd slapd -d 0 -f "$d/slapd.conf" -h "ldap://127.0.0.1:$LDAP_PORT/" -u openldap -g openldap
    _srv_wait slapd "$LAST_PID" 127.0.0.1 "$LDAP_PORT" || return 1
    SRV_SECONDS=$(_srv_seconds "$t0")
}

# start_postgres [ssl=on|off] -- PG_PORT (stop: SIGINT is a fast shutdown; TERM waits for clients)
start_postgres() {
    local ssl=${1:-on} t0 d bin=/usr/lib/postgresql/15/bin name=postgres
    [ "$ssl" = on ] || name=postgres-nossl
    t0=$(_srv_t0)
    d=$(_srv_prepare "$name" postgres:postgres)
    PG_PORT=$(free_port)
    setpriv --reuid=postgres --regid=postgres --init-groups "$bin/initdb" -D "$d/data" -A trust -U postgres \
        --no-sync >"$RUN_DIR/$name.initdb" 2>&1 || { cat "$RUN_DIR/$name.initdb" >&2; return 1; }
    start_bg "$name" setpriv --reuid=postgres --regid=postgres --init-groups "$bin/postgres" -D "$d/data" \
        -c listen_addresses=127.0.0.1 -c port="$PG_PORT" -c unix_socket_directories="$d" -c ssl="$ssl" \
        -c ssl_cert_file="$d/server.crt" -c ssl_key_file="$d/server.key" -c fsync=off
    _srv_wait "$name" "$LAST_PID" 127.0.0.1 "$PG_PORT" || return 1
    SRV_SECONDS=$(_srv_seconds "$t0")
}

# start_mariadb [ssl=yes|no] -- MYSQL_PORT
start_mariadb() {
    local ssl=${1:-yes} t0 d name=mariadb
    [ "$ssl" = yes ] || name=mariadb-nossl
    t0=$(_srv_t0)
    d=$(_srv_prepare "$name" mysql:mysql)
    MYSQL_PORT=$(free_port)
    {
        echo "[mariadbd]"
        echo "user=mysql"
        echo "datadir=$d/data"
        echo "socket=$d/mysqld.sock"
        echo "pid-file=$d/mysqld.pid"
        echo "bind-address=127.0.0.1"
        echo "port=$MYSQL_PORT"
        echo "skip-name-resolve"
        echo "log-error=$d/error.log"
        if [ "$ssl" = yes ]; then
            echo "ssl-cert=$d/server.crt"
            echo "ssl-key=$d/server.key"
        fi
        echo "innodb_buffer_pool_size=16M"
        echo "innodb_log_file_size=8M"
        echo "performance_schema=OFF"
    } >"$d/my.cnf"
    chown -R mysql:mysql "$d"
    mariadb-install-db --defaults-file="$d/my.cnf" --auth-root-authentication-method=normal --skip-test-db \
        >"$RUN_DIR/$name.install" 2>&1 || { tail "$RUN_DIR/$name.install" >&2; return 1; }
    start_bg "$name" mariadbd --defaults-file="$d/my.cnf"
    _srv_wait "$name" "$LAST_PID" 127.0.0.1 "$MYSQL_PORT" || { tail "$d/error.log" >&2; return 1; }
    SRV_SECONDS=$(_srv_seconds "$t0")
}

# start_nnrpd -- NNTP_PORT (INN's reader daemon alone, self-contained in its directory)
start_nnrpd() {
    local t0 d
    t0=$(_srv_t0)
    d=$(_srv_prepare inn news:news)
    NNTP_PORT=$(free_port)
    mkdir -p "$d/etc" "$d/db" "$d/run" "$d/log" "$d/spool" "$d/overview" "$d/tmp"
    cat >"$d/etc/inn.conf" <<CONF
domain:        test.localdomain
pathhost:      news.test.localdomain
mta:           "/bin/true"
pathnews:      /usr/lib/news
pathbin:       /usr/lib/news/bin
pathetc:       $d/etc
pathdb:        $d/db
pathrun:       $d/run
pathlog:       $d/log
pathspool:     $d/spool
pathoverview:  $d/overview
pathtmp:       $d/tmp
ovmethod:      tradindexed
hismethod:     hisv6
tlscertfile:   $d/server.crt
tlskeyfile:    $d/server.key
CONF
    cat >"$d/etc/readers.conf" <<'CONF'
auth "local" {
    hosts: "127.0.0.1, ::1, localhost"
    default: "<local>"
}
access "local" {
    users: "<local>"
    newsgroups: "*"
    access: R
}
CONF
    printf 'method timehash {\n    newsgroups: *\n    class: 0\n}\n' >"$d/etc/storage.conf"
    echo 'test 0000000000 0000000001 y' >"$d/db/active"
    : >"$d/db/newsgroups"
    chown -R news:news "$d"
    INNCONF=$d/etc/inn.conf setpriv --reuid=news --regid=news --init-groups /usr/lib/news/bin/tdx-util -c -n test -f y \
        >"$RUN_DIR/inn.tdx" 2>&1 || { cat "$RUN_DIR/inn.tdx" >&2; return 1; }
    start_bg inn env INNCONF="$d/etc/inn.conf" setpriv --reuid=news --regid=news --init-groups \
        /usr/lib/news/bin/nnrpd -D -f -b 127.0.0.1 -p "$NNTP_PORT"
    _srv_wait inn "$LAST_PID" 127.0.0.1 "$NNTP_PORT" || return 1
    SRV_SECONDS=$(_srv_seconds "$t0")
}

# start_tinyproxy [USER PASS] -- PROXY_PORT (Basic auth when USER is given)
start_tinyproxy() {
    local t0 d name=tinyproxy
    [ $# -ge 2 ] && name=tinyproxy-auth
    t0=$(_srv_t0)
    d=$(_srv_prepare "$name" nobody:nogroup)
    PROXY_PORT=$(free_port)
    {
        echo "User nobody"
        echo "Group nogroup"
        echo "Port $PROXY_PORT"
        echo "Listen 127.0.0.1"
        echo "Timeout 60"
        echo "LogLevel Info"
        echo "PidFile \"$d/tinyproxy.pid\""
        echo "MaxClients 20"
        echo "Allow 127.0.0.1"
        echo "DisableViaHeader Yes"
        [ $# -ge 2 ] && echo "BasicAuth $1 $2"
    } >"$d/tinyproxy.conf"
    chown -R nobody:nogroup "$d"
    start_bg "$name" tinyproxy -d -c "$d/tinyproxy.conf"
    _srv_wait "$name" "$LAST_PID" 127.0.0.1 "$PROXY_PORT" || return 1
    SRV_SECONDS=$(_srv_seconds "$t0")
}

# start_fake SCENARIO [LISTEN] -- FAKE_PORT: one connection of tests/integration/servers/fake_starttls.py
start_fake() {
    local name=fake-$1-$RANDOM
    [ -s "$RUN_DIR/fake-chain.pem" ] || cat "$_LIB_PKI/good.chain.pem" >"$RUN_DIR/fake-chain.pem"
    start_bg "$name" /usr/bin/python3 "$LIB_DIR/servers/fake_starttls.py" "$1" "$RUN_DIR/fake-chain.pem" \
        "$_LIB_PKI/good.key" "${2:-127.0.0.1}"
    FAKE_LOG=$LAST_LOG
    FAKE_PORT=
    for _ in $(seq 1 100); do
        FAKE_PORT=$(awk '/^PORT /{ print $2 }' "$LAST_LOG.out")
        [ -n "$FAKE_PORT" ] && return 0
        sleep 0.05
    done
    echo "fake server $1 did not start" >&2
    cat "$LAST_LOG.err" >&2
    return 1
}

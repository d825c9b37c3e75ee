#!/usr/bin/env bash
# make-pki.sh OUTDIR -- generate the integration-test PKI with the openssl CLI.
#
# Layout of OUTDIR (all PEM; keys are unencrypted PKCS#8):
#   root.pem root.key               "C = XX, O = Test Org, CN = Test Root CA" (the trust anchor)
#   int.pem  int.key                "C = XX, O = Test Org, CN = Test Intermediate CA" (signed by root)
#   capath/                         hashed directory (openssl rehash) holding root.pem only
#   For every server variant V:
#     V.pem        the leaf (or the only certificate)
#     V.key        its private key
#     V.chain.pem  what a server should send: leaf + intermediate(s)  (gnutls-serv, nginx, ...)
#     V.issuers.pem the intermediate(s) alone, for `openssl s_server -cert V.pem -cert_chain V.issuers.pem`
#                  (empty file when the variant sends no intermediate)
#   Variants: good (RSA-2048), good-ec (P-256), expired, notyet, wronghost, selfsigned,
#             untrusted (leaf + intermediate from an unrelated root), incomplete (= good, without intermediate),
#             client (clientAuth EKU; its chain file is for -cert_chain on the client side).
#   untrusted-root.pem untrusted-int.pem   the unrelated CA pair.
#   revoked.pem/.key/.issuers.pem   a leaf like good-ec, revoked by the intermediate (keyCompromise).
#   good.ocsp.der revoked.ocsp.der  OCSP responses (DER) from the intermediate for the good and
#                                   revoked leaves, valid for 10 years, for `s_server -status_file`.
#   ca/                             openssl ca databases (index.txt) for later CRL/OCSP use.
#   Client identities (pass phrase "test1234" wherever one is needed):
#     client.enc.key      client.key as encrypted PKCS#8 (AES-256-CBC)
#     client.der client.key.der   DER copies of the certificate and the (plain) key
#     client.enc.key.der  the encrypted key in DER
#     client.p12          key + certificate + intermediate, PKCS#12
#     client-untrusted.pem/.key   a client certificate from the untrusted intermediate
#
# Names: CN=localhost + SAN DNS:localhost, IP:127.0.0.1, IP:::1 for every "good-looking" leaf;
# wronghost has CN/SAN www.example.net only.  Only the good RSA leaf has an RSA key; everything else is P-256.
#
# Idempotent: OUTDIR/.pki-stamp records a checksum of this script; when it matches (and the good leaf is
# not about to expire) the script does nothing.  Otherwise the PKI is generated in a temporary sibling
# directory and moved into place, so a reader never sees a half-written PKI.
# Callers that may run in parallel must serialise calls themselves (lib.sh's pki_dir uses flock).
set -u
set -o pipefail

if [ $# -ne 1 ]; then
    echo "usage: $0 OUTDIR" >&2
    exit 2
fi
out=$1
OPENSSL=${OPENSSL:-openssl}
export OPENSSL_CONF=/dev/null

self=${BASH_SOURCE[0]}
stamp_value="$(cksum <"$self" | cut -d' ' -f1)-v1"

if [ -f "$out/.pki-stamp" ] && [ "$(cat "$out/.pki-stamp")" = "$stamp_value" ] &&
    "$OPENSSL" x509 -noout -checkend 86400 -in "$out/good.pem" >/dev/null 2>&1; then
    exit 0
fi

if [ -e "$out" ] && [ ! -f "$out/.pki-stamp" ] && [ -n "$(ls -A "$out" 2>/dev/null)" ]; then
    echo "make-pki.sh: $out exists, is not empty and was not made by this script; refusing to replace it" >&2
    exit 1
fi

parent=$(dirname -- "$out")
mkdir -p -- "$parent" || exit 1
tmp=$(mktemp -d "$parent/.pki-tmp.XXXXXX") || exit 1
# shellcheck disable=SC2317  # called by the EXIT trap
cleanup() { [ -n "${tmp:-}" ] && rm -rf -- "$tmp"; }
trap cleanup EXIT

die() {
    echo "make-pki.sh: $*" >&2
    [ -f "$tmp/log" ] && tail -n 20 "$tmp/log" >&2
    exit 1
}

cd -- "$tmp" || die "cannot cd to $tmp"
mkdir -p ca/root/new ca/int/new ca/uroot/new ca/uint/new capath || die "mkdir"
for d in root int uroot uint; do
    : >"ca/$d/index.txt"
    echo "unique_subject = no" >"ca/$d/index.txt.attr"
done

# One config for everything: req defaults, four CAs, extension sections.  SAN comes from $ENV::SAN.
cat >ca.cnf <<'EOF'
[ req ]
distinguished_name = req_dn
prompt             = no
[ req_dn ]
CN = unused

[ root ]
dir           = ca/root
database      = $dir/index.txt
new_certs_dir = $dir/new
serial        = $dir/serial
certificate   = root.pem
private_key   = root.key
default_md       = sha256
policy           = policy_any
preserve         = yes
unique_subject   = no
email_in_dn      = no
default_days     = 7300
default_crl_days = 3650

[ int ]
dir           = ca/int
database      = $dir/index.txt
new_certs_dir = $dir/new
serial        = $dir/serial
certificate   = int.pem
private_key   = int.key
default_md       = sha256
policy           = policy_any
preserve         = yes
unique_subject   = no
email_in_dn      = no
default_days     = 3650
default_crl_days = 3650

[ uroot ]
dir           = ca/uroot
database      = $dir/index.txt
new_certs_dir = $dir/new
serial        = $dir/serial
certificate   = untrusted-root.pem
private_key   = untrusted-root.key
default_md       = sha256
policy           = policy_any
preserve         = yes
unique_subject   = no
email_in_dn      = no
default_days     = 7300

[ uint ]
dir           = ca/uint
database      = $dir/index.txt
new_certs_dir = $dir/new
serial        = $dir/serial
certificate   = untrusted-int.pem
private_key   = untrusted-int.key
default_md       = sha256
policy           = policy_any
preserve         = yes
unique_subject   = no
email_in_dn      = no
default_days     = 3650

[ policy_any ]
countryName      = optional
organizationName = optional
commonName       = supplied

[ ext_root ]
basicConstraints       = critical, CA:TRUE
keyUsage               = critical, keyCertSign, cRLSign
subjectKeyIdentifier   = hash

[ ext_int ]
basicConstraints       = critical, CA:TRUE, pathlen:0
keyUsage               = critical, keyCertSign, cRLSign
subjectKeyIdentifier   = hash
authorityKeyIdentifier = keyid:always

[ ext_server ]
basicConstraints       = critical, CA:FALSE
keyUsage               = critical, digitalSignature, keyEncipherment
extendedKeyUsage       = serverAuth
subjectKeyIdentifier   = hash
authorityKeyIdentifier = keyid:always
subjectAltName         = $ENV::SAN

[ ext_selfsigned ]
basicConstraints       = critical, CA:FALSE
keyUsage               = critical, digitalSignature, keyEncipherment
extendedKeyUsage       = serverAuth
subjectKeyIdentifier   = hash
subjectAltName         = $ENV::SAN

[ ext_client ]
basicConstraints       = critical, CA:FALSE
keyUsage               = critical, digitalSignature
extendedKeyUsage       = clientAuth
subjectKeyIdentifier   = hash
authorityKeyIdentifier = keyid:always
subjectAltName         = $ENV::SAN
EOF

export SAN="DNS:localhost, IP:127.0.0.1, IP:::1"
: >log

ossl() { "$OPENSSL" "$@" >>log 2>&1 || die "openssl $* failed"; }

# Private keys: P-256 except the RSA server leaf.  The RSA keygen runs in the background meanwhile.
"$OPENSSL" genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out good.key >>log.rsa 2>&1 &
rsa_pid=$!
for k in root int untrusted-root untrusted-int good-ec expired notyet wronghost selfsigned untrusted client client-untrusted revoked; do
    ossl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$k.key"
done

subj() { printf '/C=XX/O=%s/CN=%s' "$1" "$2"; }

# csr KEYNAME SUBJECT
csr() { ossl req -new -config ca.cnf -key "$1.key" -subj "$2" -out "$1.csr"; }
# sign CA_SECTION EXT_SECTION NAME [extra ca args...]
sign() {
    local ca=$1 ext=$2 name=$3
    shift 3
    ossl ca -config ca.cnf -name "$ca" -batch -notext -rand_serial -extensions "$ext" \
        -in "$name.csr" -out "$name.pem" "$@"
}

# Roots (self-signed by `openssl ca -selfsign` so they land in the index too).
csr root "$(subj 'Test Org' 'Test Root CA')"
ossl ca -config ca.cnf -name root -batch -notext -rand_serial -selfsign -keyfile root.key \
    -extensions ext_root -in root.csr -out root.pem -startdate 20200101000000Z
csr untrusted-root "$(subj 'Untrusted Org' 'Untrusted Root CA')"
ossl ca -config ca.cnf -name uroot -batch -notext -rand_serial -selfsign -keyfile untrusted-root.key \
    -extensions ext_root -in untrusted-root.csr -out untrusted-root.pem -startdate 20200101000000Z

# Intermediates.
csr int "$(subj 'Test Org' 'Test Intermediate CA')"
sign root ext_int int -startdate 20200101000000Z
csr untrusted-int "$(subj 'Untrusted Org' 'Untrusted Intermediate CA')"
sign uroot ext_int untrusted-int -startdate 20200101000000Z

# Leaves signed by the intermediate.
csr good-ec "$(subj 'Test Org' localhost)"
sign int ext_server good-ec
csr expired "$(subj 'Test Org' localhost)"
sign int ext_server expired -startdate 20200101000000Z -enddate 20210101000000Z
csr notyet "$(subj 'Test Org' localhost)"
sign int ext_server notyet -startdate 20900101000000Z -enddate 20910101000000Z
csr client "$(subj 'Test Org' 'Test Client')"
SAN="DNS:client.localhost" sign int ext_client client
csr client-untrusted "$(subj 'Untrusted Org' 'Untrusted Client')"
SAN="DNS:client.localhost" sign uint ext_client client-untrusted
csr wronghost "$(subj 'Test Org' www.example.net)"
SAN="DNS:www.example.net" sign int ext_server wronghost
csr untrusted "$(subj 'Untrusted Org' localhost)"
sign uint ext_server untrusted
csr revoked "$(subj 'Test Org' localhost)"
sign int ext_server revoked
ossl ca -config ca.cnf -name int -batch -revoke revoked.pem -crl_reason keyCompromise

# Self-signed leaf.
ossl req -new -x509 -config ca.cnf -key selfsigned.key -subj "$(subj 'Test Org' localhost)" \
    -extensions ext_selfsigned -days 3650 -sha256 -out selfsigned.pem

wait "$rsa_pid" || { cat log.rsa >>log; die "RSA keygen failed"; }
csr good "$(subj 'Test Org' localhost)"
sign int ext_server good

# Chain files.
for v in good good-ec expired notyet wronghost client revoked; do
    cp int.pem "$v.issuers.pem"
    cat "$v.pem" int.pem >"$v.chain.pem"
done
cp untrusted-int.pem untrusted.issuers.pem
cat untrusted.pem untrusted-int.pem >untrusted.chain.pem
: >selfsigned.issuers.pem
cp selfsigned.pem selfsigned.chain.pem
cp good.pem incomplete.pem
cp good.key incomplete.key
: >incomplete.issuers.pem
cp good.pem incomplete.chain.pem

# Client identity in every form the client loads.
ossl pkcs8 -topk8 -in client.key -v2 aes-256-cbc -passout pass:test1234 -out client.enc.key
ossl pkcs8 -topk8 -in client.key -v2 aes-256-cbc -passout pass:test1234 -outform DER -out client.enc.key.der
ossl x509 -in client.pem -outform DER -out client.der
ossl pkey -in client.key -outform DER -out client.key.der
ossl pkcs12 -export -in client.pem -inkey client.key -certfile int.pem -passout pass:test1234 -name client \
    -out client.p12

# OCSP responses signed by the issuing CA itself (no delegated responder needed).
for v in good revoked; do
    ossl ocsp -issuer int.pem -cert "$v.pem" -no_nonce -reqout "$v.ocsp-req.der"
    ossl ocsp -index ca/int/index.txt -CA int.pem -rsigner int.pem -rkey int.key -reqin "$v.ocsp-req.der" \
        -respout "$v.ocsp.der" -ndays 3650
    rm -f "$v.ocsp-req.der"
done

cp root.pem capath/root.pem
ossl rehash capath
ls capath/*.0 >/dev/null 2>&1 || die "rehash produced no hash link"

# Sanity checks: each variant verifies (or fails) as designed.
vfy() { # vfy EXPECTED_SUBSTRING ARGS...
    local want=$1 got
    shift
    got=$("$OPENSSL" verify -CAfile root.pem "$@" 2>&1)
    case $got in *"$want"*) ;; *) die "verify $* gave: $got (wanted: $want)" ;; esac
}
vfy ": OK" -untrusted int.pem -purpose sslserver -verify_hostname localhost good.pem
vfy ": OK" -untrusted int.pem -purpose sslserver -verify_ip ::1 good-ec.pem
vfy ": OK" -untrusted int.pem -purpose sslclient client.pem
vfy "error 10 " -untrusted int.pem expired.pem
vfy "error 9 " -untrusted int.pem notyet.pem
vfy "error 62 " -untrusted int.pem -verify_hostname localhost wronghost.pem
vfy "error 18 " selfsigned.pem
vfy "error 20 " -untrusted untrusted-int.pem untrusted.pem
vfy "error 20 " incomplete.pem
vfy "error 20 " -untrusted untrusted-int.pem client-untrusted.pem
"$OPENSSL" ocsp -respin good.ocsp.der -resp_text -noverify 2>&1 | grep -q 'Cert Status: good' || die "good OCSP response"
"$OPENSSL" ocsp -respin revoked.ocsp.der -resp_text -noverify 2>&1 | grep -q 'Cert Status: revoked' ||
    die "revoked OCSP response"
got=$("$OPENSSL" verify -CApath capath -untrusted int.pem good.pem 2>&1)
case $got in *": OK"*) ;; *) die "CApath verify failed: $got" ;; esac

rm -f -- *.csr log log.rsa
chmod 755 .
echo "$stamp_value" >.pki-stamp

# Move into place.
cd / || exit 1
if [ -e "$out" ]; then
    old="$out.old.$$"
    mv -- "$out" "$old" || die "cannot move old $out aside"
    rm -rf -- "$old"
fi
mv -- "$tmp" "$out" || die "cannot move $tmp to $out"
tmp=
exit 0

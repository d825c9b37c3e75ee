#include "observe/security.h"

#include <openssl/ec.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <cstdio>

#include "observe/version_names.h"

namespace sc {
namespace {

const char* op_name(int op) {
    switch (op) {
        case SSL_SECOP_CIPHER_SUPPORTED: return "Supported Ciphersuite";
        case SSL_SECOP_CIPHER_SHARED: return "Shared Ciphersuite";
        case SSL_SECOP_CIPHER_CHECK: return "Check Ciphersuite";
        case SSL_SECOP_TMP_DH: return "Temp DH key bits";
        case SSL_SECOP_CURVE_SUPPORTED: return "Supported Curve";
        case SSL_SECOP_CURVE_SHARED: return "Shared Curve";
        case SSL_SECOP_CURVE_CHECK: return "Check Curve";
        case SSL_SECOP_SIGALG_SUPPORTED: return "Supported Signature Algorithm";
        case SSL_SECOP_SIGALG_SHARED: return "Shared Signature Algorithm";
        case SSL_SECOP_SIGALG_CHECK: return "Check Signature Algorithm";
        case SSL_SECOP_SIGALG_MASK: return "Signature Algorithm mask";
        case SSL_SECOP_EE_KEY: return "Certificate chain EE key";
        case SSL_SECOP_CA_KEY: return "Certificate chain CA key";
        case SSL_SECOP_PEER_EE_KEY: return "Peer Chain EE key";
        case SSL_SECOP_PEER_CA_KEY: return "Peer Chain CA key";
        case SSL_SECOP_CA_MD: return "Certificate chain CA digest";
        case SSL_SECOP_PEER_CA_MD: return "Peer chain CA digest";
        case SSL_SECOP_COMPRESSION: return "SSL compression";
        case SSL_SECOP_TICKET: return "Session ticket";
        default: return nullptr;
    }
}

// The security callback names unknown versions "???", as openssl does.
const char* version_name(int v) {
    const char* name = protocol_version_name(v);
    return name != nullptr ? name : "???";
}

// RFC 8446 signature schemes, then RFC 5246 hash/signature pairs.
const char* tls13_scheme(int code) {
    switch (code) {
        case 0x0201: return "rsa_pkcs1_sha1";
        case 0x0203: return "ecdsa_sha1";
        case 0x0401: return "rsa_pkcs1_sha256";
        case 0x0403: return "ecdsa_secp256r1_sha256";
        case 0x0501: return "rsa_pkcs1_sha384";
        case 0x0503: return "ecdsa_secp384r1_sha384";
        case 0x0601: return "rsa_pkcs1_sha512";
        case 0x0603: return "ecdsa_secp521r1_sha512";
        case 0x0804: return "rsa_pss_rsae_sha256";
        case 0x0805: return "rsa_pss_rsae_sha384";
        case 0x0806: return "rsa_pss_rsae_sha512";
        case 0x0807: return "ed25519";
        case 0x0808: return "ed448";
        case 0x0809: return "rsa_pss_pss_sha256";
        case 0x080a: return "rsa_pss_pss_sha384";
        case 0x080b: return "rsa_pss_pss_sha512";
        case 0xeded: return "gostr34102001";
        case 0xeeee: return "gostr34102012_256";
        case 0xefef: return "gostr34102012_512";
        default: return nullptr;
    }
}
const char* tls12_alg(int code) {
    static const char* const names[] = {"anonymous", "RSA", "DSA", "ECDSA"};
    return code >= 0 && code < 4 ? names[code] : nullptr;
}
const char* tls12_hash(int code) {
    static const char* const names[] = {"none", "MD5", "SHA1", "SHA224", "SHA256", "SHA384", "SHA512"};
    return code >= 0 && code < 7 ? names[code] : nullptr;
}

}  // namespace

std::string security_text(int op, int bits, int nid, void* other, int verdict) {
    std::string out = "Security callback: ";
    char buf[160];
    const char* nm = op_name(op);
    bool show_nm = nm != nullptr;
    bool show_bits = true;
    bool cert_md = false;
    switch (op) {
        case SSL_SECOP_TICKET:
        case SSL_SECOP_COMPRESSION:
            show_bits = false;
            show_nm = false;
            break;
        case SSL_SECOP_VERSION:
            out += std::string("Version=") + version_name(nid);
            show_bits = false;
            show_nm = false;
            break;
        case SSL_SECOP_CA_MD:
        case SSL_SECOP_PEER_CA_MD: cert_md = true; break;
        case SSL_SECOP_SIGALG_SUPPORTED:
        case SSL_SECOP_SIGALG_SHARED:
        case SSL_SECOP_SIGALG_CHECK:
        case SSL_SECOP_SIGALG_MASK: show_nm = false; break;
        default: break;
    }
    if (show_nm) out += std::string(nm) + "=";

    switch (op & SSL_SECOP_OTHER_TYPE) {
        case SSL_SECOP_OTHER_CIPHER: out += SSL_CIPHER_get_name(static_cast<const SSL_CIPHER*>(other)); break;
        case SSL_SECOP_OTHER_CURVE: {
            const char* cname = EC_curve_nid2nist(nid);
            out += cname != nullptr ? cname : OBJ_nid2sn(nid);
            break;
        }
        case SSL_SECOP_OTHER_CERT: {
            auto* cert = static_cast<X509*>(other);
            if (cert_md) {
                out += OBJ_nid2sn(X509_get_signature_nid(cert));
            } else if (EVP_PKEY* pkey = X509_get0_pubkey(cert)) {
                std::snprintf(buf, sizeof buf, "%s, bits=%d", EVP_PKEY_get0_type_name(pkey), EVP_PKEY_get_bits(pkey));
                out += buf;
            } else {
                out += "Public key missing";
            }
            break;
        }
        case SSL_SECOP_OTHER_SIGALG: {
            const auto* salg = static_cast<const unsigned char*>(other);
            int code = (salg[0] << 8) + salg[1];
            if (nm != nullptr) {
                out += nm;
            } else {
                std::snprintf(buf, sizeof buf, "s_cb.c:security_callback_debug op=0x%x", op);
                out += buf;
            }
            if (const char* scheme = tls13_scheme(code)) {
                out += std::string(" scheme=") + scheme;
            } else {
                const char* alg = tls12_alg(salg[1]);
                const char* hash = tls12_hash(salg[0]);
                if (alg != nullptr && hash != nullptr)
                    std::snprintf(buf, sizeof buf, " digest=%s, algorithm=%s", hash, alg);
                else
                    std::snprintf(buf, sizeof buf, " scheme=unknown(0x%04x)", code);
                out += buf;
            }
            break;
        }
        default: break;
    }
    if (show_bits) {
        std::snprintf(buf, sizeof buf, ", security bits=%d", bits);
        out += buf;
    }
    out += verdict ? ": yes\n" : ": no\n";
    return out;
}

}  // namespace sc

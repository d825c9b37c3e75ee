#include "probe/probe_report.h"

#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <cstdio>

#include "report/ossl_text.h"
#include "tls/ossl_ptr.h"

namespace sc::probe {
namespace {

std::string hex(const Bytes& b) {
    std::string out;
    char buf[4];
    for (auto c : b) {
        std::snprintf(buf, sizeof buf, "%02X", c);
        out += buf;
    }
    return out;
}

std::string cipher_text(const CipherId& c, bool sslv2) {
    char buf[16];
    std::snprintf(buf, sizeof buf, sslv2 ? "0x%06X" : "0x%04X", c.value);
    return (c.name.empty() ? std::string("(unknown)") : c.name) + " (" + buf + ")";
}

std::string why_refused(const ProbeReply& r) {
    if (r.alert_description) {
        // libssl's own alert names, as -state and -msg print them.
        return std::string("alert ") + SSL_alert_type_string_long(*r.alert_level << 8) + ": " +
               SSL_alert_desc_string_long(*r.alert_description);
    }
    if (r.sslv2_error) {
        switch (*r.sslv2_error) {
            case 1: return "SSLv2 error: NO-CIPHER-ERROR";
            case 2: return "SSLv2 error: NO-CERTIFICATE-ERROR";
            case 4: return "SSLv2 error: BAD-CERTIFICATE-ERROR";
            case 6: return "SSLv2 error: UNSUPPORTED-CERTIFICATE-TYPE-ERROR";
            default: return "SSLv2 error " + std::to_string(*r.sslv2_error);
        }
    }
    return r.detail;
}

std::string certificates(const ProbeReply& r, unsigned long nameopt) {
    std::string out = "---\nCertificate chain\n";
    std::vector<X509Ptr> certs;
    for (const auto& der : r.certificates) {
        const unsigned char* p = der.data();
        certs.emplace_back(d2i_X509(nullptr, &p, static_cast<long>(der.size())));
    }
    for (std::size_t i = 0; i < certs.size(); ++i) {
        char idx[8];
        std::snprintf(idx, sizeof idx, "%2d", static_cast<int>(i));
        X509* c = certs[i].get();
        if (c == nullptr) {
            out += std::string(idx) + " (certificate " + std::to_string(r.certificates[i].size()) +
                   " bytes: not parsable)\n";
            continue;
        }
        out += std::string(idx) + " s:" + name_text(X509_get_subject_name(c), nameopt) + "\n";
        out += "   i:" + name_text(X509_get_issuer_name(c), nameopt) + "\n";
        if (EVP_PKEY* key = X509_get0_pubkey(c)) {
            char a[160];
            std::snprintf(a, sizeof a, "   a:PKEY: %s, %d (bit); sigalg: %s\n", OBJ_nid2sn(EVP_PKEY_get_base_id(key)),
                          EVP_PKEY_get_bits(key), OBJ_nid2sn(X509_get_signature_nid(c)));
            out += a;
        }
        out += "   v:NotBefore: " + time_text(X509_get0_notBefore(c)) + "; NotAfter: " + time_text(X509_get0_notAfter(c)) + "\n";
    }
    if (!certs.empty() && certs[0]) {
        X509* leaf = certs[0].get();
        out += "---\nServer certificate\n" + pem_text(leaf);
        out += "subject=" + name_text(X509_get_subject_name(leaf), nameopt) + "\n";
        out += "issuer=" + name_text(X509_get_issuer_name(leaf), nameopt) + "\n";
    }
    return out;
}

}  // namespace

std::string render_probe(const ProbeReply& r, const std::string& protocol, unsigned long nameopt) {
    bool sslv2 = protocol == "SSLv2";
    std::string out = "---\n";
    if (r.verdict != Verdict::Accepted) {
        out += protocol + " probe: the server does not accept " + protocol + " (" + why_refused(r) + ")\n---\n";
        return out;
    }
    out += protocol + " probe: the server accepts " + protocol + "\n";
    if (!r.detail.empty()) out += "Note: " + r.detail + "\n";
    if (sslv2) {
        out += "Ciphers the server offers:";
        for (const auto& c : r.ciphers) out += "\n    " + cipher_text(c, true);
        out += "\n";
        out += std::string("Session-ID hit: ") + (r.session_id_hit ? "yes" : "no") + "\n";
        out += "Connection-ID: " + hex(r.session_id) + "\n";
    } else {
        out += "Cipher is " + (r.ciphers.empty() ? std::string("(NONE)") : cipher_text(r.ciphers[0], false)) + "\n";
        out += std::string("Compression: ") + (r.compression == 0 ? "NONE" : std::to_string(r.compression)) + "\n";
        out += "Session-ID: " + hex(r.session_id) + "\n";
    }
    if (r.certificates.empty())
        out += "---\nno peer certificate available\n";
    else
        out += certificates(r, nameopt);
    return out + "---\n";
}

std::string not_completed_line(const std::string& protocol) {
    return "s_client: " + protocol + " handshake not completed: the TLS library (OpenSSL 3) does not implement " +
           protocol + "; only the server's plaintext reply was read\n";
}

}  // namespace sc::probe

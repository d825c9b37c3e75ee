#include "report/text_report.h"

#include <openssl/core_names.h>
#include <openssl/x509.h>

#include <cstdio>

#include "report/ossl_text.h"

namespace sc {

const char* signature_type_name(int nid) {
    switch (nid) {
        case EVP_PKEY_RSA: return "RSA";
        case EVP_PKEY_RSA_PSS: return "RSA-PSS";
        case EVP_PKEY_DSA: return "DSA";
        case EVP_PKEY_EC: return "ECDSA";
        case NID_ED25519: return "ed25519";
        case NID_ED448: return "ed448";
        case NID_id_GostR3410_2001: return "gost2001";
        case NID_id_GostR3410_2012_256: return "gost2012_256";
        case NID_id_GostR3410_2012_512: return "gost2012_512";
        default: return nullptr;
    }
}

namespace {

std::string format(const char* fmt, auto... args) {
    char buf[512];
    int n = std::snprintf(buf, sizeof buf, fmt, args...);
    return std::string(buf, n < 0 ? 0 : std::min<std::size_t>(static_cast<std::size_t>(n), sizeof buf - 1));
}

// apps' print_name(): "subject=..." lines honour multiline and compat forms.
std::string titled_name(const char* title, const X509_NAME* name, unsigned long flags) {
    std::string out = title;
    if (flags == XN_FLAG_COMPAT) {
        char* line = X509_NAME_oneline(name, nullptr, 0);
        out += line != nullptr ? line : "";
        OPENSSL_free(line);
        return out + "\n";
    }
    if ((flags & XN_FLAG_SEP_MASK) == XN_FLAG_SEP_MULTILINE)
        return out + "\n" + capture_bio([&](BIO* b) { X509_NAME_print_ex(b, name, 4, flags); }) + "\n";
    return out + name_text(name, flags) + "\n";
}

const char* client_cert_type_name(unsigned char type) {
    switch (type) {
        case TLS_CT_RSA_SIGN: return "RSA sign";
        case TLS_CT_DSS_SIGN: return "DSA sign";
        case TLS_CT_RSA_FIXED_DH: return "RSA fixed DH";
        case TLS_CT_DSS_FIXED_DH: return "DSS fixed DH";
        case TLS_CT_ECDSA_SIGN: return "ECDSA sign";
        case TLS_CT_RSA_FIXED_ECDH: return "RSA fixed ECDH";
        case TLS_CT_ECDSA_FIXED_ECDH: return "ECDSA fixed ECDH";
        case TLS_CT_GOST01_SIGN: return "GOST01 Sign";
        case TLS_CT_GOST12_IANA_SIGN: return "GOST12 Sign";
        default: return nullptr;
    }
}

std::string sigalg_list(const std::vector<SigalgEntry>& list) {
    std::string out;
    for (std::size_t i = 0; i < list.size(); ++i) {
        const auto& e = list[i];
        if (i) out += ":";
        // RSA-PSS with PSS keys and brainpool curves have no short form.
        switch (e.rsign | e.rhash << 8) {
            case 0x0809: out += "rsa_pss_pss_sha256"; continue;
            case 0x080a: out += "rsa_pss_pss_sha384"; continue;
            case 0x080b: out += "rsa_pss_pss_sha512"; continue;
            case 0x081a: out += "ecdsa_brainpoolP256r1_sha256"; continue;
            case 0x081b: out += "ecdsa_brainpoolP384r1_sha384"; continue;
            case 0x081c: out += "ecdsa_brainpoolP512r1_sha512"; continue;
            default: break;
        }
        const char* sign = signature_type_name(e.sign_nid);
        out += sign != nullptr ? std::string(sign) : format("0x%02X", static_cast<int>(e.rsign));
        if (e.hash_nid != NID_undef)
            out += std::string("+") + OBJ_nid2sn(e.hash_nid);
        else if (sign == nullptr)
            out += format("+0x%02X", static_cast<int>(e.rhash));
    }
    return out;
}

std::string signature_lines(const ConnectionReport& r) {
    std::string out;
    if (!r.client_cert_types.empty()) {
        out += "Client Certificate Types: ";
        for (std::size_t i = 0; i < r.client_cert_types.size(); ++i) {
            if (i) out += ", ";
            const char* name = client_cert_type_name(r.client_cert_types[i]);
            out += name != nullptr ? std::string(name) : format("UNKNOWN (%d),", r.client_cert_types[i]);
        }
        out += "\n";
    }
    if (!r.sigalgs.empty()) out += "Requested Signature Algorithms: " + sigalg_list(r.sigalgs) + "\n";
    if (!r.shared_sigalgs.empty()) out += "Shared Requested Signature Algorithms: " + sigalg_list(r.shared_sigalgs) + "\n";
    if (r.peer_signature_digest_nid)
        out += std::string("Peer signing digest: ") + OBJ_nid2sn(*r.peer_signature_digest_nid) + "\n";
    if (r.peer_signature_type_nid) {
        const char* name = signature_type_name(*r.peer_signature_type_nid);
        out += std::string("Peer signature type: ") + (name != nullptr ? name : "(null)") + "\n";
    }
    return out;
}

std::string temp_key_line(const ConnectionReport& r) {
    if (!r.temp_key) return {};
    EVP_PKEY* key = r.temp_key.get();
    int bits = EVP_PKEY_get_bits(key);
    switch (EVP_PKEY_get_id(key)) {
        case EVP_PKEY_RSA: return format("Server Temp Key: RSA, %d bits\n", bits);
        case EVP_PKEY_DH: return format("Server Temp Key: DH, %d bits\n", bits);
        case EVP_PKEY_EC: {
            char name[80];
            size_t len = 0;
            if (!EVP_PKEY_get_utf8_string_param(key, OSSL_PKEY_PARAM_GROUP_NAME, name, sizeof name, &len))
                std::snprintf(name, sizeof name, "?");
            return format("Server Temp Key: ECDH, %s, %d bits\n", name, bits);
        }
        default:
            return format("Server Temp Key: %s, %d bits\n", OBJ_nid2sn(EVP_PKEY_get_id(key)), bits);
    }
}

// What a failed handshake that never saw a certificate says instead of
// openssl's misleading "OK" (its verify result is merely the initial value).
constexpr const char* kNotVerified = "NONE (no server certificate received)";

bool nothing_verified(const ConnectionReport& r) { return !r.handshake_complete && !r.certificate_received(); }

// openssl shows only the last 12 bytes of the TLSA data: the start of a
// certificate or key is mostly the same boilerplate for every record.
std::string dane_line(const DaneMatch& m) {
    constexpr std::size_t kTail = 12;
    std::size_t from = m.data.size() > kTail ? m.data.size() - kTail : 0;
    std::string hex;
    for (std::size_t i = from; i < m.data.size(); ++i) hex += format("%02x", static_cast<unsigned>(m.data[i]));
    const char* how = m.signed_by_key ? "signed the certificate"
                      : m.depth != 0  ? "matched TA certificate"
                                      : "matched EE certificate";
    return format("DANE TLSA %d %d %d %s%s %s at depth %d\n", m.usage, m.selector, m.mtype, from > 0 ? "..." : "",
                  hex.c_str(), how, m.depth);
}

std::string verify_detail(const ConnectionReport& r) {
    if (nothing_verified(r)) return std::string("Verification: ") + kNotVerified + "\n";
    std::string out;
    if (r.verify_result == X509_V_OK) {
        out = "Verification: OK\n";
        if (r.verified_peername) out += "Verified peername: " + *r.verified_peername + "\n";
    } else {
        out = std::string("Verification error: ") + X509_verify_cert_error_string(r.verify_result) + "\n";
    }
    if (r.dane) out += dane_line(*r.dane);
    return out;
}

// -ct: only for a fresh handshake with a certificate, as openssl (a resumed
// session's SCTs were never checked in this connection).
std::string sct_block(const ConnectionReport& r) {
    if (!r.ct_enabled || !r.peer || r.reused) return {};
    std::string out = format("---\nSCTs present (%i)\n", static_cast<int>(r.scts.size()));
    if (r.scts.empty()) return out;
    out += "---\n";
    for (std::size_t i = 0; i < r.scts.size(); ++i) {
        out += "SCT validation status: " + r.scts[i].validation_status + "\n" + r.scts[i].text;
        if (i + 1 < r.scts.size()) out += "\n---\n";
    }
    return out + "\n";
}

std::string keying_material_block(const KeyingMaterial& k) {
    std::string out = "Keying material exporter:\n";
    out += "    Label: '" + k.label + "'\n";
    out += format("    Length: %i bytes\n", k.length);
    if (!k.bytes) return out + "    Error\n";
    out += "    Keying material: ";
    for (unsigned char c : *k.bytes) out += format("%02X", static_cast<unsigned>(c));
    return out + "\n";
}

std::string chain_block(const ConnectionReport& r, const TextStyle& style) {
    std::string out = "---\nCertificate chain\n";
    for (std::size_t i = 0; i < r.chain.size(); ++i) {
        X509* cert = r.chain[i].get();
        out += format("%2d s:", static_cast<int>(i)) + name_text(X509_get_subject_name(cert), style.nameopt) + "\n";
        out += "   i:" + name_text(X509_get_issuer_name(cert), style.nameopt) + "\n";
        if (EVP_PKEY* key = X509_get0_pubkey(cert)) {
            out += format("   a:PKEY: %s, %d (bit); sigalg: %s\n", OBJ_nid2sn(EVP_PKEY_get_base_id(key)),
                          EVP_PKEY_get_bits(key), OBJ_nid2sn(X509_get_signature_nid(cert)));
        }
        out += "   v:NotBefore: " + time_text(X509_get0_notBefore(cert)) +
               "; NotAfter: " + time_text(X509_get0_notAfter(cert)) + "\n";
        if (style.showcerts) out += pem_text(cert);
    }
    return out;
}

}  // namespace

std::string render_summary(const ConnectionReport& r, const TextStyle& style) {
    std::string out;
    const X509* peer = nullptr;
    if (style.full) {
        if (r.has_chain) out += chain_block(r, style);
        out += "---\n";
        peer = r.peer.get();
        if (peer != nullptr) {
            out += "Server certificate\n";
            if (!(style.showcerts && r.has_chain)) out += pem_text(r.peer.get());
            out += titled_name("subject=", X509_get_subject_name(peer), style.nameopt);
            out += titled_name("issuer=", X509_get_issuer_name(peer), style.nameopt);
        } else {
            out += "no peer certificate available\n";
        }
        if (r.ca_names.empty()) {
            out += "---\nNo client certificate CA names sent\n";
        } else {
            out += "---\nAcceptable client certificate CA names\n";
            for (const auto& name : r.ca_names) out += name_text(name.get(), style.nameopt) + "\n";
        }
        out += signature_lines(r);
        out += temp_key_line(r);
        out += sct_block(r);
        out += format("---\nSSL handshake has read %ju bytes and written %ju bytes\n",
                      static_cast<uintmax_t>(r.bytes_read), static_cast<uintmax_t>(r.bytes_written));
    }
    out += verify_detail(r);
    out += r.reused ? "---\nReused, " : "---\nNew, ";
    out += r.cipher_version + ", Cipher is " + r.cipher_name + "\n";
    if (peer != nullptr) out += format("Server public key is %d bit\n", EVP_PKEY_get_bits(X509_get0_pubkey(peer)));
    out += std::string("Secure Renegotiation IS") + (r.secure_renegotiation ? "" : " NOT") + " supported\n";
    out += "Compression: " + r.compression + "\n";
    out += "Expansion: " + r.expansion + "\n";
    if (r.next_protocol) out += "Next protocol: " + *r.next_protocol + "\n";
    out += r.alpn.empty() ? std::string("No ALPN negotiated\n") : "ALPN protocol: " + r.alpn + "\n";
    if (!r.srtp_profile.empty()) out += "SRTP Extension negotiated, profile=" + r.srtp_profile + "\n";
    if (r.protocol_version == TLS1_3_VERSION) {
        switch (r.early_data_status) {
            case SSL_EARLY_DATA_NOT_SENT: out += "Early data was not sent\n"; break;
            case SSL_EARLY_DATA_REJECTED: out += "Early data was rejected\n"; break;
            case SSL_EARLY_DATA_ACCEPTED: out += "Early data was accepted\n"; break;
            default: break;
        }
        if (nothing_verified(r))
            out += std::string("Verify return code: ") + kNotVerified + "\n";
        else
            out += format("Verify return code: %ld (%s)\n", r.verify_result, X509_verify_cert_error_string(r.verify_result));
    } else if (r.session) {
        // TLS 1.2 and below: the session is complete now; in TLS 1.3 it is
        // printed when each ticket arrives.
        std::string session = session_text(r.session.get());
        if (nothing_verified(r)) {
            // SSL_SESSION_print's own line would claim "0 (ok)" too.
            const std::string ok_line = "    Verify return code: 0 (ok)\n";
            if (auto pos = session.find(ok_line); pos != std::string::npos)
                session.replace(pos, ok_line.size(), std::string("    Verify return code: ") + kNotVerified + "\n");
        }
        out += session;
    }
    if (r.keying_material) out += keying_material_block(*r.keying_material);
    out += "---\n";
    return out;
}

std::string render_brief(const ConnectionReport& r, unsigned long nameopt) {
    std::string out = "CONNECTION ESTABLISHED\n";
    const char* version = "unknown";
    switch (r.protocol_version) {
        case TLS1_3_VERSION: version = "TLSv1.3"; break;
        case TLS1_2_VERSION: version = "TLSv1.2"; break;
        case TLS1_1_VERSION: version = "TLSv1.1"; break;
        case TLS1_VERSION: version = "TLSv1"; break;
        default: break;
    }
    out += std::string("Protocol version: ") + version + "\n";
    out += "Ciphersuite: " + r.cipher_name + "\n";
    if (!r.sigalgs.empty()) out += "Requested Signature Algorithms: " + sigalg_list(r.sigalgs) + "\n";
    if (r.peer) {
        out += "Peer certificate: " + name_text(X509_get_subject_name(r.peer.get()), nameopt) + "\n";
        if (r.peer_signature_digest_nid) out += std::string("Hash used: ") + OBJ_nid2sn(*r.peer_signature_digest_nid) + "\n";
        if (r.peer_signature_type_nid) {
            const char* name = signature_type_name(*r.peer_signature_type_nid);
            out += std::string("Signature type: ") + (name != nullptr ? name : "(null)") + "\n";
        }
        out += verify_detail(r);
    } else {
        out += "No peer certificate\n";
    }
    if (!r.ec_point_formats.empty()) {
        out += "Supported Elliptic Curve Point Formats: ";
        for (std::size_t i = 0; i < r.ec_point_formats.size(); ++i) {
            if (i) out += ":";
            switch (r.ec_point_formats[i]) {
                case TLSEXT_ECPOINTFORMAT_uncompressed: out += "uncompressed"; break;
                case TLSEXT_ECPOINTFORMAT_ansiX962_compressed_prime: out += "ansiX962_compressed_prime"; break;
                case TLSEXT_ECPOINTFORMAT_ansiX962_compressed_char2: out += "ansiX962_compressed_char2"; break;
                default: out += format("unknown(%d)", static_cast<int>(r.ec_point_formats[i])); break;
            }
        }
        out += "\n";
    }
    out += temp_key_line(r);
    return out;
}

std::string render_ticket(const SSL_SESSION* session) {
    return "---\nPost-Handshake New Session Ticket arrived:\n" + session_text(session) + "---\n";
}

}  // namespace sc

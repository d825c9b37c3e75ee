// What we learned about one connection, as plain data. Collected once from
// the SSL object, then rendered as openssl's text (or, later, JSON).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "tls/ossl_ptr.h"

namespace sc {

struct SigalgEntry {
    int sign_nid = 0;
    int hash_nid = 0;
    unsigned char rsign = 0;
    unsigned char rhash = 0;
};

// -keymatexport: what SSL_export_keying_material gave for the label.
struct KeyingMaterial {
    std::string label;
    int length = 0;
    std::optional<std::vector<unsigned char>> bytes;  // empty: the export failed
};

// One SCT the server sent (-ct), with libcrypto's own text for it.
struct SctEntry {
    std::string validation_status;  // SCT_validation_status_string
    std::string text;               // SCT_print
};

// The TLSA record that authenticated the peer (-dane_tlsa_domain).
struct DaneMatch {
    int usage = 0, selector = 0, mtype = 0;
    std::vector<unsigned char> data;
    bool signed_by_key = false;  // a bare public key (the "mspki") signed the chain
    int depth = 0;
};

struct ConnectionReport {
    bool handshake_complete = false;
    int protocol_version = 0;  // SSL_version() at collection time

    // Certificates, as the server sent them.
    bool has_chain = false;
    std::vector<X509Ptr> chain;
    X509Ptr peer;

    // CertificateRequest contents and signatures.
    std::vector<X509NamePtr> ca_names;
    std::vector<unsigned char> client_cert_types;
    std::vector<SigalgEntry> sigalgs;
    std::vector<SigalgEntry> shared_sigalgs;
    std::optional<int> peer_signature_digest_nid;
    std::optional<int> peer_signature_type_nid;
    EvpPkeyPtr temp_key;
    std::vector<unsigned char> ec_point_formats;

    std::uint64_t bytes_read = 0;
    std::uint64_t bytes_written = 0;

    long verify_result = 0;
    std::optional<std::string> verified_peername;
    std::optional<DaneMatch> dane;
    std::optional<std::string> next_protocol;  // -nextprotoneg: "(status) proto", set by the caller
    std::string srtp_profile;                 // empty: none negotiated

    bool reused = false;
    std::string cipher_version = "(NONE)";
    std::string cipher_name = "(NONE)";
    bool secure_renegotiation = false;
    std::string compression = "NONE";
    std::string expansion = "NONE";
    std::string alpn;  // empty: none negotiated
    int early_data_status = 0;
    SslSessionPtr session;  // a reference to SSL_get_session()

    // Debug and inspection.
    bool ct_enabled = false;
    std::vector<SctEntry> scts;
    std::optional<std::string> ocsp_response;  // DER, as stapled (-status)
    std::optional<KeyingMaterial> keying_material;

    // For the JSON report (-json).
    std::vector<X509Ptr> verified_chain;       // SSL_get0_verified_chain, as built
    int negotiated_group_nid = 0;              // SSL_get_negotiated_group (0: none)
    std::optional<std::string> sni;            // the server name we sent
    std::optional<std::string> expected_host;  // -verify_hostname / -verify_ip, as set on the SSL
    std::optional<std::string> session_id_hex;
    std::optional<unsigned long> ticket_lifetime_hint;
    bool has_ticket = false;

    // A certificate reached us. After a failed handshake without one, the
    // verify result is libssl's initial "ok" and means nothing.
    bool certificate_received() const { return has_chain || peer != nullptr; }
};

ConnectionReport collect_report(SSL* ssl);

// -keymatexport LABEL -keymatexportlen N.
KeyingMaterial collect_keying_material(SSL* ssl, const std::string& label, int length);

}  // namespace sc

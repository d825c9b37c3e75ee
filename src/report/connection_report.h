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

    bool reused = false;
    std::string cipher_version = "(NONE)";
    std::string cipher_name = "(NONE)";
    bool secure_renegotiation = false;
    std::string compression = "NONE";
    std::string expansion = "NONE";
    std::string alpn;  // empty: none negotiated
    int early_data_status = 0;
    SslSessionPtr session;  // a reference to SSL_get_session()
};

ConnectionReport collect_report(SSL* ssl);

}  // namespace sc

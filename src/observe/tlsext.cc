#include "observe/tlsext.h"

#include <openssl/tls1.h>

#include <cstdio>

#include "observe/hexdump.h"

namespace sc {
namespace {

// openssl 3.0's table; anything else is "unknown".
const char* extension_name(int type) {
    switch (type) {
        case TLSEXT_TYPE_server_name: return "server name";
        case TLSEXT_TYPE_max_fragment_length: return "max fragment length";
        case TLSEXT_TYPE_client_certificate_url: return "client certificate URL";
        case TLSEXT_TYPE_trusted_ca_keys: return "trusted CA keys";
        case TLSEXT_TYPE_truncated_hmac: return "truncated HMAC";
        case TLSEXT_TYPE_status_request: return "status request";
        case TLSEXT_TYPE_user_mapping: return "user mapping";
        case TLSEXT_TYPE_client_authz: return "client authz";
        case TLSEXT_TYPE_server_authz: return "server authz";
        case TLSEXT_TYPE_cert_type: return "cert type";
        case TLSEXT_TYPE_supported_groups: return "supported_groups";
        case TLSEXT_TYPE_ec_point_formats: return "EC point formats";
        case TLSEXT_TYPE_srp: return "SRP";
        case TLSEXT_TYPE_signature_algorithms: return "signature algorithms";
        case TLSEXT_TYPE_use_srtp: return "use SRTP";
        case TLSEXT_TYPE_session_ticket: return "session ticket";
        case TLSEXT_TYPE_renegotiate: return "renegotiation info";
        case TLSEXT_TYPE_signed_certificate_timestamp: return "signed certificate timestamps";
        case TLSEXT_TYPE_padding: return "TLS padding";
        case TLSEXT_TYPE_next_proto_neg: return "next protocol";
        case TLSEXT_TYPE_encrypt_then_mac: return "encrypt-then-mac";
        case TLSEXT_TYPE_application_layer_protocol_negotiation: return "application layer protocol negotiation";
        case TLSEXT_TYPE_extended_master_secret: return "extended master secret";
        case TLSEXT_TYPE_key_share: return "key share";
        case TLSEXT_TYPE_supported_versions: return "supported versions";
        case TLSEXT_TYPE_psk: return "psk";
        case TLSEXT_TYPE_psk_kex_modes: return "psk kex modes";
        case TLSEXT_TYPE_certificate_authorities: return "certificate authorities";
        case TLSEXT_TYPE_post_handshake_auth: return "post handshake auth";
        case TLSEXT_TYPE_early_data: return "early_data";
        default: return "unknown";
    }
}

}  // namespace

std::string tlsext_text(int client_server, int type, const unsigned char* data, int len) {
    char head[160];
    std::snprintf(head, sizeof head, "TLS %s extension \"%s\" (id=%d), len=%d\n", client_server ? "server" : "client",
                  extension_name(type), type, len);
    return head + bio_dump_text(data, len > 0 ? static_cast<std::size_t>(len) : 0);
}

}  // namespace sc

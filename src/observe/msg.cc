#include "observe/msg.h"

#include <openssl/ssl.h>

#include <cstdio>

#include "observe/hexdump.h"
#include "observe/version_names.h"

namespace sc {
namespace {

// The names carry their leading separator, as openssl's tables do.
const char* alert_name(int desc) {
    switch (desc) {
        case 0: return " close_notify";
        case 10: return " unexpected_message";
        case 20: return " bad_record_mac";
        case 21: return " decryption_failed";
        case 22: return " record_overflow";
        case 30: return " decompression_failure";
        case 40: return " handshake_failure";
        case 42: return " bad_certificate";
        case 43: return " unsupported_certificate";
        case 44: return " certificate_revoked";
        case 45: return " certificate_expired";
        case 46: return " certificate_unknown";
        case 47: return " illegal_parameter";
        case 48: return " unknown_ca";
        case 49: return " access_denied";
        case 50: return " decode_error";
        case 51: return " decrypt_error";
        case 60: return " export_restriction";
        case 70: return " protocol_version";
        case 71: return " insufficient_security";
        case 80: return " internal_error";
        case 86: return " inappropriate_fallback";
        case 90: return " user_canceled";
        case 100: return " no_renegotiation";
        case 109: return " missing_extension";
        case 110: return " unsupported_extension";
        case 111: return " certificate_unobtainable";
        case 112: return " unrecognized_name";
        case 113: return " bad_certificate_status_response";
        case 114: return " bad_certificate_hash_value";
        case 115: return " unknown_psk_identity";
        case 116: return " certificate_required";
        default: return " ???";
    }
}

const char* handshake_name(int type) {
    switch (type) {
        case SSL3_MT_HELLO_REQUEST: return ", HelloRequest";
        case SSL3_MT_CLIENT_HELLO: return ", ClientHello";
        case SSL3_MT_SERVER_HELLO: return ", ServerHello";
        case DTLS1_MT_HELLO_VERIFY_REQUEST: return ", HelloVerifyRequest";
        case SSL3_MT_NEWSESSION_TICKET: return ", NewSessionTicket";
        case SSL3_MT_END_OF_EARLY_DATA: return ", EndOfEarlyData";
        case SSL3_MT_ENCRYPTED_EXTENSIONS: return ", EncryptedExtensions";
        case SSL3_MT_CERTIFICATE: return ", Certificate";
        case SSL3_MT_SERVER_KEY_EXCHANGE: return ", ServerKeyExchange";
        case SSL3_MT_CERTIFICATE_REQUEST: return ", CertificateRequest";
        case SSL3_MT_SERVER_DONE: return ", ServerHelloDone";
        case SSL3_MT_CERTIFICATE_VERIFY: return ", CertificateVerify";
        case SSL3_MT_CLIENT_KEY_EXCHANGE: return ", ClientKeyExchange";
        case SSL3_MT_FINISHED: return ", Finished";
        case SSL3_MT_CERTIFICATE_URL: return ", CertificateUrl";
        case SSL3_MT_CERTIFICATE_STATUS: return ", CertificateStatus";
        case SSL3_MT_SUPPLEMENTAL_DATA: return ", SupplementalData";
        case SSL3_MT_KEY_UPDATE: return ", KeyUpdate";
        case SSL3_MT_NEXT_PROTO: return ", NextProto";
        case SSL3_MT_MESSAGE_HASH: return ", MessageHash";
        default: return "???";
    }
}

}  // namespace

std::string msg_text(int write_p, int version, int content_type, const void* buf, std::size_t len) {
    const auto* bp = static_cast<const unsigned char*>(buf);
    std::string version_text;
    std::string type_text;
    const char* details1 = "";
    const char* details2 = "";
    char tmp[128];
    if (const char* v = protocol_version_name(version)) {
        version_text = v;
        switch (content_type) {
            case SSL3_RT_CHANGE_CIPHER_SPEC: type_text = ", ChangeCipherSpec"; break;
            case SSL3_RT_ALERT:
                type_text = ", Alert";
                details1 = ", ???";
                if (len == 2) {
                    if (bp[0] == 1) details1 = ", warning";
                    else if (bp[0] == 2) details1 = ", fatal";
                    details2 = alert_name(bp[1]);
                }
                break;
            case SSL3_RT_HANDSHAKE:
                type_text = ", Handshake";
                details1 = len > 0 ? handshake_name(bp[0]) : "???";
                break;
            case SSL3_RT_APPLICATION_DATA: type_text = ", ApplicationData"; break;
            case SSL3_RT_HEADER: type_text = ", RecordHeader"; break;
            case SSL3_RT_INNER_CONTENT_TYPE: type_text = ", InnerContent"; break;
            default:
                std::snprintf(tmp, sizeof tmp, ", Unknown (content_type=%d)", content_type);
                type_text = tmp;
                break;
        }
    } else {
        std::snprintf(tmp, sizeof tmp, "Not TLS data or unknown version (version=%d, content_type=%d)", version,
                      content_type);
        version_text = tmp;
    }
    std::snprintf(tmp, sizeof tmp, " [length %04lx]", static_cast<unsigned long>(len));
    std::string out = std::string(write_p ? ">>>" : "<<<") + " " + version_text + type_text + tmp + details1 + details2 + "\n";
    return out + msg_hex_rows(buf, len);
}

}  // namespace sc

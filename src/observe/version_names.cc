#include "observe/version_names.h"

#include <openssl/ssl.h>

namespace sc {

const char* protocol_version_name(int version) {
    switch (version) {
        case SSL3_VERSION: return "SSL 3.0";
        case TLS1_VERSION: return "TLS 1.0";
        case TLS1_1_VERSION: return "TLS 1.1";
        case TLS1_2_VERSION: return "TLS 1.2";
        case TLS1_3_VERSION: return "TLS 1.3";
        case DTLS1_VERSION: return "DTLS 1.0";
        case DTLS1_BAD_VER: return "DTLS 1.0 (bad)";
        default: return nullptr;
    }
}

}  // namespace sc

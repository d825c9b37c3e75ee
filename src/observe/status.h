// -status and -ct: the stapled OCSP response and the server's SCTs.
#pragma once

#include <openssl/ssl.h>

#include <string>

namespace sc {

struct OcspStatusText {
    std::string text;   // what openssl's ocsp_resp_cb prints
    bool ok = true;     // false: unparsable response, the handshake fails
};

// The "OCSP response: ..." block for the response libssl received (der may
// be null: none was sent).
OcspStatusText ocsp_status_text(const unsigned char* der, long len);

}  // namespace sc

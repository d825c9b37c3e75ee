#include "observe/status.h"

#include <openssl/ocsp.h>

#include "observe/hexdump.h"
#include "report/ossl_text.h"

namespace sc {

OcspStatusText ocsp_status_text(const unsigned char* der, long len) {
    OcspStatusText out;
    out.text = "OCSP response: ";
    if (der == nullptr) {
        out.text += "no response sent\n";
        return out;
    }
    const unsigned char* p = der;
    OCSP_RESPONSE* rsp = d2i_OCSP_RESPONSE(nullptr, &p, len);
    if (rsp == nullptr) {
        out.text += "response parse error\n";
        out.text += capture_bio([&](BIO* b) { BIO_dump_indent(b, reinterpret_cast<const char*>(der), static_cast<int>(len), 4); });
        out.ok = false;
        return out;
    }
    out.text += "\n======================================\n";
    out.text += capture_bio([&](BIO* b) { OCSP_RESPONSE_print(b, rsp, 0); });
    out.text += "======================================\n";
    OCSP_RESPONSE_free(rsp);
    return out;
}

}  // namespace sc

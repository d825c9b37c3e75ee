#include "observe/hexdump.h"

#include <openssl/bio.h>

#include <climits>
#include <cstdio>

#include "report/ossl_text.h"

namespace sc {

std::string bio_dump_text(const void* data, std::size_t len) {
    // BIO_dump itself, so that the layout (and its quirks) match byte for byte.
    int n = len > INT_MAX ? INT_MAX : static_cast<int>(len);
    return capture_bio([&](BIO* b) { BIO_dump(b, static_cast<const char*>(data), n); });
}

std::string msg_hex_rows(const void* data, std::size_t len) {
    if (len == 0) return {};
    const auto* p = static_cast<const unsigned char*>(data);
    std::string out = "   ";
    char byte[4];
    for (std::size_t i = 0; i < len; ++i) {
        if (i % 16 == 0 && i > 0) out += "\n   ";
        std::snprintf(byte, sizeof byte, " %02x", p[i]);
        out += byte;
    }
    out += "\n";
    return out;
}

}  // namespace sc

// The LDAP ExtendedResponse: BER framing, then the response fields.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "starttls/binary_replies.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view in(reinterpret_cast<const char*>(data), size);
    sc::starttls::Frame f = sc::starttls::ldap_frame(in);
    if (f.status == sc::starttls::Frame::Status::Complete) {
        if (f.size > in.size() || f.size == 0) __builtin_trap();
        (void)sc::starttls::parse_ldap_extended_response(in.substr(0, f.size));
    }
    (void)sc::starttls::parse_ldap_extended_response(in);  // also unframed bytes
    return 0;
}

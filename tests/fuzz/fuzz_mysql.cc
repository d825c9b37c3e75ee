// The MySQL Initial Handshake packet: framing, then openssl's checks.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "starttls/binary_replies.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view in(reinterpret_cast<const char*>(data), size);
    sc::starttls::Frame f = sc::starttls::mysql_frame(in);
    if (f.status == sc::starttls::Frame::Status::Complete) {
        if (f.size > in.size() || f.size < 4) __builtin_trap();
        (void)sc::starttls::parse_mysql_handshake(in.substr(0, f.size));
    }
    (void)sc::starttls::parse_mysql_handshake(in);
    return 0;
}

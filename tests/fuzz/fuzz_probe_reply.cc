// libFuzzer target: the -ssl3 / -ssl2 reply parsers read server bytes.
// Built with the other targets: scripts/build.sh fuzz (SC_FUZZ=ON).
#include <cstddef>
#include <cstdint>
#include <span>

#include "probe/legacy_hello.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::span<const std::uint8_t> bytes(data, size);
    for (bool eof : {false, true}) {
        sc::probe::parse_sslv3_reply(bytes, eof);
        sc::probe::parse_sslv2_reply(bytes, eof);
    }
    return 0;
}

// The XMPP stream scanner, on the whole input and on every prefix boundary the
// input's first byte suggests (the scanner is rerun as bytes arrive).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "starttls/xmpp_stream.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view in(reinterpret_cast<const char*>(data), size);
    sc::starttls::XmppScan whole = sc::starttls::scan_xmpp_stream(in);
    std::size_t prev = 0;
    for (const auto& e : whole.elements) {
        if (e.end > in.size() || e.end < prev) __builtin_trap();
        prev = e.end;
    }
    if (size > 1) {
        std::size_t cut = data[0] % size;
        sc::starttls::XmppScan part = sc::starttls::scan_xmpp_stream(in.substr(0, cut));
        // A prefix never holds more complete elements than the whole.
        if (!part.malformed && !whole.malformed && part.elements.size() > whole.elements.size()) __builtin_trap();
    }
    return 0;
}

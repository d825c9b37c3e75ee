// The stdin command scanner. The first byte sets the flags and how the rest is
// cut into reads. Checked: with commands off and no -crlf the data events
// reproduce the input exactly; commands are only Q, R, K, k.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "relay/command_scanner.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 1) return 0;
    bool commands = data[0] & 1, crlf = data[0] & 2;
    std::size_t step = 1 + (data[0] >> 2);
    std::string_view in(reinterpret_cast<const char*>(data + 1), size - 1);
    sc::CommandScanner scanner(commands, crlf);
    std::vector<sc::StdinEvent> events;
    for (std::size_t off = 0; off < in.size(); off += step) scanner.feed(in.substr(off, step), events);
    scanner.finish(events);
    std::string joined;
    for (const auto& e : events) {
        if (e.kind == sc::StdinEvent::Kind::Command) {
            if (!commands) __builtin_trap();
            if (e.command != 'Q' && e.command != 'R' && e.command != 'K' && e.command != 'k') __builtin_trap();
        } else {
            joined += e.data;
        }
    }
    if (!commands && !crlf && joined != in) __builtin_trap();
    if (!commands && crlf && joined.size() < in.size()) __builtin_trap();
    return 0;
}

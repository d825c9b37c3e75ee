// Every -starttls exchange, end to end over a socket: the first byte picks the
// protocol and the read limits, the rest is what the server sends (then EOF).
// Covers LineReader, the per-protocol reply checks, the LDAP, MySQL and XMPP
// parsers as the exchanges use them, and the injected-plaintext check.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "io/sink.h"
#include "socket_feed.h"
#include "starttls/starttls.h"
#include "util/deadline.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 1) return 0;
    auto names = sc::starttls_protocol_names();
    std::uint8_t sel = data[0];
    std::string_view server(reinterpret_cast<const char*>(data + 1), size - 1);
    sc::fuzz::SocketFeed feed;
    if (!feed.open(server)) return 0;
    // Small limits half of the time, so the fuzzer reaches them with small inputs.
    sc::ReadLimits limits;
    if (sel & 0x80) limits = sc::ReadLimits{64, 2048};
    // EOF always comes first: the deadline is only a safety net.
    sc::Deadline deadline = sc::Deadline::after(5);
    sc::LineReader reader(feed.ours.get(), deadline, limits);
    sc::StarttlsOptions opt;
    opt.protocol = std::string(names[(sel & 0x7f) % names.size()]);
    opt.host = "localhost";
    if (sel & 0x40) opt.name = "example.org";
    sc::StringSink err;
    sc::StarttlsResult r = sc::negotiate_starttls(reader, opt, err);
    // A failure is always one line.
    if (!r.ok && (r.error.empty() || r.error.find('\n') != std::string::npos)) __builtin_trap();
    return 0;
}

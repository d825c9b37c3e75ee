// The proxy's reply to HTTP CONNECT, read over a socket (status line, headers,
// blank line), with the bytes after it left for TLS.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

#include "net/proxy.h"
#include "socket_feed.h"
#include "starttls/text_replies.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view in(reinterpret_cast<const char*>(data), size);
    (void)sc::starttls::parse_http_status_line(in.substr(0, in.find('\n')));
    sc::fuzz::SocketFeed feed;
    if (!feed.open(in)) return 0;
    sc::Deadline deadline = sc::Deadline::after(5);
    sc::LineReader reader(feed.ours.get(), deadline, sc::ReadLimits{256, 8192});
    sc::ProxyPlan plan;
    plan.proxy.host = "127.0.0.1";
    plan.proxy.port = "3128";
    plan.authority = "localhost:443";
    plan.credentials = "user:Zq9-secret";
    std::optional<std::string> err = sc::proxy_connect(reader, plan);
    // One line; the credentials (or their base64) never appear unless the proxy itself sent them.
    if (err && err->find('\n') != std::string::npos) __builtin_trap();
    // Messages show what the proxy sent as printable() does (CR/LF dropped, other bytes
    // as \xNN), so compare with the input in that form.
    std::string sent;
    for (char ch : in) {
        auto c = static_cast<unsigned char>(ch);
        if (c == '\r' || c == '\n') continue;
        char hex[8];
        std::snprintf(hex, sizeof hex, "\\x%02x", c);
        sent += (c >= 0x20 && c < 0x7f) ? std::string(1, ch) : std::string(hex);
    }
    for (std::string_view secret : {"Zq9-secret", "dXNlcjpacTktc2VjcmV0"})
        if (err && err->find(secret) != std::string::npos && sent.find(secret) == std::string::npos) __builtin_trap();
    return 0;
}

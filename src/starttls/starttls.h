// -starttls: the plaintext exchange that makes a server ready for a TLS
// handshake on the same connection, for each protocol openssl 3.0 knows.
// Strict (every positive reply is checked) and bounded (line length, total
// bytes, and every wait by the connection deadline).
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "io/sink.h"
#include "starttls/line_reader.h"

namespace sc {

// The names -starttls accepts, in openssl's order.
std::span<const std::string_view> starttls_protocol_names();
bool is_starttls_protocol(std::string_view name);

struct StarttlsOptions {
    std::string protocol;  // one of starttls_protocol_names()
    std::optional<std::string> name;  // -name / -xmpphost
    std::string host;      // the target host (XMPP's default "to")
};

struct StarttlsResult {
    bool ok = false;
    std::string error;  // one line, when !ok
    // What openssl echoes on stderr after the handshake (raw, usually one
    // line with its CRLF), or empty.
    std::string echo;
};

// Runs the exchange on the reader's connection. Notes openssl prints while
// talking ("Didn't find STARTTLS ...") go to err as they happen. On success
// nothing is left buffered: bytes after the go-ahead make it fail.
StarttlsResult negotiate_starttls(LineReader& reader, const StarttlsOptions& opt, Sink& err);

}  // namespace sc

// After the handshake: stdin -> TLS -> server and server -> TLS -> stdout,
// in one non-blocking poll() loop, until one side is done.
#pragma once

#include <openssl/ssl.h>

#include <functional>

#include "io/sink.h"

namespace sc {

struct RelayOptions {
    bool ign_eof = false;   // keep going after stdin EOF, until the server closes
    bool crlf = false;      // LF from stdin becomes CRLF
    bool tls13 = false;     // wait briefly for session tickets before closing
    bool ignore_unexpected_eof = false;
    // Hears every WANT_READ/WANT_WRITE of SSL_read ("read") and SSL_write
    // ("write"): the -nbio BLOCK lines. May be empty.
    std::function<void(const char* op, int ssl_error)> on_retry;
};

struct RelayIo {
    int in_fd;
    int out_fd;     // peer data is written here raw
    Sink& report;   // "closed" and other report lines (null under -quiet)
    Sink& err;      // "DONE" and errors
};

// Returns the exit code.
int run_relay(SSL* ssl, int sock_fd, const RelayIo& io, const RelayOptions& options,
              const std::function<bool()>& ticket_seen);

}  // namespace sc

// After the handshake: stdin -> TLS -> server and server -> TLS -> stdout,
// in one non-blocking poll() loop with bounded buffers both ways, until one
// side is done. Command lines (Q, R, K, k) act on the session.
#pragma once

#include <openssl/ssl.h>

#include <chrono>
#include <functional>

#include "io/sink.h"

namespace sc {

struct RelayOptions {
    bool ign_eof = false;       // after stdin EOF, wait for the server to close
    bool commands = true;       // Q, R, K, k lines act instead of being sent
    bool crlf = false;          // LF from stdin becomes CRLF
    bool expect_tickets = false;  // TLS 1.3: wait briefly for tickets at stdin EOF
    double idle_timeout_seconds = 0;  // 0: none
    bool read_ahead = true;     // whole socket buffers per read; off under -debug, whose dumps show each read
    bool batch_writes = true;   // records leave in large writes; off under -debug, -nbio, -nbio_test and DTLS
    std::chrono::microseconds round_trip{0};  // from the handshake, scales the waits at EOF
    // Hears every WANT_READ/WANT_WRITE of SSL_read ("read") and SSL_write
    // ("write"): the -nbio BLOCK lines. May be empty.
    std::function<void(const char* op, int ssl_error)> on_retry;
    // Hears every read of application data from the server, before it is
    // written to stdout (time to first byte, -json). May be empty.
    std::function<void()> on_server_data;
};

struct RelayIo {
    int in_fd;
    Sink& data;     // stdout, for the peer's data (the report's sink too, unless -quiet)
    Sink& report;   // "closed" and other report lines (null under -quiet)
    Sink& err;      // "DONE", command echoes and errors
};

// Returns the exit code (0 normal end, 1 failure).
int run_relay(SSL* ssl, int sock_fd, const RelayIo& io, const RelayOptions& options,
              const std::function<bool()>& ticket_seen);

}  // namespace sc

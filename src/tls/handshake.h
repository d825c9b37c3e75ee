// Drives SSL_connect on a non-blocking socket until it completes, fails or
// the deadline passes.
#pragma once

#include <openssl/ssl.h>

#include <functional>
#include <string>
#include <vector>

#include "util/deadline.h"

namespace sc {

struct HandshakeResult {
    bool ok = false;
    bool timed_out = false;
    bool verify_failed = false;          // aborted by certificate verification
    std::vector<std::string> error_lines;  // what to print on stderr when !ok
};

// on_retry (may be empty) hears every WANT_READ/WANT_WRITE (-nbio's BLOCK lines).
HandshakeResult run_handshake(SSL* ssl, int fd, const Deadline& deadline,
                              const std::function<void(int ssl_error)>& on_retry = {});

// Waits until fd is ready for what the last SSL call asked for.
// Returns false on timeout.
bool wait_for_ssl(int fd, int ssl_error, const Deadline& deadline);

}  // namespace sc

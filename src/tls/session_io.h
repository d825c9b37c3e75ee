// Session traffic outside the handshake and the relay: 0-RTT data before
// the handshake, and waiting for a TLS 1.3 ticket after it.
#pragma once

#include <openssl/ssl.h>

#include <functional>
#include <string>
#include <vector>

#include "util/deadline.h"

namespace sc {

// Writes data as early data (SSL_write_early_data), before SSL_connect.
// Returns error lines; empty on success.
std::vector<std::string> send_early_data(SSL* ssl, int fd, const std::string& data, const Deadline& deadline);

// TLS 1.3 tickets follow the handshake. Reads (without consuming any
// application data) until ticket_seen() is true, data or a close arrives,
// or the deadline passes. Returns ticket_seen().
bool wait_for_ticket(SSL* ssl, int fd, const Deadline& deadline, const std::function<bool()>& ticket_seen);

}  // namespace sc

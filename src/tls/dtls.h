// DTLS over a connected UDP socket: the datagram BIO, -mtu and -timeout, and
// the retransmission timer that the handshake and relay waits include.
#pragma once

#include <openssl/ssl.h>

#include <string>
#include <vector>

#include "cli/config.h"

namespace sc {

// A datagram BIO on fd (which stays ours), set up as openssl s_client does.
// Null with the lines for stderr on failure.
BIO* make_dgram_bio(SSL* ssl, int fd, const Config& cfg, std::vector<std::string>& lines);

// Milliseconds until the DTLS retransmission timer fires (0: now), or -1
// if none runs (also for TLS).
int dtls_timer_ms(SSL* ssl);

// Retransmits if the timer has fired; no-op otherwise.
void dtls_on_timer(SSL* ssl);

// poll() timeout combining a wait of limit_ms (-1: none) with the timer.
int with_dtls_timer(SSL* ssl, int limit_ms);

}  // namespace sc

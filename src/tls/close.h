// The end of a TLS session, as openssl s_client ends it.
#pragma once

#include <openssl/ssl.h>

namespace sc {

// Answers the server's close_notify if it closed first; then, after our
// close_notify, half-closes the socket and reads (through the SSL's BIO, so
// -debug shows it and the byte counts include it) whatever the server still
// sends, for at most 0.5 s. Closing a socket with unread input sends a reset,
// and a reset can destroy data the server has not read yet.
void finish_close(SSL* ssl, int fd);

}  // namespace sc

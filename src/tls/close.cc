#include "tls/close.h"

#include <openssl/err.h>
#include <poll.h>
#include <sys/socket.h>

#include <cerrno>

#include "tls/handshake.h"
#include "util/deadline.h"

namespace sc {

void finish_close(SSL* ssl, int fd) {
    // The server closed first: answer its close_notify with ours (as openssl
    // and the RFCs do), bounded in case the socket will not take it.
    if ((SSL_get_shutdown(ssl) & (SSL_RECEIVED_SHUTDOWN | SSL_SENT_SHUTDOWN)) == SSL_RECEIVED_SHUTDOWN) {
        Deadline limit = Deadline::after(0.5);
        while (true) {
            ERR_clear_error();
            int rc = SSL_shutdown(ssl);
            int err = rc < 0 ? SSL_get_error(ssl, rc) : SSL_ERROR_NONE;
            if ((err != SSL_ERROR_WANT_WRITE && err != SSL_ERROR_WANT_READ) || !wait_for_ssl(fd, err, limit)) break;
        }
        ERR_clear_error();
    }
    if (!(SSL_get_shutdown(ssl) & SSL_SENT_SHUTDOWN)) return;
    ::shutdown(fd, SHUT_WR);
    Deadline deadline = Deadline::after(0.5);
    char buf[8192];  // openssl's BUFSIZZ: -debug shows the size asked for
    while (true) {
        pollfd p{fd, POLLIN, 0};
        int n = ::poll(&p, 1, deadline.poll_timeout_ms());
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return;
        if (BIO_read(SSL_get_rbio(ssl), buf, sizeof buf) <= 0) return;
    }
}

}  // namespace sc

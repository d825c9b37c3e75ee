#include "tls/handshake.h"

#include <openssl/err.h>
#include <poll.h>

#include <cerrno>
#include <cstring>

#include "tls/context.h"
#include "tls/dtls.h"

namespace sc {

bool wait_for_ssl(int fd, int ssl_error, const Deadline& deadline) {
    pollfd p{fd, static_cast<short>(ssl_error == SSL_ERROR_WANT_WRITE ? POLLOUT : POLLIN), 0};
    while (true) {
        int n = ::poll(&p, 1, deadline.poll_timeout_ms());
        if (n < 0 && errno == EINTR) continue;
        return n != 0;
    }
}

namespace {

// As wait_for_ssl, but a DTLS handshake also wakes for its retransmission
// timer (the peer's flight, or ours, may have been lost).
bool wait_for_handshake(SSL* ssl, int fd, int ssl_error, const Deadline& deadline) {
    pollfd p{fd, static_cast<short>(ssl_error == SSL_ERROR_WANT_WRITE ? POLLOUT : POLLIN), 0};
    while (true) {
        int n = ::poll(&p, 1, with_dtls_timer(ssl, deadline.poll_timeout_ms()));
        if (n < 0 && errno == EINTR) continue;
        if (n != 0) return true;
        if (deadline.expired()) return false;
        dtls_on_timer(ssl);
        return true;
    }
}

}  // namespace

HandshakeResult run_handshake(SSL* ssl, int fd, const Deadline& deadline,
                              const std::function<void(int ssl_error)>& on_retry) {
    HandshakeResult result;
    while (true) {
        ERR_clear_error();
        errno = 0;
        int rc = SSL_connect(ssl);
        if (rc == 1) {
            result.ok = true;
            return result;
        }
        int err = SSL_get_error(ssl, rc);
        if (err == SSL_ERROR_WANT_READ || err == SSL_ERROR_WANT_WRITE) {
            if (on_retry) on_retry(err);
            if (!wait_for_handshake(ssl, fd, err, deadline)) {
                result.timed_out = true;
                result.error_lines.push_back("s_client: TLS handshake timed out (-connect_timeout)");
                return result;
            }
            continue;
        }
        int saved_errno = errno;
        unsigned long first = ERR_peek_error();
        result.verify_failed = ERR_GET_LIB(first) == ERR_LIB_SSL && ERR_GET_REASON(first) == SSL_R_CERTIFICATE_VERIFY_FAILED;
        result.error_lines = drain_openssl_errors();
        if (result.error_lines.empty()) {
            if (err == SSL_ERROR_SYSCALL && saved_errno != 0)
                result.error_lines.push_back("write:errno=" + std::to_string(saved_errno) + " (" +
                                             std::strerror(saved_errno) + ")");
            else
                result.error_lines.push_back("s_client: the server closed the connection during the handshake");
        }
        return result;
    }
}

}  // namespace sc

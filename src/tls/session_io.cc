#include "tls/session_io.h"

#include <openssl/err.h>

#include "tls/context.h"
#include "tls/handshake.h"

namespace sc {

std::vector<std::string> send_early_data(SSL* ssl, int fd, const std::string& data, const Deadline& deadline) {
    std::size_t off = 0;
    while (off < data.size()) {
        ERR_clear_error();
        std::size_t written = 0;
        if (SSL_write_early_data(ssl, data.data() + off, data.size() - off, &written)) {
            off += written;
            continue;
        }
        int err = SSL_get_error(ssl, 0);
        if ((err == SSL_ERROR_WANT_WRITE || err == SSL_ERROR_WANT_READ) && wait_for_ssl(fd, err, deadline)) continue;
        std::vector<std::string> lines{"Error writing early data"};
        for (auto& l : drain_openssl_errors()) lines.push_back(std::move(l));
        return lines;
    }
    return {};
}

bool wait_for_ticket(SSL* ssl, int fd, const Deadline& deadline, const std::function<bool()>& ticket_seen) {
    char byte;
    while (!ticket_seen()) {
        ERR_clear_error();
        // SSL_peek processes tickets but leaves application data for the relay.
        int n = SSL_peek(ssl, &byte, 1);
        if (n > 0) break;
        int err = SSL_get_error(ssl, n);
        if (err == SSL_ERROR_WANT_READ && SSL_has_pending(ssl)) continue;
        if (err != SSL_ERROR_WANT_READ && err != SSL_ERROR_WANT_WRITE) break;
        if (ticket_seen() || !wait_for_ssl(fd, err, deadline)) break;
    }
    ERR_clear_error();
    return ticket_seen();
}

}  // namespace sc

// The sessions of one run: -sess_in (read before connecting), every session
// and TLS 1.3 ticket the server gives us (-sess_out is rewritten with each,
// the last one wins, as in openssl), the newest one offered again by
// -reconnect, and the -psk_session / -psk keys for TLS 1.3 PSK handshakes.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "cli/config.h"
#include "io/sink.h"
#include "tls/ossl_ptr.h"

namespace sc {

class SessionStore {
public:
    // Error lines (exit 2) when a file cannot be read.
    static std::variant<std::unique_ptr<SessionStore>, std::vector<std::string>> open(const Config& cfg);

    // Offers the session to resume on this connection, if we have one.
    // Returns error lines ("Can't set session").
    std::vector<std::string> offer(SSL* ssl) const;

    // A session was established or a ticket arrived: keep it for the next
    // connection and write -sess_out.
    void remember(SSL_SESSION* session, Sink& err);

    // Installs the PSK callbacks on the context (when -psk or -psk_session).
    // The store must outlive ctx.
    void install_psk(SSL_CTX* ctx);

    // -early_data: the bytes to send, and whether this connection may.
    const std::optional<std::string>& early_data() const { return early_data_; }
    bool early_data_possible(SSL* ssl) const;

private:
    static unsigned int psk_client_callback(SSL* ssl, const char* hint, char* identity, unsigned int max_identity,
                                            unsigned char* psk, unsigned int max_psk);
    static int psk_use_session_callback(SSL* ssl, const EVP_MD* md, const unsigned char** id, size_t* id_len,
                                        SSL_SESSION** session);
    static SessionStore* from(SSL* ssl);

    SslSessionPtr latest_;
    SslSessionPtr psk_session_;
    std::optional<std::string> psk_key_;  // binary
    std::string psk_identity_;
    std::optional<std::string> sess_out_;
    std::optional<std::string> early_data_;
};

}  // namespace sc

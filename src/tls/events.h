// What libssl tells us during a connection, delivered to one object per
// connection (no globals): certificate verification steps and new sessions.
#pragma once

#include <openssl/ssl.h>

namespace sc {

class TlsEvents {
public:
    virtual ~TlsEvents() = default;
    // libssl's verify callback: return the verdict (1 go on, 0 abort).
    virtual int on_verify(int preverify_ok, X509_STORE_CTX* store) = 0;
    // A session was established or a TLS 1.3 ticket arrived.
    virtual void on_new_session(SSL* ssl, SSL_SESSION* session) = 0;
};

// Routes the callbacks installed by build_context() for this SSL to events.
void attach_events(SSL* ssl, TlsEvents* events);

// The trampolines build_context() installs on the SSL_CTX.
int verify_trampoline(int preverify_ok, X509_STORE_CTX* store);
int new_session_trampoline(SSL* ssl, SSL_SESSION* session);

}  // namespace sc

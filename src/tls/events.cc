#include "tls/events.h"

namespace sc {

void attach_events(SSL* ssl, TlsEvents* events) { SSL_set_app_data(ssl, events); }

int verify_trampoline(int preverify_ok, X509_STORE_CTX* store) {
    auto* ssl = static_cast<SSL*>(X509_STORE_CTX_get_ex_data(store, SSL_get_ex_data_X509_STORE_CTX_idx()));
    auto* events = ssl != nullptr ? static_cast<TlsEvents*>(SSL_get_app_data(ssl)) : nullptr;
    return events != nullptr ? events->on_verify(preverify_ok, store) : preverify_ok;
}

int new_session_trampoline(SSL* ssl, SSL_SESSION* session) {
    if (auto* events = static_cast<TlsEvents*>(SSL_get_app_data(ssl))) events->on_new_session(ssl, session);
    // We keep no reference: returning 0 lets libssl free the session again.
    return 0;
}

}  // namespace sc

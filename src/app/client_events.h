// The per-connection receiver of libssl's callbacks: prints verification
// steps on stderr and TLS 1.3 ticket blocks on the report stream.
#pragma once

#include "io/sink.h"
#include "tls/session_store.h"
#include "tls/events.h"
#include "tls/verify_reporter.h"

namespace sc {

class ClientEvents final : public TlsEvents {
public:
    // sessions (may be null) keeps every session and writes -sess_out.
    ClientEvents(VerifyOptions verify, Sink& report, Sink& err, SessionStore* sessions = nullptr)
        : verify_(verify, err), report_(report), err_(err), sessions_(sessions) {}

    int on_verify(int preverify_ok, X509_STORE_CTX* store) override {
        return verify_.on_verify(preverify_ok, store);
    }
    void on_new_session(SSL* ssl, SSL_SESSION* session) override;

    bool ticket_seen() const { return tickets_ > 0; }
    int tickets() const { return tickets_; }
    const VerifyReporter& verify() const { return verify_; }

private:
    VerifyReporter verify_;
    Sink& report_;
    Sink& err_;
    SessionStore* sessions_;
    int tickets_ = 0;
};

}  // namespace sc

#include "app/client_events.h"

#include "report/text_report.h"

namespace sc {

void ClientEvents::on_new_session(SSL* ssl, SSL_SESSION* session) {
    if (sessions_ != nullptr) sessions_->remember(session, err_);
    // TLS 1.2 sessions are printed inside the summary; TLS 1.3 ones arrive
    // as tickets after it.
    if (SSL_version(ssl) != TLS1_3_VERSION) return;
    ++tickets_;
    report_.write(render_ticket(session));
    report_.flush();
}

}  // namespace sc

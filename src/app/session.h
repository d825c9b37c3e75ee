// One TLS session over an open socket, from the handshake to the end of the
// relay: the report, fail-closed verification, -reconnect's early drop.
#pragma once

#include <openssl/ssl.h>

#include <string>

#include "app/client_events.h"
#include "app/io.h"
#include "app/run_record.h"
#include "cli/config.h"
#include "net/connect.h"
#include "observe/observers.h"
#include "tls/client_extensions.h"
#include "tls/session_store.h"
#include "util/deadline.h"
#include "util/unique_fd.h"

namespace sc {

// Where a connection stands among the -reconnect ones.
struct ConnectionRole {
    bool first = true;  // prints the full summary
    bool last = true;   // relays stdin; the others drop the connection and reconnect
};

// What every connection of a run shares.
struct SessionContext {
    const Config& cfg;
    const Io& io;
    Sink& report;
    SSL_CTX* ctx;
    Observers& observers;
    SessionStore& sessions;
    const ClientExtensions& extensions;  // NPN, SRTP, serverinfo, SRP
    RunRecord& record;
};

class Session {
public:
    Session(const SessionContext& shared, ConnectionRole role);
    int run(UniqueFd sock, const Target& target, const Deadline& deadline, const std::string& starttls_echo);

private:
    int relay(SSL* ssl, int fd, std::chrono::steady_clock::duration handshake_time);
    int drop_for_reconnect(SSL* ssl, int fd, const Deadline& deadline);
    void note_missing_client_cert(SSL* ssl);
    // at_exit: the -prexit summary, always the full stdout form.
    void print_summary(SSL* ssl, bool handshake_ok, bool at_exit = false);

    const Config& cfg_;
    const Io& io_;
    Sink& report_;
    SSL_CTX* ctx_;
    Observers& observers_;
    SessionStore& sessions_;
    const ClientExtensions& extensions_;
    RunRecord& record_;
    ConnectionRole role_;
    unsigned long nameopt_;
    ClientEvents events_;
};

}  // namespace sc

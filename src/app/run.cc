#include "app/run.h"

#include <openssl/err.h>

#include <chrono>
#include <cstdio>
#include <memory>
#include <optional>
#include <variant>

#include "app/before_tls.h"
#include "app/client_events.h"
#include "app/exit_codes.h"
#include "cli/help.h"
#include "cli/name_options.h"
#include "cli/parser.h"
#include "net/connect.h"
#include "observe/observers.h"
#include "relay/relay.h"
#include "report/text_report.h"
#include "tls/context.h"
#include "tls/dtls.h"
#include "tls/client_extensions.h"
#include "tls/close.h"
#include "tls/handshake.h"
#include "tls/identity.h"
#include "tls/providers.h"
#include "tls/session_io.h"
#include "tls/session_store.h"
#include "tls/connection_setup.h"

namespace sc {
namespace {

void print_lines(Sink& sink, const std::vector<std::string>& lines) {
    for (const auto& l : lines) sink.write(l + "\n");
}

std::string connected_line(int fd) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "CONNECTED(%08X)\n", static_cast<unsigned>(fd));
    return buf;
}

// -reconnect: how long a connection waits for a TLS 1.3 ticket before the
// next one (openssl does not wait at all: its bug #10714). Tickets follow
// the server's Finished at once, so this only matters for a server that
// sends none.
constexpr double kTicketWaitSeconds = 1.0;

// Where a connection stands among the -reconnect ones.
struct ConnectionRole {
    bool first = true;  // prints the full summary
    bool last = true;   // relays stdin; the others drop the connection and reconnect
};

// One TLS session over an open socket, from handshake to the end of the relay.
class Session {
public:
    Session(const Config& cfg, const Io& io, Sink& report, SSL_CTX* ctx, Observers& observers, SessionStore& sessions,
            const ClientExtensions& extensions, ConnectionRole role)
        : cfg_(cfg), io_(io), report_(report), ctx_(ctx), observers_(observers), sessions_(sessions),
          extensions_(extensions), role_(role),
          nameopt_(cfg.nameopt_set ? cfg.nameopt : default_name_options()),
          events_(VerifyOptions{cfg.verify_quiet, cfg.verify_depth_tolerance, cfg.verify_return_error, nameopt_},
                  report, io.err, &sessions) {}

    int run(UniqueFd sock, const Target& target, const Deadline& deadline, const std::string& starttls_echo);

private:
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
    ConnectionRole role_;
    unsigned long nameopt_;
    ClientEvents events_;
};

void Session::print_summary(SSL* ssl, bool handshake_ok, bool at_exit) {
    ConnectionReport report = collect_report(ssl);
    report.next_protocol = extensions_.next_protocol(ssl);
    if (cfg_.keymatexport) report.keying_material = collect_keying_material(ssl, *cfg_.keymatexport, cfg_.keymatexportlen);
    if (cfg_.brief && handshake_ok && !at_exit) {
        io_.err.write(render_brief(report, nameopt_));
        return;
    }
    report_.write(render_summary(report, TextStyle{role_.first || at_exit, cfg_.showcerts, nameopt_}));
    report_.flush();
}

int Session::run(UniqueFd sock, const Target& target, const Deadline& deadline, const std::string& starttls_echo) {
    SslPtr ssl(SSL_new(ctx_));
    if (!ssl) {
        print_lines(io_.err, drain_openssl_errors());
        return exit_code::kFailure;
    }
    std::vector<std::string> bio_errors;
    BIO* bio = cfg_.dtls ? make_dgram_bio(ssl.get(), sock.get(), cfg_, bio_errors)
                         : BIO_new_socket(sock.get(), BIO_NOCLOSE);  // the fd stays ours
    if (bio == nullptr) {
        print_lines(io_.err, bio_errors.empty() ? drain_openssl_errors() : bio_errors);
        return exit_code::kFailure;
    }
    bio = observers_.wrap_socket_bio(bio);
    SSL_set_bio(ssl.get(), bio, bio);
    attach_events(ssl.get(), &events_);
    if (!observers_.install(ssl.get())) {
        print_lines(io_.err, drain_openssl_errors());
        return exit_code::kFailure;
    }

    bool host_given = cfg_.connect.has_value() || cfg_.host.has_value();
    ConnectionSetup setup = setup_connection(ssl.get(), cfg_, target.host, host_given);
    if (!setup.ok) {
        print_lines(io_.err, setup.lines);
        return exit_code::kFailure;
    }

    if (auto lines = sessions_.offer(ssl.get()); !lines.empty()) {
        print_lines(io_.err, lines);
        return exit_code::kFailure;
    }
    if (cfg_.enable_pha) SSL_set_post_handshake_auth(ssl.get(), 1);
    if (sessions_.early_data_possible(ssl.get())) {
        if (auto lines = send_early_data(ssl.get(), sock.get(), *sessions_.early_data(), deadline); !lines.empty()) {
            print_lines(io_.err, lines);
            return exit_code::kFailure;
        }
    }

    // openssl drives the handshake with SSL_write: its retries are "write" ones.
    auto handshake_start = std::chrono::steady_clock::now();
    HandshakeResult hs = run_handshake(ssl.get(), sock.get(), deadline,
                                       [this](int err) { observers_.note_retry("write", err); });
    auto handshake_time = std::chrono::steady_clock::now() - handshake_start;
    if (!hs.ok) {
        print_lines(io_.err, hs.error_lines);
        note_missing_client_cert(ssl.get());
        // Printed once, also with -prexit (openssl prints it twice).
        print_summary(ssl.get(), false);
        return hs.verify_failed ? exit_code::kVerifyFailed : exit_code::kFailure;
    }
    print_summary(ssl.get(), true);
    io_.err.write(starttls_echo);  // openssl echoes the last STARTTLS line here

    // -verify N fails closed: the report is out, but nothing of ours is sent.
    long verdict = SSL_get_verify_result(ssl.get());
    if (cfg_.verify_depth_tolerance && verdict != X509_V_OK) {
        io_.err.write(std::string("s_client: certificate verification failed (") +
                      X509_verify_cert_error_string(verdict) + "); -verify: closing without sending data\n");
        ERR_clear_error();
        SSL_shutdown(ssl.get());
        finish_close(ssl.get(), sock.get());
        return exit_code::kVerifyFailed;
    }

    if (!role_.last) return drop_for_reconnect(ssl.get(), sock.get(), deadline);
    // -sess_out under TLS 1.3: the file must hold a ticket even if stdin
    // ends at once.
    if (cfg_.sess_out && SSL_version(ssl.get()) == TLS1_3_VERSION)
        wait_for_ticket(ssl.get(), sock.get(), Deadline::after(kTicketWaitSeconds), [this] { return events_.ticket_seen(); });

    RelayOptions relay_opt;
    relay_opt.ign_eof = cfg_.ign_eof.value_or(false);
    // Command letters are off under -ign_eof (which -quiet implies) and -nocommands, as in openssl.
    relay_opt.commands = !relay_opt.ign_eof && !cfg_.nocommands;
    relay_opt.crlf = cfg_.crlf;
    relay_opt.expect_tickets = SSL_version(ssl.get()) == TLS1_3_VERSION;
    relay_opt.idle_timeout_seconds = cfg_.idle_timeout_seconds;
    relay_opt.read_ahead = !cfg_.debug;  // -debug dumps every socket read as openssl does them
    // A full handshake takes about two round trips.
    relay_opt.round_trip = std::chrono::duration_cast<std::chrono::microseconds>(handshake_time / 2);
    relay_opt.on_retry = [this](const char* op, int err) { observers_.note_retry(op, err); };
    RelayIo relay_io{io_.in_fd, io_.out, report_, io_.err};
    std::function<bool()> ticket_seen = [this] { return events_.ticket_seen(); };
    int rc = run_relay(ssl.get(), sock.get(), relay_io, relay_opt, ticket_seen);
    if (rc != exit_code::kOk) note_missing_client_cert(ssl.get());
    finish_close(ssl.get(), sock.get());
    // -prexit: once more at exit, with the byte counts of the whole session.
    if (cfg_.prexit) print_summary(ssl.get(), true, true);
    return rc;
}

// A server that requires a client certificate rejects us with an alert
// (40 in TLS 1.2, 116 "certificate required" in TLS 1.3, after our
// Finished, so only on the first read): say plainly what was missing.
void Session::note_missing_client_cert(SSL* ssl) {
    bool requested = SSL_get_sigalgs(ssl, -1, nullptr, nullptr, nullptr, nullptr, nullptr) > 0;
    if (requested && SSL_get_certificate(ssl) == nullptr)
        io_.err.write("s_client: the server asked for a client certificate and none was sent (use -cert and -key)\n");
}

// openssl's reconnect step, after the summary: close this connection (the
// next one offers its session). Under TLS 1.3 the session to offer is a
// ticket, so wait (bounded) for one first.
int Session::drop_for_reconnect(SSL* ssl, int fd, const Deadline& deadline) {
    if (SSL_version(ssl) == TLS1_3_VERSION) {
        Deadline wait = Deadline::after(kTicketWaitSeconds);
        wait_for_ticket(ssl, fd, deadline.expired() ? deadline : wait, [this] { return events_.ticket_seen(); });
    }
    report_.write("drop connection and then reconnect\n");
    report_.flush();
    ERR_clear_error();
    SSL_shutdown(ssl);  // one close_notify; the socket closes when this connection's owner goes
    ERR_clear_error();
    return exit_code::kOk;
}

// One connection: connect, the plain-text steps, then the TLS session.
int connect_once(const Config& cfg, const Io& io, Sink& report, SSL_CTX* ctx, Observers& observers,
                 SessionStore& sessions, const ClientExtensions& extensions, const Target& target, const std::optional<ProxyPlan>& via,
                 ConnectionRole role) {
    Deadline deadline = Deadline::after(cfg.connect_timeout_seconds);
    auto sock = open_connection(via ? via->proxy : target, cfg, deadline);
    if (auto* err = std::get_if<ConnectError>(&sock)) {
        io.err.write(err->message + "\n");
        return exit_code::kFailure;
    }
    UniqueFd fd = std::move(std::get<UniqueFd>(sock));
    report.write(connected_line(fd.get()));
    report.write(observers.nbio_banner());
    report.flush();

    BeforeTls plain = run_before_tls(fd.get(), cfg, target, via, deadline, io.err);
    if (!plain.ok) {
        io.err.write(plain.error + "\n");
        return exit_code::kFailure;
    }
    Session session(cfg, io, report, ctx, observers, sessions, extensions, role);
    return session.run(std::move(fd), target, deadline, plain.echo);
}

// What must be ready before the first connection: providers and engines,
// our identity, the sessions. A failure here is a usage error (exit 2).
struct Prepared {
    std::unique_ptr<CryptoEnvironment> crypto;
    std::unique_ptr<ClientIdentity> identity;
    std::unique_ptr<SessionStore> sessions;
};

std::optional<std::vector<std::string>> prepare(const Config& cfg, Sink& err, Prepared& out) {
    auto crypto = CryptoEnvironment::create(cfg, err);
    if (auto* lines = std::get_if<std::vector<std::string>>(&crypto)) return *lines;
    out.crypto = std::move(std::get<std::unique_ptr<CryptoEnvironment>>(crypto));
    auto identity = ClientIdentity::load(cfg, *out.crypto);
    if (auto* lines = std::get_if<std::vector<std::string>>(&identity)) return *lines;
    out.identity = std::move(std::get<std::unique_ptr<ClientIdentity>>(identity));
    auto sessions = SessionStore::open(cfg);
    if (auto* lines = std::get_if<std::vector<std::string>>(&sessions)) return *lines;
    out.sessions = std::move(std::get<std::unique_ptr<SessionStore>>(sessions));
    return std::nullopt;
}

}  // namespace

int run(std::span<const std::string_view> args, const Io& io) {
    ParseResult parsed = parse_command_line(args);
    if (parsed.error) {
        print_lines(io.err, parsed.error->lines);
        return exit_code::kUsage;
    }
    const Config& cfg = parsed.config;
    if (cfg.help) {
        io.err.write(render_help());
        return exit_code::kOk;
    }
    print_lines(io.err, cfg.parse_notes);

    Prepared prepared;
    if (auto lines = prepare(cfg, io.err, prepared)) {
        print_lines(io.err, *lines);
        return exit_code::kUsage;
    }
    ContextInputs inputs{prepared.crypto.get(), prepared.identity.get(), prepared.sessions.get(), &io.err,
                         cfg.nameopt_set ? cfg.nameopt : default_name_options()};
    auto ctx = build_context(cfg, inputs);
    if (auto* err = std::get_if<SetupError>(&ctx)) {
        print_lines(io.err, err->lines);
        return exit_code::kUsage;
    }
    auto target = target_from_config(cfg);
    if (auto* err = std::get_if<ConnectError>(&target)) {
        io.err.write(err->message + "\n");
        return exit_code::kUsage;
    }

    // As openssl: -quiet/-brief silence the report stream unless -debug.
    NullSink null_sink;
    Sink& report = ((cfg.quiet || cfg.brief) && !cfg.debug) ? static_cast<Sink&>(null_sink) : io.out;

    auto made = Observers::create(std::get<SslCtxPtr>(ctx).get(), cfg, ObserverSinks{report, io.err, io.out});
    if (auto* lines = std::get_if<std::vector<std::string>>(&made)) {
        print_lines(io.err, *lines);
        return exit_code::kFailure;
    }
    Observers& observers = *std::get<std::unique_ptr<Observers>>(made);
    auto installed = ClientExtensions::install(std::get<SslCtxPtr>(ctx).get(), cfg, report, io.err);
    if (auto* lines = std::get_if<std::vector<std::string>>(&installed)) {
        print_lines(io.err, *lines);
        return exit_code::kUsage;
    }
    const ClientExtensions& extensions = *std::get<std::unique_ptr<ClientExtensions>>(installed);

    auto proxy = plan_proxy(cfg, std::get<Target>(target));
    if (auto* err = std::get_if<ProxySetupError>(&proxy)) {
        print_lines(io.err, err->lines);
        return exit_code::kUsage;
    }
    const auto& via = std::get<std::optional<ProxyPlan>>(proxy);

    // -reconnect: six connections in all, as openssl; STARTTLS on each.
    const int connections = cfg.reconnect ? 6 : 1;
    int rc = exit_code::kOk;
    for (int i = 0; i < connections; ++i) {
        ConnectionRole role{i == 0, i + 1 == connections};
        rc = connect_once(cfg, io, report, std::get<SslCtxPtr>(ctx).get(), observers, *prepared.sessions, extensions,
                          std::get<Target>(target), via, role);
        if (rc != exit_code::kOk) break;
    }
    report.flush();
    prepared.crypto->write_rand(io.err);
    return rc;
}

}  // namespace sc

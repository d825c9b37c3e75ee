#include "app/session.h"

#include <openssl/err.h>

#include <chrono>

#include "app/exit_codes.h"
#include "cli/name_options.h"
#include "relay/relay.h"
#include "report/text_report.h"
#include "tls/close.h"
#include "tls/context.h"
#include "tls/handshake.h"
#include "tls/session_io.h"
#include "tls/connection_setup.h"
#include "tls/dtls.h"

namespace sc {
namespace {

void print_lines(Sink& sink, const std::vector<std::string>& lines) {
    for (const auto& l : lines) sink.write(l + "\n");
}

// -reconnect: how long a connection waits for a TLS 1.3 ticket before the
// next one (openssl does not wait at all: its bug #10714). Tickets follow
// the server's Finished at once, so this only matters for a server that
// sends none.
constexpr double kTicketWaitSeconds = 1.0;

}  // namespace

Session::Session(const SessionContext& shared, ConnectionRole role)
    : cfg_(shared.cfg), io_(shared.io), report_(shared.report), ctx_(shared.ctx), observers_(shared.observers),
      sessions_(shared.sessions), extensions_(shared.extensions), record_(shared.record), role_(role),
      nameopt_(cfg_.nameopt_set ? cfg_.nameopt : default_name_options()),
      events_(VerifyOptions{cfg_.verify_quiet, cfg_.verify_depth_tolerance, cfg_.verify_return_error, nameopt_},
              shared.report, shared.io.err, &shared.sessions) {}

void Session::print_summary(SSL* ssl, bool handshake_ok, bool at_exit) {
    record_.snapshot(ssl, events_.verify(), events_.tickets());
    if (cfg_.json) return;  // the JSON document replaces every text summary
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
    record_.timings().handshake_ms = std::chrono::duration<double, std::milli>(handshake_time).count();
    if (!hs.ok) {
        print_lines(io_.err, hs.error_lines);
        if (!hs.error_lines.empty()) record_.set_error(hs.error_lines.front());
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
        std::string why = std::string("s_client: certificate verification failed (") +
                          X509_verify_cert_error_string(verdict) + "); -verify: closing without sending data";
        io_.err.write(why + "\n");
        record_.set_error(why);
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

    return relay(ssl.get(), sock.get(), handshake_time);
}

// stdin to the server and the server to stdout until one side is done.
int Session::relay(SSL* ssl, int fd, std::chrono::steady_clock::duration handshake_time) {
    RelayOptions relay_opt;
    relay_opt.ign_eof = cfg_.ign_eof.value_or(false);
    // Command letters are off under -ign_eof (which -quiet implies) and -nocommands, as in openssl.
    relay_opt.commands = !relay_opt.ign_eof && !cfg_.nocommands;
    relay_opt.crlf = cfg_.crlf;
    relay_opt.expect_tickets = SSL_version(ssl) == TLS1_3_VERSION;
    relay_opt.idle_timeout_seconds = cfg_.idle_timeout_seconds;
    relay_opt.read_ahead = !cfg_.debug;  // -debug dumps every socket read as openssl does them
    relay_opt.batch_writes = !cfg_.debug && !cfg_.nbio && !cfg_.nbio_test && !cfg_.dtls;
    // A full handshake takes about two round trips.
    relay_opt.round_trip = std::chrono::duration_cast<std::chrono::microseconds>(handshake_time / 2);
    relay_opt.on_retry = [this](const char* op, int err) { observers_.note_retry(op, err); };
    relay_opt.on_server_data = [this, ssl, first = true]() mutable {
        if (!first) return;
        first = false;
        record_.snapshot(ssl, events_.verify(), events_.tickets());
        record_.on_first_server_byte();
    };
    RelayIo relay_io{io_.in_fd, io_.out, report_, io_.err};
    std::function<bool()> ticket_seen = [this] { return events_.ticket_seen(); };
    int rc = run_relay(ssl, fd, relay_io, relay_opt, ticket_seen);
    record_.snapshot(ssl, events_.verify(), events_.tickets());  // tickets that came during the relay
    if (rc != exit_code::kOk) note_missing_client_cert(ssl);
    finish_close(ssl, fd);
    // -prexit: once more at exit, with the byte counts of the whole session.
    if (cfg_.prexit) print_summary(ssl, true, true);
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



}  // namespace sc

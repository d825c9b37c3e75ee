#include "app/run.h"

#include <openssl/err.h>

#include <chrono>
#include <cstdio>
#include <variant>

#include "app/before_tls.h"
#include "app/client_events.h"
#include "app/exit_codes.h"
#include "app/legacy_probe.h"
#include "app/run_record.h"
#include "cli/help.h"
#include "cli/name_options.h"
#include "cli/parser.h"
#include "net/connect.h"
#include "observe/observers.h"
#include "relay/relay.h"
#include "report/text_report.h"
#include "tls/context.h"
#include "tls/close.h"
#include "tls/handshake.h"
#include "tls/sni.h"

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

// One TLS session over an open socket, from handshake to the end of the relay.
class Session {
public:
    Session(const Config& cfg, const Io& io, Sink& report, SSL_CTX* ctx, Observers& observers, RunRecord& record)
        : cfg_(cfg), io_(io), report_(report), ctx_(ctx), observers_(observers), record_(record), nameopt_(cfg.nameopt_set ? cfg.nameopt : default_name_options()),
          events_(VerifyOptions{cfg.verify_quiet, cfg.verify_depth_tolerance, cfg.verify_return_error, nameopt_},
                  report, io.err) {}

    int run(UniqueFd sock, const Target& target, const Deadline& deadline, const std::string& starttls_echo);

private:
    // at_exit: the -prexit summary, always the full stdout form.
    void print_summary(SSL* ssl, bool handshake_ok, bool at_exit = false);

    const Config& cfg_;
    const Io& io_;
    Sink& report_;
    SSL_CTX* ctx_;
    Observers& observers_;
    RunRecord& record_;
    unsigned long nameopt_;
    ClientEvents events_;
};

void Session::print_summary(SSL* ssl, bool handshake_ok, bool at_exit) {
    record_.snapshot(ssl, events_.verify(), events_.tickets());
    if (cfg_.json) return;  // the JSON document replaces every text summary
    ConnectionReport report = collect_report(ssl);
    if (cfg_.keymatexport) report.keying_material = collect_keying_material(ssl, *cfg_.keymatexport, cfg_.keymatexportlen);
    if (cfg_.brief && handshake_ok && !at_exit) {
        io_.err.write(render_brief(report, nameopt_));
        return;
    }
    report_.write(render_summary(report, TextStyle{true, cfg_.showcerts, nameopt_}));
    report_.flush();
}

int Session::run(UniqueFd sock, const Target& target, const Deadline& deadline, const std::string& starttls_echo) {
    SslPtr ssl(SSL_new(ctx_));
    if (!ssl) {
        print_lines(io_.err, drain_openssl_errors());
        return exit_code::kFailure;
    }
    BIO* bio = BIO_new_socket(sock.get(), BIO_NOCLOSE);  // the fd stays ours
    if (bio == nullptr) {
        print_lines(io_.err, drain_openssl_errors());
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
    if (auto sni = choose_sni(cfg_.servername, cfg_.noservername, target.host, host_given)) {
        if (!SSL_set_tlsext_host_name(ssl.get(), sni->c_str())) {
            io_.err.write("Unable to set TLS servername extension.\n");
            print_lines(io_.err, drain_openssl_errors());
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

    RelayOptions relay_opt;
    relay_opt.ign_eof = cfg_.ign_eof.value_or(false);
    // Command letters are off under -quiet, -ign_eof and -nocommands, as in openssl.
    relay_opt.commands = !relay_opt.ign_eof && !cfg_.quiet && !cfg_.nocommands;
    relay_opt.crlf = cfg_.crlf;
    relay_opt.expect_tickets = SSL_version(ssl.get()) == TLS1_3_VERSION;
    relay_opt.idle_timeout_seconds = cfg_.idle_timeout_seconds;
    relay_opt.read_ahead = !cfg_.debug;  // -debug dumps every socket read as openssl does them
    // A full handshake takes about two round trips.
    relay_opt.round_trip = std::chrono::duration_cast<std::chrono::microseconds>(handshake_time / 2);
    relay_opt.on_retry = [this](const char* op, int err) { observers_.note_retry(op, err); };
    relay_opt.on_server_data = [this, s = ssl.get(), first = true]() mutable {
        if (!first) return;
        first = false;
        record_.snapshot(s, events_.verify(), events_.tickets());
        record_.on_first_server_byte();
    };
    RelayIo relay_io{io_.in_fd, io_.out_fd, report_, io_.err};
    std::function<bool()> ticket_seen = [this] { return events_.ticket_seen(); };
    int rc = run_relay(ssl.get(), sock.get(), relay_io, relay_opt, ticket_seen);
    record_.snapshot(ssl.get(), events_.verify(), events_.tickets());  // tickets that came during the relay
    finish_close(ssl.get(), sock.get());
    // -prexit: once more at exit, with the byte counts of the whole session.
    if (cfg_.prexit) print_summary(ssl.get(), true, true);
    return rc;
}

// Everything after the command line, up to the exit code. Failures are told
// to the record too, for -json.
int run_connection(const Config& cfg, const Io& io, RunRecord& record) {
    auto ctx = build_context(cfg);
    if (auto* err = std::get_if<SetupError>(&ctx)) {
        print_lines(io.err, err->lines);
        return exit_code::kUsage;
    }
    auto target = target_from_config(cfg);
    if (auto* err = std::get_if<ConnectError>(&target)) {
        io.err.write(err->message + "\n");
        return exit_code::kUsage;
    }
    record.set_target(std::get<Target>(target));

    // As openssl: -quiet/-brief silence the report stream unless -debug.
    // -json: stdout is the JSON document and the peer's data, nothing else.
    NullSink null_sink;
    bool silent = cfg.json || ((cfg.quiet || cfg.brief) && !cfg.debug);
    Sink& report = silent ? static_cast<Sink&>(null_sink) : io.out;

    auto made = Observers::create(std::get<SslCtxPtr>(ctx).get(), cfg, ObserverSinks{report, io.err, io.out});
    if (auto* lines = std::get_if<std::vector<std::string>>(&made)) {
        print_lines(io.err, *lines);
        return exit_code::kFailure;
    }
    Observers& observers = *std::get<std::unique_ptr<Observers>>(made);

    auto proxy = plan_proxy(cfg, std::get<Target>(target));
    if (auto* err = std::get_if<ProxySetupError>(&proxy)) {
        print_lines(io.err, err->lines);
        return exit_code::kUsage;
    }
    const auto& via = std::get<std::optional<ProxyPlan>>(proxy);

    Deadline deadline = Deadline::after(cfg.connect_timeout_seconds);
    auto sock = open_connection(via ? via->proxy : std::get<Target>(target), cfg, deadline, &record.timings());
    if (auto* err = std::get_if<ConnectError>(&sock)) {
        io.err.write(err->message + "\n");
        record.set_error(err->message);
        return exit_code::kFailure;
    }
    UniqueFd fd = std::move(std::get<UniqueFd>(sock));
    record.set_connected(fd.get());
    report.write(connected_line(fd.get()));
    report.write(observers.nbio_banner());
    report.flush();

    BeforeTls plain = run_before_tls(fd.get(), cfg, std::get<Target>(target), via, deadline, io.err, &record.timings());
    if (!plain.ok) {
        io.err.write(plain.error + "\n");
        record.set_error(plain.error);
        return exit_code::kFailure;
    }
    if (cfg.legacy_probe != 0) return run_legacy_probe(fd.get(), cfg, deadline, report, io.err);

    Session session(cfg, io, report, std::get<SslCtxPtr>(ctx).get(), observers, record);
    int rc = session.run(std::move(fd), std::get<Target>(target), deadline, plain.echo);
    report.flush();
    return rc;
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

    RunRecord record(cfg, io.out, io.err);
    int rc = run_connection(cfg, io, record);
    record.finish(rc);
    return rc;
}

}  // namespace sc

#include "app/run.h"

#include <cstdio>
#include <memory>
#include <optional>
#include <variant>

#include "app/before_tls.h"
#include "app/exit_codes.h"
#include "app/legacy_probe.h"
#include "app/run_record.h"
#include "app/session.h"
#include "cli/help.h"
#include "cli/name_options.h"
#include "cli/parser.h"
#include "net/connect.h"
#include "observe/observers.h"
#include "tls/client_extensions.h"
#include "tls/context.h"
#include "tls/identity.h"
#include "tls/providers.h"
#include "tls/session_store.h"

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

// One connection: connect, the plain-text steps (proxy, STARTTLS), then the
// TLS session or the legacy probe.
int connect_once(const SessionContext& shared, const Target& target, const std::optional<ProxyPlan>& via,
                 ConnectionRole role) {
    const Config& cfg = shared.cfg;
    RunRecord& record = shared.record;
    Deadline deadline = Deadline::after(cfg.connect_timeout_seconds);
    auto sock = open_connection(via ? via->proxy : target, cfg, deadline, &record.timings());
    if (auto* err = std::get_if<ConnectError>(&sock)) {
        shared.io.err.write(err->message + "\n");
        record.set_error(err->message);
        return exit_code::kFailure;
    }
    UniqueFd fd = std::move(std::get<UniqueFd>(sock));
    record.set_connected(fd.get());
    shared.report.write(connected_line(fd.get()));
    shared.report.write(shared.observers.nbio_banner());
    shared.report.flush();

    BeforeTls plain = run_before_tls(fd.get(), cfg, target, via, deadline, shared.io.err, &record.timings());
    if (!plain.ok) {
        shared.io.err.write(plain.error + "\n");
        record.set_error(plain.error);
        return exit_code::kFailure;
    }
    if (cfg.legacy_probe != 0) return run_legacy_probe(fd.get(), cfg, deadline, shared.report, shared.io.err);
    Session session(shared, role);
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

// Everything after the command line, up to the exit code. Failures are told
// to the record too, for -json.
int run_connections(const Config& cfg, const Io& io, RunRecord& record) {
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

    SessionContext shared{cfg,       io, report, std::get<SslCtxPtr>(ctx).get(), observers, *prepared.sessions,
                          extensions, record};
    // -reconnect: six connections in all, as openssl; STARTTLS on each.
    const int connections = cfg.reconnect ? 6 : 1;
    int rc = exit_code::kOk;
    for (int i = 0; i < connections; ++i) {
        rc = connect_once(shared, std::get<Target>(target), via, ConnectionRole{i == 0, i + 1 == connections});
        if (rc != exit_code::kOk) break;
    }
    report.flush();
    prepared.crypto->write_rand(io.err);
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
    int rc = run_connections(cfg, io, record);
    record.finish(rc);
    return rc;
}

}  // namespace sc

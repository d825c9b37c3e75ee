#include "app/run_record.h"

#include <ctime>

#include "cli/name_options.h"
#include "net/peer_address.h"
#include "report/timings_text.h"

namespace sc {

RunRecord::RunRecord(const Config& cfg, Sink& out, Sink& err) : cfg_(cfg), out_(out), err_(err) {
    run_.proxy = cfg.proxy;
    run_.starttls = cfg.starttls;
    run_.ocsp_requested = cfg.status || cfg.ct;  // -ct also asks for a staple
    run_.nameopt = cfg.nameopt_set ? cfg.nameopt : default_name_options();
}

void RunRecord::set_target(const Target& target) {
    run_.host = target.host;
    run_.port = target.port;
    run_.unix_path = target.unix_path;
}

void RunRecord::set_connected(int fd) {
    if (auto peer = socket_peer(fd)) run_.address = *peer;
}

void RunRecord::set_error(const std::string& line) {
    if (!run_.error && !line.empty()) run_.error = line;
}

void RunRecord::snapshot(SSL* ssl, const VerifyReporter& verify, int tickets) {
    if (!cfg_.json) return;  // collecting costs PEM and digests: only when printed
    report_ = collect_report(ssl);
    run_.findings = verify.findings();
    run_.tickets = tickets;
}

void RunRecord::on_first_server_byte() {
    if (first_byte_seen_) return;
    first_byte_seen_ = true;
    run_.timings.first_byte_ms = run_.timings.ms_since_start();
    print_json(0, false);
}

void RunRecord::finish(int exit_code) {
    print_json(exit_code, true);
    if (cfg_.timings) {
        run_.timings.total_ms = run_.timings.ms_since_start();
        err_.write(render_timings(run_.timings));
    }
}

void RunRecord::print_json(int exit_code, bool final) {
    if (!cfg_.json || json_printed_) return;
    json_printed_ = true;
    run_.timings.total_ms = run_.timings.ms_since_start();
    run_.exit_code = exit_code;
    run_.exit_code_final = final;
    run_.now = std::time(nullptr);
    out_.write(render_json(report_ ? &*report_ : nullptr, run_)
                   // Server-chosen bytes could be invalid UTF-8: replaced, never a throw.
                   .dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
    out_.flush();
}

}  // namespace sc

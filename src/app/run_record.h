// What -json and -timings need from one run, gathered as the run goes and
// printed once. The flow in run.cc only tells it what happened.
//
// When the JSON document is printed (docs/report.schema.json says the same):
//  * before the first byte of server data reaches stdout, so stdout is
//    always "one JSON document, then the peer's data" (exit_code 0 and
//    exit_code_final false: the session goes on);
//  * otherwise at the end of the run, with the final exit code.
#pragma once

#include <openssl/ssl.h>

#include <optional>
#include <string>

#include "cli/config.h"
#include "io/sink.h"
#include "net/connect.h"
#include "report/connection_report.h"
#include "report/json_report.h"
#include "tls/verify_reporter.h"
#include "util/timings.h"

namespace sc {

class RunRecord {
public:
    RunRecord(const Config& cfg, Sink& out, Sink& err);

    Timings& timings() { return run_.timings; }
    void set_target(const Target& target);
    void set_connected(int fd);
    // The first failure wins: later lines are consequences.
    void set_error(const std::string& line);
    // Takes what the SSL knows now; the latest snapshot is what gets printed.
    void snapshot(SSL* ssl, const VerifyReporter& verify, int tickets);
    // The first byte of server data is about to reach stdout.
    void on_first_server_byte();
    // The end of the run: prints what has not been printed yet.
    void finish(int exit_code);

private:
    void print_json(int exit_code, bool final);

    const Config& cfg_;
    Sink& out_;
    Sink& err_;
    JsonRun run_;
    std::optional<ConnectionReport> report_;
    bool json_printed_ = false;
    bool first_byte_seen_ = false;
};

}  // namespace sc

// The -json document: one JSON object describing a run, rendered from the
// ConnectionReport (when a TLS attempt was made) and what the run around it
// knew (target, address, verification findings, timings, exit code).
// Its schema is docs/report.schema.json; keep both in step.
#pragma once

#include <ctime>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "net/peer_address.h"
#include "report/connection_report.h"
#include "tls/verify_reporter.h"
#include "util/timings.h"

namespace sc {

inline constexpr int kJsonSchemaVersion = 1;

struct JsonRun {
    // The target as asked for.
    std::string host;
    std::string port;
    std::string unix_path;
    std::optional<std::string> proxy;
    std::optional<std::string> starttls;
    std::optional<SocketPeer> address;  // where the connection went (empty: never connected)

    bool ocsp_requested = false;
    std::vector<VerifyFinding> findings;  // every verification error, in the order seen
    int tickets = 0;                      // TLS 1.3 NewSessionTickets received so far
    std::optional<std::string> error;     // why the run failed, one line
    Timings timings;
    int exit_code = 0;
    bool exit_code_final = true;  // false: printed before the session ended (see the schema)
    unsigned long nameopt = 0;
    std::time_t now = 0;          // days_left counts from here
};

// report is null when no TLS attempt was made (connect, proxy or STARTTLS failed).
nlohmann::json render_json(const ConnectionReport* report, const JsonRun& run);

// The stapled OCSP response (DER) summarised: response status and the first
// single response's certificate status.
nlohmann::json ocsp_json(bool requested, const std::optional<std::string>& der);

}  // namespace sc

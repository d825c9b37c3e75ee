// openssl s_client's text: the session summary ("print_stuff"), the -brief
// summary and the TLS 1.3 ticket block, rendered from a ConnectionReport.
#pragma once

#include <string>

#include "report/connection_report.h"

namespace sc {

struct TextStyle {
    bool full = true;        // the first summary; reconnections print the short form
    bool showcerts = false;  // PEM after every chain entry
    unsigned long nameopt = 0;
};

std::string render_summary(const ConnectionReport& report, const TextStyle& style);

// The -brief summary (stderr), after "CONNECTION ESTABLISHED".
std::string render_brief(const ConnectionReport& report, unsigned long nameopt);

// openssl's name for a peer signature type ("RSA-PSS", "ECDSA", ...), or null.
const char* signature_type_name(int nid);

// One "Post-Handshake New Session Ticket arrived:" block.
std::string render_ticket(const SSL_SESSION* session);

}  // namespace sc

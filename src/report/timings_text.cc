#include "report/timings_text.h"

#include <cstdio>

namespace sc {
namespace {

void line(std::string& out, const char* label, const std::optional<double>& ms) {
    if (!ms) return;
    char buf[96];
    std::snprintf(buf, sizeof buf, "  %-20s %10.3f ms\n", label, *ms);
    out += buf;
}

}  // namespace

std::string render_timings(const Timings& t) {
    std::string out = "Timings:\n";
    line(out, "DNS lookup:", t.dns_ms);
    line(out, "TCP connect:", t.connect_ms);
    line(out, "Proxy CONNECT:", t.proxy_ms);
    line(out, "STARTTLS:", t.starttls_ms);
    line(out, "TLS handshake:", t.handshake_ms);
    // Counted from the start, as curl's time_starttransfer, not per phase.
    line(out, "First server byte:", t.first_byte_ms);
    line(out, "Total:", t.total_ms);
    return out;
}

}  // namespace sc

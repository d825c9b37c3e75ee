// The text a probe prints: whether the server speaks the protocol, what it
// chose, and its certificate, printed with the library printers the TLS
// report uses (names in -nameopt form, times, PEM).
#pragma once

#include <string>

#include "probe/legacy_hello.h"

namespace sc::probe {

// protocol: "SSLv3" or "SSLv2".
std::string render_probe(const ProbeReply& reply, const std::string& protocol, unsigned long nameopt);

// The closing line (stderr) that says why no handshake follows.
std::string not_completed_line(const std::string& protocol);

}  // namespace sc::probe

// What happens on the plain connection between "CONNECTED(...)" and the TLS
// handshake: the proxy's CONNECT, then the STARTTLS exchange, sharing one
// bounded reader so that no byte is lost between them.
#pragma once

#include <optional>
#include <string>

#include "cli/config.h"
#include "io/sink.h"
#include "net/connect.h"
#include "net/proxy.h"
#include "util/deadline.h"
#include "util/timings.h"

namespace sc {

struct BeforeTls {
    bool ok = true;
    std::string error;  // one line, when !ok (exit 1)
    std::string echo;   // STARTTLS text echoed on stderr after the handshake
};

// timings (may be null) hears how long the proxy and STARTTLS exchanges took.
BeforeTls run_before_tls(int fd, const Config& cfg, const Target& target, const std::optional<ProxyPlan>& proxy,
                         const Deadline& deadline, Sink& err, Timings* timings = nullptr);

}  // namespace sc

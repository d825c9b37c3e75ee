// What each connection's SSL gets before the handshake, beyond the context:
// the SNI name, DANE, the fallback SCSV.
#pragma once

#include <openssl/ssl.h>

#include <string>
#include <vector>

#include "cli/config.h"

namespace sc {

// host: the target host; host_given: whether one was named. Returns the
// lines for stderr; a failure ends the connection (ok false).
struct ConnectionSetup {
    bool ok = true;
    std::vector<std::string> lines;
};
ConnectionSetup setup_connection(SSL* ssl, const Config& cfg, const std::string& host, bool host_given);

}  // namespace sc

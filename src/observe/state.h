// -state: libssl's info callback as openssl's apps_ssl_info_callback prints it.
#pragma once

#include <openssl/ssl.h>

#include <string>

namespace sc {

// The line (with "\n") for one info-callback event, or "" when openssl
// prints nothing for it (e.g. handshake start/done without LOOP).
std::string state_line(const SSL* ssl, int where, int ret);

}  // namespace sc

// The record-layer and extension knobs of the SSL_CTX that need no state of
// their own: fragment sizes, pipelines, read buffer, async mode, SRTP.
#pragma once

#include <openssl/ssl.h>

#include <optional>
#include <string>
#include <vector>

#include "cli/config.h"

namespace sc {

// The lines to print on stderr if a value is refused.
std::optional<std::vector<std::string>> apply_knobs(SSL_CTX* ctx, const Config& cfg);

}  // namespace sc

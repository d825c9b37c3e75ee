// Where trusted certificates come from: -CAfile, -CApath, -CAstore, or the
// defaults (SSL_CERT_FILE / SSL_CERT_DIR and the default store), chosen
// exactly as openssl s_client chooses them.
#pragma once

#include <openssl/ssl.h>

#include <optional>
#include <string>
#include <vector>

#include "cli/config.h"

namespace sc {

// Lines for stderr when a named location cannot be loaded; nothing on success.
std::optional<std::vector<std::string>> load_trust_locations(SSL_CTX* ctx, const Config& cfg);

}  // namespace sc

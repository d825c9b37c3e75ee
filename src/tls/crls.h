// -CRL, -CRLform and -crl_download: the revocation lists verification may
// use. They only matter with -crl_check or -crl_check_all, as in openssl.
#pragma once

#include <openssl/ssl.h>

#include <optional>
#include <string>
#include <vector>

#include "cli/config.h"

namespace sc {

// Loads -CRL into the context's trust store (and the -verifyCA* store if
// there is one) and, for -crl_download, makes both fetch CRLs from the
// certificates' distribution points. Returns the lines for stderr on failure.
std::optional<std::vector<std::string>> install_crls(SSL_CTX* ctx, const Config& cfg);

}  // namespace sc

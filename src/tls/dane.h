// DANE (RFC 6698/7671) as openssl s_client offers it: -dane_tlsa_domain
// turns it on, each -dane_tlsa_rrdata is one TLSA record in presentation
// form ("3 1 1 <hex>"), and libssl's verifier matches the chain against them.
#pragma once

#include <openssl/ssl.h>

#include <string>
#include <vector>

#include "cli/config.h"

namespace sc {

struct DaneSetup {
    bool ok = true;
    std::vector<std::string> lines;  // warnings, and the error when !ok (stderr)
};

// Enables DANE on one connection and loads the records, with openssl's
// warnings for the records it cannot use. No-op without -dane_tlsa_domain.
DaneSetup apply_dane(SSL* ssl, const Config& cfg);

}  // namespace sc

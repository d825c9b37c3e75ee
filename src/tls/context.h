// Builds the SSL_CTX from the Config: versions, libssl commands (-cipher,
// -groups, ...), trust store, verification parameters and callbacks.
#pragma once

#include <string>
#include <variant>
#include <vector>

#include "cli/config.h"
#include "tls/ossl_ptr.h"

namespace sc {

struct SetupError {
    std::vector<std::string> lines;  // complete lines for stderr
};

class ClientIdentity;
class CryptoEnvironment;
class SessionStore;
class Sink;

// What the context refers to beyond the Config; each may be null. The
// objects must outlive the context (its callbacks point at them).
struct ContextInputs {
    CryptoEnvironment* crypto = nullptr;
    ClientIdentity* identity = nullptr;
    SessionStore* sessions = nullptr;
    Sink* err = nullptr;  // for the -xcert callback's lines
    unsigned long nameopt = 0;
};

std::variant<SslCtxPtr, SetupError> build_context(const Config& cfg, const ContextInputs& in = {});

// The ALPN list "h2,http/1.1" in wire format; empty on a malformed list.
std::string alpn_wire_format(const std::string& list);

// libssl's queued errors as ERR_print_errors prints them, one per line.
std::vector<std::string> drain_openssl_errors();

}  // namespace sc

// ClientHello extensions whose callbacks print or remember something:
// -nextprotoneg (NPN), -serverinfo (empty extensions whose answers are
// printed as PEM) and the SRP login. Installed on the context; must outlive it.
#pragma once

#include <openssl/ssl.h>

#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "cli/config.h"
#include "io/sink.h"
#include "tls/srp.h"

namespace sc {

class ClientExtensions {
public:
    // report: where the callbacks print (openssl's stdout BIO); err: warnings.
    // Returns the lines for stderr if the configuration is refused.
    static std::variant<std::unique_ptr<ClientExtensions>, std::vector<std::string>> install(SSL_CTX* ctx,
                                                                                            const Config& cfg,
                                                                                            Sink& report, Sink& err);

    // The "Next protocol:" value, "(status) proto", once the server offered NPN.
    std::optional<std::string> next_protocol(SSL* ssl) const;

private:
    ClientExtensions(Sink& report, bool quiet) : report_(report), quiet_(quiet) {}
    static int on_next_proto(SSL*, unsigned char** out, unsigned char* outlen, const unsigned char* in,
                             unsigned int inlen, void* arg);
    static int on_serverinfo(SSL*, unsigned int type, const unsigned char* in, size_t inlen, int*, void* arg);

    Sink& report_;
    bool quiet_;
    std::unique_ptr<SrpLogin> srp_;  // -srpuser
    std::string npn_wire_;   // our protocols, in wire format
    int npn_status_ = -1;    // OPENSSL_NPN_*; -1 until the server offered NPN
};

}  // namespace sc

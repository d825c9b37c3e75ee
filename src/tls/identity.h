// The client's identity: -cert/-key/-cert_chain (-build_chain), the extended
// certificate (-xcert/-xkey/-xchain), the stores used to build our chain and
// to verify the server's (-chainCA*, -verifyCA*) and the CA names we send
// (-requestCAfile). Everything is read before any connection is made, so
// that a wrong pass phrase or a mismatched key fails fast (exit 2).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "cli/config.h"
#include "io/sink.h"
#include "tls/ossl_ptr.h"
#include "tls/providers.h"

namespace sc {

class ClientIdentity {
public:
    // Error lines for stderr when a file cannot be used.
    static std::variant<std::unique_ptr<ClientIdentity>, std::vector<std::string>> load(const Config& cfg,
                                                                                         CryptoEnvironment& crypto);

    // Installs everything on the context. The identity must outlive ctx:
    // the extended-certificate callback points at it. Returns error lines.
    std::vector<std::string> apply(SSL_CTX* ctx, const Config& cfg, Sink& err, unsigned long nameopt);

private:
    struct Extended {
        X509Ptr cert;
        EvpPkeyPtr key;
        X509StackPtr chain;
        bool build_chain = false;
    };
    static int cert_callback(SSL* ssl, void* self);

    X509Ptr cert_;
    EvpPkeyPtr key_;
    X509StackPtr chain_;
    std::optional<Extended> extended_;
    Sink* err_ = nullptr;
    unsigned long nameopt_ = 0;
};

}  // namespace sc

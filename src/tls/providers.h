// Where libcrypto's algorithms come from: providers (-provider,
// -provider-path, -propquery), engines (-engine, -ssl_client_engine, keys
// from an engine with -keyform ENGINE) and the random generator's seed files
// (-rand, -writerand). All set up before the SSL_CTX exists and undone when
// the owner goes away.
#pragma once

#include <openssl/types.h>

#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "cli/config.h"
#include "io/sink.h"
#include "tls/identity_files.h"
#include "tls/ossl_ptr.h"

namespace sc {

class CryptoEnvironment {
public:
    // Error lines for stderr (exit 2) when something cannot be loaded.
    static std::variant<std::unique_ptr<CryptoEnvironment>, std::vector<std::string>> create(const Config& cfg,
                                                                                               Sink& err);
    ~CryptoEnvironment();
    CryptoEnvironment(const CryptoEnvironment&) = delete;
    CryptoEnvironment& operator=(const CryptoEnvironment&) = delete;

    const char* propquery() const { return propquery_ ? propquery_->c_str() : nullptr; }

    // -keyform ENGINE: the key named key_id, from the -engine engine.
    std::variant<EvpPkeyPtr, LoadError> load_engine_key(const std::string& key_id, const char* what,
                                                        const std::optional<std::string>& pass);

    // -ssl_client_engine: the engine that supplies client certificates.
    // Returns error lines, empty on success.
    std::vector<std::string> apply_client_cert_engine(SSL_CTX* ctx);

    // -writerand, at exit.
    void write_rand(Sink& err);

private:
    CryptoEnvironment() = default;
    std::vector<OSSL_PROVIDER*> providers_;
    ENGINE* engine_ = nullptr;             // -engine, a structural reference
    ENGINE* client_cert_engine_ = nullptr;  // -ssl_client_engine, a structural reference
    std::optional<std::string> propquery_;
    std::optional<std::string> writerand_;
};

}  // namespace sc

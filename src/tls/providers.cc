// The ENGINE API is deprecated in OpenSSL 3 but still shipped, and openssl
// s_client still offers it: this is the one file that uses it, so the
// deprecation warnings are silenced here and nowhere else.
#define OPENSSL_SUPPRESS_DEPRECATED 1

#include "tls/providers.h"

#include <openssl/engine.h>
#include <openssl/err.h>
#include <openssl/provider.h>
#include <openssl/rand.h>
#include <openssl/ui.h>

#include <cstring>

#include "tls/context.h"

namespace sc {
namespace {

void append(std::vector<std::string>& to, std::vector<std::string> from) {
    for (auto& l : from) to.push_back(std::move(l));
}

// openssl's try_load_engine: an engine not built in is loaded by the
// "dynamic" engine from its shared object.
ENGINE* find_engine(const std::string& id) {
    if (ENGINE* e = ENGINE_by_id(id.c_str())) return e;
    ENGINE* e = ENGINE_by_id("dynamic");
    if (e == nullptr) return nullptr;
    if (!ENGINE_ctrl_cmd_string(e, "SO_PATH", id.c_str(), 0) || !ENGINE_ctrl_cmd_string(e, "LOAD", nullptr, 0)) {
        ENGINE_free(e);
        return nullptr;
    }
    return e;
}

// Splits openssl's -rand list (':'-separated).
std::vector<std::string> split_list(const std::string& list) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start < list.size()) {
        auto end = list.find(':', start);
        if (end == std::string::npos) end = list.size();
        out.push_back(list.substr(start, end - start));
        start = end + 1;
    }
    return out;
}

int engine_pass_callback(UI* ui, UI_STRING* uis) {
    const auto* pass = static_cast<const std::optional<std::string>*>(UI_get0_user_data(ui));
    if (UI_get_string_type(uis) != UIT_PROMPT || pass == nullptr || !*pass) return 0;
    return UI_set_result(ui, uis, (*pass)->c_str()) == 0 ? 1 : 0;
}

}  // namespace

std::variant<std::unique_ptr<CryptoEnvironment>, std::vector<std::string>> CryptoEnvironment::create(const Config& cfg,
                                                                                                      Sink& err) {
    std::unique_ptr<CryptoEnvironment> env(new CryptoEnvironment());
    std::vector<std::string> lines;
    env->propquery_ = cfg.propquery;
    env->writerand_ = cfg.writerand;

    if (cfg.provider_path && !OSSL_PROVIDER_set_default_search_path(
                                 nullptr, cfg.provider_path->empty() ? nullptr : cfg.provider_path->c_str())) {
        lines.push_back("s_client: cannot set provider path " + *cfg.provider_path);
        append(lines, drain_openssl_errors());
        return lines;
    }
    for (const auto& name : cfg.providers) {
        OSSL_PROVIDER* p = OSSL_PROVIDER_load(nullptr, name.c_str());
        if (p == nullptr) {
            lines.push_back("s_client: unable to load provider " + name);
            lines.push_back("Hint: use -provider-path option or OPENSSL_MODULES environment variable.");
            append(lines, drain_openssl_errors());
            return lines;
        }
        env->providers_.push_back(p);
    }
    if (cfg.rand_files) {
        for (const auto& file : split_list(*cfg.rand_files)) {
            if (RAND_load_file(file.c_str(), -1) < 0) {
                lines.push_back("Can't load " + file + " into RNG");
                append(lines, drain_openssl_errors());
                return lines;
            }
        }
    }
    if (cfg.engine) {
        // openssl's "auto": let every available engine register itself.
        if (*cfg.engine == "auto") {
            err.write("Enabling auto ENGINE support\n");
            ENGINE_register_all_complete();
        } else {
            ENGINE* e = find_engine(*cfg.engine);
            if (e == nullptr) {
                lines.push_back("Invalid engine \"" + *cfg.engine + "\"");
                append(lines, drain_openssl_errors());
                return lines;
            }
            // Its algorithms become the defaults, as openssl's setup_engine
            // does (the tables take their own functional references).
            env->engine_ = e;
            if (!ENGINE_set_default(e, ENGINE_METHOD_ALL)) {
                lines.push_back("Cannot use engine \"" + *cfg.engine + "\"");
                append(lines, drain_openssl_errors());
                return lines;
            }
            err.write("Engine \"" + std::string(ENGINE_get_id(e)) + "\" set.\n");
        }
    }
    if (cfg.ssl_client_engine) {
        env->client_cert_engine_ = find_engine(*cfg.ssl_client_engine);
        if (env->client_cert_engine_ == nullptr) {
            lines.push_back("Invalid engine \"" + *cfg.ssl_client_engine + "\"");
            append(lines, drain_openssl_errors());
            lines.push_back("Error getting client auth engine");
            return lines;
        }
    }
    return env;
}

CryptoEnvironment::~CryptoEnvironment() {
    if (client_cert_engine_ != nullptr) ENGINE_free(client_cert_engine_);
    if (engine_ != nullptr) {
        ENGINE_unregister_ciphers(engine_);
        ENGINE_unregister_digests(engine_);
        ENGINE_unregister_RSA(engine_);
        ENGINE_unregister_EC(engine_);
        ENGINE_unregister_DH(engine_);
        ENGINE_unregister_DSA(engine_);
        ENGINE_unregister_RAND(engine_);
        ENGINE_unregister_pkey_meths(engine_);
        ENGINE_unregister_pkey_asn1_meths(engine_);
        ENGINE_free(engine_);
    }
    for (auto it = providers_.rbegin(); it != providers_.rend(); ++it) OSSL_PROVIDER_unload(*it);
}

std::variant<EvpPkeyPtr, LoadError> CryptoEnvironment::load_engine_key(const std::string& key_id, const char* what,
                                                                       const std::optional<std::string>& pass) {
    if (engine_ == nullptr)
        return LoadError{std::string("No engine specified for loading ") + what + " (-keyform ENGINE needs -engine)"};
    using UiMethodPtr = OsslPtr<UI_METHOD, UI_destroy_method>;
    UiMethodPtr ui(UI_create_method("s_client engine pass phrase"));
    if (!ui) return LoadError{"out of memory"};
    UI_method_set_reader(ui.get(), engine_pass_callback);
    ERR_clear_error();
    // Loading a key needs a functional reference, for the duration.
    if (!ENGINE_init(engine_)) {
        std::string reason = last_error_reason();
        return LoadError{std::string("Can't init engine ") + ENGINE_get_id(engine_) + (reason.empty() ? "" : ": " + reason)};
    }
    EvpPkeyPtr key(ENGINE_load_private_key(engine_, key_id.c_str(), ui.get(),
                                           const_cast<std::optional<std::string>*>(&pass)));
    ENGINE_finish(engine_);
    if (!key) {
        std::string reason = last_error_reason();
        return LoadError{std::string("Could not read ") + what + " from engine " + ENGINE_get_id(engine_) +
                         (reason.empty() ? "" : ": " + reason)};
    }
    return key;
}

std::vector<std::string> CryptoEnvironment::apply_client_cert_engine(SSL_CTX* ctx) {
    if (client_cert_engine_ == nullptr) return {};
    if (SSL_CTX_set_client_cert_engine(ctx, client_cert_engine_)) return {};
    std::vector<std::string> lines{"Error setting client auth engine"};
    append(lines, drain_openssl_errors());
    return lines;
}

void CryptoEnvironment::write_rand(Sink& err) {
    if (!writerand_) return;
    if (RAND_write_file(writerand_->c_str()) == -1) {
        err.write("Cannot write random bytes:\n");
        for (const auto& l : drain_openssl_errors()) err.write(l + "\n");
    }
}

}  // namespace sc

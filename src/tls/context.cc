#include "tls/context.h"

#include <openssl/err.h>

#include "io/sink.h"
#include "tls/crls.h"
#include "tls/dane.h"
#include "tls/events.h"
#include "tls/identity.h"
#include "tls/knobs.h"
#include "tls/providers.h"
#include "tls/session_store.h"
#include "tls/trust_locations.h"
#include "tls/verify_params.h"

namespace sc {
namespace {

SetupError error_with_queue(std::string first_line) {
    SetupError e;
    if (!first_line.empty()) e.lines.push_back(std::move(first_line));
    for (auto& l : drain_openssl_errors()) e.lines.push_back(std::move(l));
    return e;
}

std::optional<SetupError> apply_ssl_conf(SSL_CTX* ctx, const Config& cfg) {
    SslConfCtxPtr cctx(SSL_CONF_CTX_new());
    if (!cctx) return error_with_queue("SSL_CONF_CTX_new failed");
    SSL_CONF_CTX_set_flags(cctx.get(), SSL_CONF_FLAG_CLIENT | SSL_CONF_FLAG_CMDLINE);
    SSL_CONF_CTX_set_ssl_ctx(cctx.get(), ctx);
    for (const auto& cmd : cfg.ssl_conf) {
        const char* value = cmd.value ? cmd.value->c_str() : nullptr;
        if (SSL_CONF_cmd(cctx.get(), cmd.name.c_str(), value) <= 0) {
            return error_with_queue("Call to SSL_CONF_cmd(" + cmd.name + ", " + (value ? value : "<NULL>") +
                                    ") failed");
        }
    }
    if (!SSL_CONF_CTX_finish(cctx.get())) return error_with_queue("Error finishing context");
    return std::nullopt;
}

// DANE needs the context's own support first. openssl loads the records
// before connecting, so a trial SSL reports bad ones now, in its order.
std::optional<SetupError> check_dane(SSL_CTX* ctx, const Config& cfg, Sink* err) {
    if (!cfg.dane_tlsa_domain) return std::nullopt;
    if (SSL_CTX_dane_enable(ctx) <= 0) return error_with_queue("s_client: Error enabling DANE TLSA authentication.");
    SslPtr trial(SSL_new(ctx));
    if (!trial) return error_with_queue("");
    DaneSetup dane = apply_dane(trial.get(), cfg);
    if (!dane.ok) return SetupError{dane.lines};
    if (err != nullptr)
        for (const auto& l : dane.lines) err->write(l + "\n");
    return std::nullopt;
}

}  // namespace

std::vector<std::string> drain_openssl_errors() {
    std::vector<std::string> lines;
    BioPtr mem(BIO_new(BIO_s_mem()));
    ERR_print_errors(mem.get());
    char* data = nullptr;
    long len = BIO_get_mem_data(mem.get(), &data);
    std::string_view text(data, len > 0 ? static_cast<std::size_t>(len) : 0);
    while (!text.empty()) {
        auto nl = text.find('\n');
        lines.emplace_back(text.substr(0, nl));
        if (nl == std::string_view::npos) break;
        text.remove_prefix(nl + 1);
    }
    return lines;
}

std::string alpn_wire_format(const std::string& list) {
    std::string wire;
    std::size_t start = 0;
    while (start <= list.size()) {
        auto comma = list.find(',', start);
        if (comma == std::string::npos) comma = list.size();
        std::size_t len = comma - start;
        if (len == 0 || len > 255) return {};
        wire.push_back(static_cast<char>(len));
        wire.append(list, start, len);
        start = comma + 1;
    }
    return wire;
}

std::variant<SslCtxPtr, SetupError> build_context(const Config& cfg, const ContextInputs& in) {
    // -propquery selects among the providers' implementations.
    SslCtxPtr ctx(SSL_CTX_new_ex(nullptr, in.crypto ? in.crypto->propquery() : nullptr, cfg.dtls ? DTLS_client_method() : TLS_client_method()));
    if (!ctx) return error_with_queue("");
    // -ssl_config first, so that the command line overrides it (as openssl).
    if (cfg.ssl_config && SSL_CTX_config(ctx.get(), cfg.ssl_config->c_str()) == 0)
        return error_with_queue("Error using configuration \"" + *cfg.ssl_config + "\"");

    if (cfg.min_version != 0 && !SSL_CTX_set_min_proto_version(ctx.get(), cfg.min_version))
        return error_with_queue("Error setting the minimum protocol version");
    if (cfg.max_version != 0 && !SSL_CTX_set_max_proto_version(ctx.get(), cfg.max_version))
        return error_with_queue("Error setting the maximum protocol version");
    if (cfg.ignore_unexpected_eof) SSL_CTX_set_options(ctx.get(), SSL_OP_IGNORE_UNEXPECTED_EOF);

    if (!cfg.verify_params.empty()) {
        VerifyParamPtr param(X509_VERIFY_PARAM_new());
        if (auto err = apply_verify_params(param.get(), cfg.verify_params)) {
            SetupError e = error_with_queue("s_client: " + *err);
            return e;
        }
        if (!SSL_CTX_set1_param(ctx.get(), param.get())) return error_with_queue("Error setting verify params");
    }
    if (auto err = apply_ssl_conf(ctx.get(), cfg)) return *err;
    if (auto lines = apply_knobs(ctx.get(), cfg)) return SetupError{*lines};
    if (auto lines = load_trust_locations(ctx.get(), cfg)) return SetupError{*lines};

    if (cfg.alpn) {
        std::string wire = alpn_wire_format(*cfg.alpn);
        if (wire.empty()) return SetupError{{"Error parsing -alpn argument"}};
        // Unlike most of libssl, this returns 0 on success.
        if (SSL_CTX_set_alpn_protos(ctx.get(), reinterpret_cast<const unsigned char*>(wire.data()),
                                    static_cast<unsigned>(wire.size())) != 0)
            return error_with_queue("Error setting ALPN");
    }

    if (in.crypto) {
        if (auto lines = in.crypto->apply_client_cert_engine(ctx.get()); !lines.empty()) return SetupError{lines};
    }
    if (in.identity && in.err) {
        if (auto lines = in.identity->apply(ctx.get(), cfg, *in.err, in.nameopt); !lines.empty())
            return SetupError{lines};
    }
    if (in.sessions) in.sessions->install_psk(ctx.get());
    // After the identity, which may have set a separate -verifyCA* store.
    if (auto lines = install_crls(ctx.get(), cfg)) return SetupError{*lines};
    if (auto err = check_dane(ctx.get(), cfg, in.err)) return *err;

    SSL_CTX_set_verify(ctx.get(), cfg.verify_peer ? SSL_VERIFY_PEER : SSL_VERIFY_NONE, verify_trampoline);
    // Non-application records (tickets, key updates) must surface as
    // WANT_READ so that the relay keeps control, as in openssl s_client.
    SSL_CTX_clear_mode(ctx.get(), SSL_MODE_AUTO_RETRY);
    // TLS 1.3 tickets arrive after the handshake: learn of every session
    // through the callback.
    SSL_CTX_set_session_cache_mode(ctx.get(), SSL_SESS_CACHE_CLIENT | SSL_SESS_CACHE_NO_INTERNAL_STORE);
    SSL_CTX_sess_set_new_cb(ctx.get(), new_session_trampoline);
    return ctx;
}

}  // namespace sc

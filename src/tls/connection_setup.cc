#include "tls/connection_setup.h"

#include "tls/context.h"
#include "tls/dane.h"
#include "tls/sni.h"

namespace sc {

ConnectionSetup setup_connection(SSL* ssl, const Config& cfg, const std::string& host, bool host_given) {
    ConnectionSetup out;
    if (cfg.fallback_scsv) SSL_set_mode(ssl, SSL_MODE_SEND_FALLBACK_SCSV);
    if (auto sni = choose_sni(cfg.servername, cfg.noservername, host, host_given, cfg.dane_tlsa_domain.has_value())) {
        if (!SSL_set_tlsext_host_name(ssl, sni->c_str())) {
            out.ok = false;
            out.lines.emplace_back("Unable to set TLS servername extension.");
            for (auto& l : drain_openssl_errors()) out.lines.push_back(std::move(l));
            return out;
        }
    }
    // The records' warnings were printed once, before connecting (see
    // build_context); here only a failure matters.
    DaneSetup dane = apply_dane(ssl, cfg);
    if (!dane.ok) {
        out.ok = false;
        out.lines = std::move(dane.lines);
    }
    return out;
}

}  // namespace sc

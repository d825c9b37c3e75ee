#include "app/before_tls.h"

#include "starttls/conversation.h"
#include "starttls/line_reader.h"
#include "starttls/starttls.h"

namespace sc {

BeforeTls run_before_tls(int fd, const Config& cfg, const Target& target, const std::optional<ProxyPlan>& proxy,
                         const Deadline& deadline, Sink& err, Timings* timings) {
    BeforeTls out;
    if (!proxy && !cfg.starttls) return out;
    LineReader reader(fd, deadline);
    if (proxy) {
        auto t0 = Timings::Clock::now();
        auto e = proxy_connect(reader, *proxy);
        if (timings) timings->proxy_ms = ms_since(t0);
        if (e) {
            out.ok = false;
            out.error = *e;
            return out;
        }
    }
    if (cfg.starttls) {
        auto t0 = Timings::Clock::now();
        StarttlsResult r = negotiate_starttls(reader, StarttlsOptions{*cfg.starttls, cfg.starttls_name, target.host}, err);
        if (timings) timings->starttls_ms = ms_since(t0);
        out.ok = r.ok;
        out.error = r.error;
        out.echo = r.echo;
        return out;
    }
    // Through a proxy without STARTTLS the server cannot have spoken yet.
    reader.read_ready();
    if (!reader.buffered().empty()) {
        out.ok = false;
        out.error = "s_client: " + std::to_string(reader.buffered().size()) +
                    " bytes of plaintext after the proxy's reply, before the TLS handshake: \"" +
                    starttls::printable(reader.buffered()) + "\"";
    }
    return out;
}

}  // namespace sc

#include "tls/knobs.h"

#include "tls/context.h"

namespace sc {
namespace {

std::uint8_t maxfraglen_code(int len) {
    switch (len) {
        case 512: return TLSEXT_max_fragment_length_512;
        case 1024: return TLSEXT_max_fragment_length_1024;
        case 2048: return TLSEXT_max_fragment_length_2048;
        default: return TLSEXT_max_fragment_length_4096;
    }
}

std::vector<std::string> refused(const std::string& what, int value) {
    return {"s_client: " + what + " " + std::to_string(static_cast<unsigned>(value)) + " is out of permitted range"};
}

}  // namespace

std::optional<std::vector<std::string>> apply_knobs(SSL_CTX* ctx, const Config& cfg) {
    // In openssl's order, with its messages.
    if (cfg.async) SSL_CTX_set_mode(ctx, SSL_MODE_ASYNC);
    if (cfg.max_send_frag > 0 && !SSL_CTX_set_max_send_fragment(ctx, cfg.max_send_frag))
        return refused("Max send fragment size", cfg.max_send_frag);
    if (cfg.split_send_frag > 0 && !SSL_CTX_set_split_send_fragment(ctx, cfg.split_send_frag))
        return refused("Split send fragment size", cfg.split_send_frag);
    if (cfg.max_pipelines > 0 && !SSL_CTX_set_max_pipelines(ctx, cfg.max_pipelines))
        return refused("Max pipelines", cfg.max_pipelines);
    if (cfg.read_buf > 0) SSL_CTX_set_default_read_buffer_len(ctx, static_cast<std::size_t>(cfg.read_buf));
    if (cfg.maxfraglen > 0 && !SSL_CTX_set_tlsext_max_fragment_length(ctx, maxfraglen_code(cfg.maxfraglen)))
        return std::vector<std::string>{"s_client: Max Fragment Length code " +
                                        std::to_string(maxfraglen_code(cfg.maxfraglen)) +
                                        " is out of permitted values"};
    // Unlike most of libssl, this returns 0 on success.
    if (cfg.use_srtp && SSL_CTX_set_tlsext_use_srtp(ctx, cfg.use_srtp->c_str()) != 0) {
        std::vector<std::string> lines{"Error setting SRTP profile"};
        for (auto& l : drain_openssl_errors()) lines.push_back(std::move(l));
        return lines;
    }
    return std::nullopt;
}

}  // namespace sc

#include "tls/client_extensions.h"

#include <openssl/pem.h>

#include "report/ossl_text.h"
#include "tls/context.h"

namespace sc {

std::variant<std::unique_ptr<ClientExtensions>, std::vector<std::string>> ClientExtensions::install(
    SSL_CTX* ctx, const Config& cfg, Sink& report, Sink& err) {
    std::unique_ptr<ClientExtensions> ext(new ClientExtensions(report, cfg.quiet));
    if (cfg.nextprotoneg) {
        ext->npn_wire_ = alpn_wire_format(*cfg.nextprotoneg);  // NPN lists share ALPN's wire format
        if (ext->npn_wire_.empty()) return std::vector<std::string>{"Error parsing -nextprotoneg argument"};
        SSL_CTX_set_next_proto_select_cb(ctx, on_next_proto, ext.get());
    }
    for (int type : cfg.serverinfo_types) {
        // Empty in the ClientHello (TLS 1.2 and below, as openssl's call);
        // the server's answer is printed.
        if (!SSL_CTX_add_client_custom_ext(ctx, static_cast<unsigned>(type), nullptr, nullptr, nullptr, on_serverinfo,
                                           ext.get())) {
            ERR_clear_error();
            err.write("Warning: Unable to add custom extension " + std::to_string(static_cast<unsigned>(type)) +
                      ", skipping\n");
        }
    }
    auto srp = SrpLogin::install(ctx, cfg, err);
    if (auto* lines = std::get_if<std::vector<std::string>>(&srp)) return *lines;
    ext->srp_ = std::move(std::get<std::unique_ptr<SrpLogin>>(srp));
    return ext;
}

// Prints what the server offers and picks ours (or our first if none is
// shared, as SSL_select_next_proto does).
int ClientExtensions::on_next_proto(SSL*, unsigned char** out, unsigned char* outlen, const unsigned char* in,
                                    unsigned int inlen, void* arg) {
    auto* self = static_cast<ClientExtensions*>(arg);
    if (!self->quiet_) {
        std::string line = "Protocols advertised by server: ";
        for (unsigned i = 0; i < inlen; i += in[i] + 1u) {
            if (i != 0) line += ", ";
            line.append(reinterpret_cast<const char*>(in + i + 1), std::min<unsigned>(in[i], inlen - i - 1));
        }
        self->report_.write(line + "\n");
    }
    self->npn_status_ = SSL_select_next_proto(out, outlen, in, inlen,
                                              reinterpret_cast<const unsigned char*>(self->npn_wire_.data()),
                                              static_cast<unsigned>(self->npn_wire_.size()));
    return SSL_TLSEXT_ERR_OK;
}

// The extension as openssl prints it: type and length in front, as PEM.
int ClientExtensions::on_serverinfo(SSL*, unsigned int type, const unsigned char* in, size_t inlen, int*,
                                    void* arg) {
    auto* self = static_cast<ClientExtensions*>(arg);
    inlen &= 0xffff;
    std::string buf;
    buf.push_back(static_cast<char>(type >> 8));
    buf.push_back(static_cast<char>(type));
    buf.push_back(static_cast<char>(inlen >> 8));
    buf.push_back(static_cast<char>(inlen));
    buf.append(reinterpret_cast<const char*>(in), inlen);
    std::string name = "SERVERINFO FOR EXTENSION " + std::to_string(type);
    self->report_.write(capture_bio([&](BIO* b) {
        PEM_write_bio(b, name.c_str(), "", reinterpret_cast<const unsigned char*>(buf.data()),
                      static_cast<long>(buf.size()));
    }));
    return 1;
}

std::optional<std::string> ClientExtensions::next_protocol(SSL* ssl) const {
    if (npn_status_ == -1) return std::nullopt;
    const unsigned char* proto = nullptr;
    unsigned int len = 0;
    SSL_get0_next_proto_negotiated(ssl, &proto, &len);
    return "(" + std::to_string(npn_status_) + ") " + std::string(reinterpret_cast<const char*>(proto), len);
}

}  // namespace sc

#include "tls/identity.h"

#include <openssl/err.h>

#include "report/ossl_text.h"
#include "tls/context.h"
#include "tls/identity_files.h"
#include "util/pass_source.h"

namespace sc {
namespace {

using X509StorePtr = OsslPtr<X509_STORE, X509_STORE_free>;
void free_name_stack(STACK_OF(X509_NAME) * s) { sk_X509_NAME_pop_free(s, X509_NAME_free); }
using X509NameStackPtr = OsslPtr<STACK_OF(X509_NAME), free_name_stack>;

void append(std::vector<std::string>& to, std::vector<std::string> from) {
    for (auto& l : from) to.push_back(std::move(l));
}

template <typename T>
std::optional<std::string> take(std::variant<T, LoadError>&& loaded, T& into) {
    if (auto* e = std::get_if<LoadError>(&loaded)) return e->message;
    into = std::move(std::get<T>(loaded));
    return std::nullopt;
}

// openssl's ssl_load_stores: a store only when one of its locations is given.
std::optional<std::vector<std::string>> make_store(const std::optional<std::string>& file,
                                                   const std::optional<std::string>& path,
                                                   const std::optional<std::string>& uri, X509StorePtr& out) {
    if (!file && !path && !uri) return std::nullopt;
    out.reset(X509_STORE_new());
    bool ok = out != nullptr && (!file || X509_STORE_load_file(out.get(), file->c_str())) &&
              (!path || X509_STORE_load_path(out.get(), path->c_str())) &&
              (!uri || X509_STORE_load_store(out.get(), uri->c_str()));
    if (ok) return std::nullopt;
    std::vector<std::string> lines{"Error loading store locations"};
    append(lines, drain_openssl_errors());
    return lines;
}

// The lines openssl's print_chain_flags writes for each extended certificate.
std::string chain_flags_text(SSL* ssl, int flags) {
    static constexpr struct {
        const char* name;
        int bit;
    } kFlags[] = {
        {"Overall Validity", CERT_PKEY_VALID},          {"Sign with EE key", CERT_PKEY_SIGN},
        {"EE signature", CERT_PKEY_EE_SIGNATURE},        {"CA signature", CERT_PKEY_CA_SIGNATURE},
        {"EE key parameters", CERT_PKEY_EE_PARAM},       {"CA key parameters", CERT_PKEY_CA_PARAM},
        {"Explicitly sign with EE key", CERT_PKEY_EXPLICIT_SIGN}, {"Issuer Name", CERT_PKEY_ISSUER_NAME},
        {"Certificate Type", CERT_PKEY_CERT_TYPE},
    };
    std::string out;
    for (const auto& f : kFlags) out += std::string("\t") + f.name + ": " + ((flags & f.bit) ? "OK" : "NOT OK") + "\n";
    out += "\tSuite B: ";
    if (SSL_set_cert_flags(ssl, 0) & SSL_CERT_FLAG_SUITEB_128_LOS)
        out += (flags & CERT_PKEY_SUITEB) ? "OK\n" : "NOT OK\n";
    else
        out += "not tested\n";
    return out;
}

}  // namespace

std::variant<std::unique_ptr<ClientIdentity>, std::vector<std::string>> ClientIdentity::load(const Config& cfg,
                                                                                              CryptoEnvironment& crypto) {
    std::unique_ptr<ClientIdentity> id(new ClientIdentity());
    std::optional<std::string> pass;
    if (cfg.pass) {
        auto read = read_pass_source(*cfg.pass);
        if (auto* e = std::get_if<PassError>(&read))
            return std::vector<std::string>{e->message, "Error getting private key password"};
        pass = std::get<std::string>(read);
    }
    LoadOptions opt{&pass, crypto.propquery()};

    // As openssl: the key comes from the certificate file unless -key says
    // otherwise, and is read first.
    const std::optional<std::string>& key_file = cfg.key ? cfg.key : cfg.cert;
    if (key_file) {
        const char* what = "client certificate private key";
        auto loaded = cfg.key_format == IdentityFormat::Engine ? crypto.load_engine_key(*key_file, what, pass)
                                                               : load_private_key(*key_file, what, opt);
        if (auto e = take(std::move(loaded), id->key_)) return std::vector<std::string>{*e};
    }
    if (cfg.cert) {
        // All certificates: a PKCS#12 file (or a PEM bundle) carries its
        // chain after the leaf, used when -cert_chain is not given.
        X509StackPtr all;
        if (auto e = take(load_certificates(*cfg.cert, "client certificate", opt), all)) {
            return std::vector<std::string>{*e};
        }
        id->cert_.reset(sk_X509_shift(all.get()));
        if (cfg.cert_format == IdentityFormat::Pkcs12 && sk_X509_num(all.get()) > 0) id->chain_ = std::move(all);
        if (X509_check_private_key(id->cert_.get(), id->key_.get()) != 1) {
            ERR_clear_error();
            return std::vector<std::string>{"Private key does not match the certificate public key (" + *key_file +
                                            " vs " + *cfg.cert + ")"};
        }
    }
    if (cfg.cert_chain) {
        if (auto e = take(load_certificates(*cfg.cert_chain, "client certificate chain", opt), id->chain_))
            return std::vector<std::string>{*e};
    }
    if (cfg.xcert) {
        Extended x;
        x.build_chain = cfg.xchain_build;
        const std::string& xkey = cfg.xkey ? *cfg.xkey : *cfg.xcert;
        if (auto e = take(load_private_key(xkey, "server key", opt), x.key)) return std::vector<std::string>{*e};
        if (auto e = take(load_certificate(*cfg.xcert, "server certificate", opt), x.cert))
            return std::vector<std::string>{*e};
        if (cfg.xchain) {
            if (auto e = take(load_certificates(*cfg.xchain, "server chain", opt), x.chain))
                return std::vector<std::string>{*e};
        }
        id->extended_ = std::move(x);
    }
    return id;
}

std::vector<std::string> ClientIdentity::apply(SSL_CTX* ctx, const Config& cfg, Sink& err, unsigned long nameopt) {
    err_ = &err;
    nameopt_ = nameopt;
    std::vector<std::string> lines;
    if (cfg.request_ca_file) {
        X509NameStackPtr names(sk_X509_NAME_new_null());
        if (!names || !SSL_add_file_cert_subjects_to_stack(names.get(), cfg.request_ca_file->c_str())) {
            lines.push_back("Error loading CA names");
            append(lines, drain_openssl_errors());
            return lines;
        }
        SSL_CTX_set0_CA_list(ctx, names.release());
    }
    X509StorePtr verify_store, chain_store;
    if (auto e = make_store(cfg.verify_ca_file, cfg.verify_ca_path, cfg.verify_ca_store, verify_store)) return *e;
    if (auto e = make_store(cfg.chain_ca_file, cfg.chain_ca_path, cfg.chain_ca_store, chain_store)) return *e;
    if (verify_store) SSL_CTX_set1_verify_cert_store(ctx, verify_store.get());
    if (chain_store) SSL_CTX_set1_chain_cert_store(ctx, chain_store.get());

    // openssl's set_cert_key_stuff.
    if (cert_) {
        if (SSL_CTX_use_certificate(ctx, cert_.get()) <= 0) {
            lines.push_back("error setting certificate");
        } else if (SSL_CTX_use_PrivateKey(ctx, key_.get()) <= 0) {
            lines.push_back("error setting private key");
        } else if (chain_ && !SSL_CTX_set1_chain(ctx, chain_.get())) {
            lines.push_back("error setting certificate chain");
        } else if (cfg.build_chain && !SSL_CTX_build_cert_chain(ctx, chain_ ? SSL_BUILD_CHAIN_FLAG_CHECK : 0)) {
            lines.push_back("error building certificate chain");
        }
        if (!lines.empty()) {
            append(lines, drain_openssl_errors());
            return lines;
        }
    }
    if (extended_) SSL_CTX_set_cert_cb(ctx, cert_callback, this);
    return lines;
}

// openssl's set_cert_cb: when the server asks for a certificate, offer the
// extended one if it suits what the server accepts.
int ClientIdentity::cert_callback(SSL* ssl, void* arg) {
    auto* self = static_cast<ClientIdentity*>(arg);
    Extended& x = *self->extended_;
    SSL_certs_clear(ssl);
    int rv = SSL_check_chain(ssl, x.cert.get(), x.key.get(), x.chain.get());
    self->err_->write("Checking cert chain 1:\nSubject: " + name_text(X509_get_subject_name(x.cert.get()), self->nameopt_) +
                      "\n" + chain_flags_text(ssl, rv));
    if (!(rv & CERT_PKEY_VALID)) return 1;
    if (!SSL_use_certificate(ssl, x.cert.get()) || !SSL_use_PrivateKey(ssl, x.key.get())) return 0;
    if (x.build_chain) return SSL_build_cert_chain(ssl, 0) ? 1 : 0;
    if (x.chain && !SSL_set1_chain(ssl, x.chain.get())) return 0;
    return 1;
}

}  // namespace sc

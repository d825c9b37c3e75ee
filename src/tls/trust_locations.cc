#include "tls/trust_locations.h"

#include <openssl/err.h>
#include <openssl/x509_vfy.h>

#include <cstdlib>
#include <memory>

#include "tls/ca_bundle_index.h"
#include "tls/context.h"

namespace sc {
namespace {

// The default CA bundle (144 certificates on Debian) takes 17 ms of a 22 ms
// run to load with OpenSSL 3.0 (X509_load_cert_crl_file decodes every
// certificate), whether or not verification needs it. Here it is indexed by
// subject name on the first lookup, and only the certificates a lookup asks
// for are decoded and added to the store. The answer is the same: the store
// ends up holding every bundle certificate that verification asked about.
// A bundle holding anything else (CRLs, aux trust data) is loaded the
// library's way on first use.
struct LazyBundle {
    std::optional<std::string> propquery;  // -propquery, for decoding as the library would
    bool read = false;
    std::optional<CaBundleIndex> index;  // nullopt after read: loaded whole
    const char* propq() const { return propquery ? propquery->c_str() : nullptr; }
};

const char* default_ca_file() {
    // Like X509_FILETYPE_DEFAULT: SSL_CERT_FILE wins unless we run set-uid.
    const char* env = secure_getenv(X509_get_default_cert_file_env());
    return env != nullptr ? env : X509_get_default_cert_file();
}

LazyBundle& bundle_of(X509_LOOKUP* lookup) { return *static_cast<LazyBundle*>(X509_LOOKUP_get_method_data(lookup)); }

void free_bundle(X509_LOOKUP* lookup) {
    std::unique_ptr<LazyBundle> owned(static_cast<LazyBundle*>(X509_LOOKUP_get_method_data(lookup)));
    X509_LOOKUP_set_method_data(lookup, nullptr);
}

void add_named(X509_LOOKUP* lookup, X509_STORE* store, LazyBundle& bundle, X509_LOOKUP_TYPE type,
               const X509_NAME* name) {
    if (!bundle.read) {
        bundle.read = true;
        std::string file = default_ca_file();
        bundle.index = CaBundleIndex::read_file(file);
        if (!bundle.index) {
            // A missing or unreadable default file is no error, as with
            // SSL_CTX_set_default_verify_file.
            ERR_set_mark();
            X509_load_cert_crl_file_ex(lookup, file.c_str(), X509_FILETYPE_PEM, nullptr, bundle.propq());
            ERR_pop_to_mark();
        }
    }
    if (!bundle.index || type != X509_LU_X509) return;
    for (auto& cert : bundle.index->take_named(name, bundle.propq())) {
        ERR_set_mark();
        X509_STORE_add_cert(store, cert.get());  // the store takes its own reference
        ERR_pop_to_mark();
    }
}


int lazy_file_by_subject(X509_LOOKUP* lookup, X509_LOOKUP_TYPE type, const X509_NAME* name, X509_OBJECT* ret) {
    X509_STORE* store = X509_LOOKUP_get_store(lookup);
    add_named(lookup, store, bundle_of(lookup), type, name);
    // CRLs from the file are in the store now (a file with CRLs is loaded
    // whole), where the library looks after asking every lookup. Answering
    // here would stop it before the directory's CRL files (HASH.rN), which
    // openssl's file lookup never does: it answers nothing by subject.
    if (type != X509_LU_X509) return 0;
    if (!X509_STORE_lock(store)) return 0;
    int found = 0;
    if (X509_OBJECT* obj = X509_OBJECT_retrieve_by_subject(X509_STORE_get0_objects(store), type, name))
        found = X509_OBJECT_set1_X509(ret, X509_OBJECT_get0_X509(obj));
    X509_STORE_unlock(store);
    // The caller takes its own reference, as with the library's lookups,
    // which hand back the store's object without one.
    if (found) X509_free(X509_OBJECT_get0_X509(ret));
    return found;
}

struct LookupMethodFree {
    void operator()(X509_LOOKUP_METHOD* m) const { X509_LOOKUP_meth_free(m); }
};

// A method table, like a vtable: one for the process; the state of each
// lookup is its LazyBundle.
X509_LOOKUP_METHOD* lazy_file_method() {
    static const std::unique_ptr<X509_LOOKUP_METHOD, LookupMethodFree> method = [] {
        std::unique_ptr<X509_LOOKUP_METHOD, LookupMethodFree> m(
            X509_LOOKUP_meth_new("s_client: default CA file, indexed on first use"));
        if (m && !(X509_LOOKUP_meth_set_get_by_subject(m.get(), lazy_file_by_subject) &&
                   X509_LOOKUP_meth_set_free(m.get(), free_bundle)))
            m.reset();
        return m;
    }();
    return method.get();
}

bool add_lazy_default_file(X509_STORE* store, const std::optional<std::string>& propquery) {
    X509_LOOKUP_METHOD* method = lazy_file_method();
    X509_LOOKUP* lookup = method != nullptr ? X509_STORE_add_lookup(store, method) : nullptr;
    if (lookup == nullptr) return false;
    if (X509_LOOKUP_get_method_data(lookup) == nullptr) {
        auto bundle = std::make_unique<LazyBundle>();
        bundle->propquery = propquery;
        X509_LOOKUP_set_method_data(lookup, bundle.release());  // freed by free_bundle
    }
    return true;
}

bool add_default_locations(SSL_CTX* ctx, const Config& cfg) {
    // openssl's order: file, directory, store.
    if (!cfg.no_ca_file && !add_lazy_default_file(SSL_CTX_get_cert_store(ctx), cfg.propquery)) return false;
    if (!cfg.no_ca_path && SSL_CTX_set_default_verify_dir(ctx) <= 0) return false;
    return cfg.no_ca_store || SSL_CTX_set_default_verify_store(ctx) > 0;
}

}  // namespace

std::optional<std::vector<std::string>> load_trust_locations(SSL_CTX* ctx, const Config& cfg) {
    // As openssl s_client: the defaults are used only when no location is
    // named at all; -CAfile alone means "trust this file and nothing else".
    if (!cfg.ca_file && !cfg.ca_path && !cfg.ca_store) {
        if (!add_default_locations(ctx, cfg)) return drain_openssl_errors();
        return std::nullopt;
    }
    if ((cfg.ca_file && !SSL_CTX_load_verify_file(ctx, cfg.ca_file->c_str())) ||
        (cfg.ca_path && !SSL_CTX_load_verify_dir(ctx, cfg.ca_path->c_str())) ||
        (cfg.ca_store && !SSL_CTX_load_verify_store(ctx, cfg.ca_store->c_str())))
        return drain_openssl_errors();
    return std::nullopt;
}

}  // namespace sc

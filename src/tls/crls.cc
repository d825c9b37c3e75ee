#include "tls/crls.h"

#include <openssl/store.h>
#include <openssl/x509v3.h>

#include <string_view>

#include "tls/context.h"
#include "tls/ossl_ptr.h"

namespace sc {
namespace {

using CrlPtr = OsslPtr<X509_CRL, X509_CRL_free>;
using DistPointsPtr = OsslPtr<STACK_OF(DIST_POINT), CRL_DIST_POINTS_free>;

// A CRL download must not hang verification (openssl waits forever).
constexpr int kDownloadTimeoutSeconds = 10;

bool is_http(std::string_view uri) {
    return uri.size() > 7 && (uri.substr(0, 7) == "http://" || uri.substr(0, 7) == "HTTP://");
}

// Through OSSL_STORE, as openssl 3's apps load it: the form is detected
// (so -CRLform changes nothing) and the library's errors are the same.
using StoreCtxPtr = OsslPtr<OSSL_STORE_CTX, OSSL_STORE_close>;
using StoreInfoPtr = OsslPtr<OSSL_STORE_INFO, OSSL_STORE_INFO_free>;

struct LoadedCrl {
    CrlPtr crl;
    bool opened = false;
};

LoadedCrl load_crl_file(const std::string& path) {
    LoadedCrl out;
    if (is_http(path)) {
        out.opened = true;
        out.crl.reset(X509_CRL_load_http(path.c_str(), nullptr, nullptr, kDownloadTimeoutSeconds));
        return out;
    }
    StoreCtxPtr store(OSSL_STORE_open(path.c_str(), nullptr, nullptr, nullptr, nullptr));
    if (!store) return out;
    out.opened = true;
    OSSL_STORE_expect(store.get(), OSSL_STORE_INFO_CRL);
    while (!out.crl && !OSSL_STORE_eof(store.get())) {
        StoreInfoPtr info(OSSL_STORE_load(store.get()));
        if (info && OSSL_STORE_INFO_get_type(info.get()) == OSSL_STORE_INFO_CRL)
            out.crl.reset(OSSL_STORE_INFO_get1_CRL(info.get()));
        else if (!info && OSSL_STORE_error(store.get()))
            break;
    }
    return out;
}

// The first http URI of the first distribution point that has one, as openssl's apps do.
X509_CRL* download_from(STACK_OF(DIST_POINT)* points) {
    for (int i = 0; i < sk_DIST_POINT_num(points); ++i) {
        DIST_POINT_NAME* name = sk_DIST_POINT_value(points, i)->distpoint;
        if (name == nullptr || name->type != 0) continue;  // 0: a full name
        GENERAL_NAMES* names = name->name.fullname;
        for (int j = 0; j < sk_GENERAL_NAME_num(names); ++j) {
            int type = 0;
            auto* uri = static_cast<ASN1_IA5STRING*>(GENERAL_NAME_get0_value(sk_GENERAL_NAME_value(names, j), &type));
            if (type != GEN_URI) continue;
            std::string url(reinterpret_cast<const char*>(ASN1_STRING_get0_data(uri)),
                            static_cast<std::size_t>(ASN1_STRING_length(uri)));
            if (is_http(url)) return X509_CRL_load_http(url.c_str(), nullptr, nullptr, kDownloadTimeoutSeconds);
        }
    }
    return nullptr;
}

// X509_STORE's CRL lookup under -crl_download: the CRL (and delta CRL) that
// the certificate being checked points at.
STACK_OF(X509_CRL)* lookup_crls_by_download(const X509_STORE_CTX* store_ctx, const X509_NAME*) {
    X509* cert = X509_STORE_CTX_get_current_cert(store_ctx);
    DistPointsPtr points(static_cast<STACK_OF(DIST_POINT)*>(
        X509_get_ext_d2i(cert, NID_crl_distribution_points, nullptr, nullptr)));
    CrlPtr crl(points ? download_from(points.get()) : nullptr);
    if (!crl) return nullptr;
    STACK_OF(X509_CRL)* crls = sk_X509_CRL_new_null();
    if (crls == nullptr || !sk_X509_CRL_push(crls, crl.get())) {
        sk_X509_CRL_free(crls);
        return nullptr;
    }
    crl.release();
    DistPointsPtr delta_points(static_cast<STACK_OF(DIST_POINT)*>(
        X509_get_ext_d2i(cert, NID_freshest_crl, nullptr, nullptr)));
    if (delta_points) {
        CrlPtr delta(download_from(delta_points.get()));
        if (delta && sk_X509_CRL_push(crls, delta.get())) delta.release();
    }
    return crls;
}

void add_to(X509_STORE* store, X509_CRL* crl, bool download) {
    if (store == nullptr) return;
    if (crl != nullptr) X509_STORE_add_crl(store, crl);  // takes its own reference
    if (download) X509_STORE_set_lookup_crls(store, lookup_crls_by_download);
}

}  // namespace

std::optional<std::vector<std::string>> install_crls(SSL_CTX* ctx, const Config& cfg) {
    CrlPtr crl;
    if (cfg.crl_file) {
        LoadedCrl loaded = load_crl_file(*cfg.crl_file);
        crl = std::move(loaded.crl);
        if (!crl) {
            // openssl's wording: which step failed, the library's reasons, the verdict.
            std::vector<std::string> lines{(loaded.opened ? "Could not read CRL from "
                                                          : "Could not open file or uri for loading CRL from ") +
                                           *cfg.crl_file};
            for (auto& l : drain_openssl_errors()) lines.push_back(std::move(l));
            lines.emplace_back("Unable to load CRL");
            return lines;
        }
    }
    if (!crl && !cfg.crl_download) return std::nullopt;
    add_to(SSL_CTX_get_cert_store(ctx), crl.get(), cfg.crl_download);
    X509_STORE* verify_store = nullptr;
    SSL_CTX_get0_verify_cert_store(ctx, &verify_store);
    add_to(verify_store, crl.get(), cfg.crl_download);
    return std::nullopt;
}

}  // namespace sc

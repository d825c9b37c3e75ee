#include "tls/identity_files.h"

#include <openssl/err.h>
#include <openssl/store.h>
#include <openssl/ui.h>

#include <cstring>

namespace sc {
namespace {

using StoreCtxPtr = OsslPtr<OSSL_STORE_CTX, OSSL_STORE_close>;
using StoreInfoPtr = OsslPtr<OSSL_STORE_INFO, OSSL_STORE_INFO_free>;
using UiMethodPtr = OsslPtr<UI_METHOD, UI_destroy_method>;

// Hands the pass phrase to libcrypto. Without one we answer "no pass
// phrase" instead of prompting: stdin belongs to the session.
int pass_callback(char* buf, int size, int /*rwflag*/, void* user) {
    const auto* pass = static_cast<const std::optional<std::string>*>(user);
    if (pass == nullptr || !*pass || size <= 0) return -1;
    int n = static_cast<int>(std::min<std::size_t>((*pass)->size(), static_cast<std::size_t>(size)));
    std::memcpy(buf, (*pass)->data(), static_cast<std::size_t>(n));
    return n;
}

// Why a load failed, with a hint where the reason alone is cryptic.
LoadError failure(std::string headline) {
    std::string reason = last_error_reason();
    for (const char* sign : {"decrypt", "cipherfinal", "mac", "passphrase", "pass phrase", "cancelled"}) {
        if (reason.find(sign) != std::string::npos) {
            reason += " (wrong or missing pass phrase? see -pass)";
            break;
        }
    }
    if (!reason.empty()) headline += ": " + reason;
    return LoadError{std::move(headline)};
}

// Opens path and collects the objects of the expected type. A file that
// holds none of them is a failure.
template <typename Each>
std::optional<LoadError> load_all(const std::string& path, int expected, const char* what, const char* verb,
                                  const LoadOptions& opt, Each&& each) {
    ERR_clear_error();
    UiMethodPtr ui(UI_UTIL_wrap_read_pem_callback(pass_callback, 0));
    void* pass = const_cast<std::optional<std::string>*>(opt.pass);
    StoreCtxPtr store(OSSL_STORE_open_ex(path.c_str(), nullptr, opt.propquery, ui.get(), pass, nullptr, nullptr,
                                         nullptr));
    if (!store) return failure(std::string("Could not open file or uri for loading ") + what + " from " + path);
    OSSL_STORE_expect(store.get(), expected);
    bool found = false;
    while (!OSSL_STORE_eof(store.get())) {
        StoreInfoPtr info(OSSL_STORE_load(store.get()));
        if (!info) {
            // The file loader may flag an error at the very end with nothing
            // queued: that is the end of what we found.
            if (found && ERR_peek_error() == 0) break;
            if (OSSL_STORE_error(store.get())) return failure(std::string("Could not read ") + verb + what + " from " + path);
            continue;
        }
        if (OSSL_STORE_INFO_get_type(info.get()) != expected) continue;
        found = true;
        if (!each(info.get())) break;
    }
    if (!found) return failure(std::string("Could not read ") + verb + what + " from " + path);
    ERR_clear_error();
    return std::nullopt;
}

}  // namespace

std::string last_error_reason() {
    unsigned long e = ERR_peek_last_error();
    std::string out;
    if (e != 0) {
        const char* r = ERR_reason_error_string(e);
        out = r != nullptr ? r : "error " + std::to_string(ERR_GET_REASON(e));
    }
    ERR_clear_error();
    return out;
}

std::variant<EvpPkeyPtr, LoadError> load_private_key(const std::string& path, const char* what,
                                                     const LoadOptions& opt) {
    EvpPkeyPtr key;
    auto err = load_all(path, OSSL_STORE_INFO_PKEY, what, "", opt, [&](OSSL_STORE_INFO* info) {
        key.reset(OSSL_STORE_INFO_get1_PKEY(info));
        return false;  // the first key
    });
    if (err) return *err;
    return key;
}

std::variant<X509Ptr, LoadError> load_certificate(const std::string& path, const char* what, const LoadOptions& opt) {
    X509Ptr cert;
    auto err = load_all(path, OSSL_STORE_INFO_CERT, what, "", opt, [&](OSSL_STORE_INFO* info) {
        cert.reset(OSSL_STORE_INFO_get1_CERT(info));
        return false;
    });
    if (err) return *err;
    return cert;
}

std::variant<X509StackPtr, LoadError> load_certificates(const std::string& path, const char* what,
                                                        const LoadOptions& opt) {
    X509StackPtr certs(sk_X509_new_null());
    if (!certs) return LoadError{"out of memory"};
    auto err = load_all(path, OSSL_STORE_INFO_CERT, what, "certs of ", opt, [&](OSSL_STORE_INFO* info) {
        X509Ptr cert(OSSL_STORE_INFO_get1_CERT(info));
        if (cert && sk_X509_push(certs.get(), cert.get()) > 0) cert.release();
        return true;
    });
    if (err) return *err;
    return certs;
}

}  // namespace sc

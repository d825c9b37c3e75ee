// unique_ptr owners for every OpenSSL object type we hold. Ownership handed to
// the library (SSL_set_bio, SSL_set0_*, ...) is followed at once by release().
#pragma once

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>

#include <memory>

namespace sc {

template <auto FreeFn>
struct OsslDeleter {
    template <typename T>
    void operator()(T* p) const noexcept {
        if (p != nullptr) FreeFn(p);
    }
};

template <typename T, auto FreeFn>
using OsslPtr = std::unique_ptr<T, OsslDeleter<FreeFn>>;

using SslCtxPtr = OsslPtr<SSL_CTX, SSL_CTX_free>;
using SslPtr = OsslPtr<SSL, SSL_free>;
using SslSessionPtr = OsslPtr<SSL_SESSION, SSL_SESSION_free>;
using SslConfCtxPtr = OsslPtr<SSL_CONF_CTX, SSL_CONF_CTX_free>;
using BioPtr = OsslPtr<BIO, BIO_free_all>;
using X509Ptr = OsslPtr<X509, X509_free>;
using EvpPkeyPtr = OsslPtr<EVP_PKEY, EVP_PKEY_free>;
using VerifyParamPtr = OsslPtr<X509_VERIFY_PARAM, X509_VERIFY_PARAM_free>;
using X509NamePtr = OsslPtr<X509_NAME, X509_NAME_free>;

inline void free_x509_stack(STACK_OF(X509) * sk) { sk_X509_pop_free(sk, X509_free); }
using X509StackPtr = OsslPtr<STACK_OF(X509), free_x509_stack>;

}  // namespace sc

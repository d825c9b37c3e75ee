// Reads keys and certificates from files as openssl 3 does: through
// OSSL_STORE, which recognises PEM, DER (plain or encrypted PKCS#8) and
// PKCS#12 by itself, so -certform/-keyform need not be right. A pass phrase,
// when given, decrypts keys and PKCS#12 files; we never prompt for one.
#pragma once

#include <optional>
#include <string>
#include <variant>

#include "tls/ossl_ptr.h"

namespace sc {

struct LoadError {
    std::string message;  // one line: openssl's headline, then the reason
};

struct LoadOptions {
    const std::optional<std::string>* pass = nullptr;  // may be null
    const char* propquery = nullptr;
};

// `what` names the object in messages, as openssl does ("client certificate").
std::variant<EvpPkeyPtr, LoadError> load_private_key(const std::string& path, const char* what, const LoadOptions& opt);
std::variant<X509Ptr, LoadError> load_certificate(const std::string& path, const char* what, const LoadOptions& opt);
// Every certificate in the file, in file order (for a PKCS#12 file: the leaf first).
std::variant<X509StackPtr, LoadError> load_certificates(const std::string& path, const char* what,
                                                        const LoadOptions& opt);

// The last queued libcrypto error as a short reason, and the queue cleared:
// "bad decrypt", "No such file or directory", ...
std::string last_error_reason();

}  // namespace sc

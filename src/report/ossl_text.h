// Text that libcrypto/libssl format themselves (names, times, PEM, sessions),
// captured as strings so that our output matches openssl's byte for byte.
#pragma once

#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <functional>
#include <string>

namespace sc {

// Runs a printer that writes to a BIO and returns what it wrote.
std::string capture_bio(const std::function<void(BIO*)>& printer);

std::string name_text(const X509_NAME* name, unsigned long flags);
std::string time_text(const ASN1_TIME* time);
std::string pem_text(X509* cert);
std::string session_text(const SSL_SESSION* session);

}  // namespace sc

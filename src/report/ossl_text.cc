#include "report/ossl_text.h"

#include <openssl/pem.h>

#include "tls/ossl_ptr.h"

namespace sc {

std::string capture_bio(const std::function<void(BIO*)>& printer) {
    BioPtr mem(BIO_new(BIO_s_mem()));
    if (!mem) return {};
    printer(mem.get());
    char* data = nullptr;
    long len = BIO_get_mem_data(mem.get(), &data);
    return len > 0 ? std::string(data, static_cast<std::size_t>(len)) : std::string();
}

std::string name_text(const X509_NAME* name, unsigned long flags) {
    return capture_bio([&](BIO* b) { X509_NAME_print_ex(b, name, 0, flags); });
}

std::string time_text(const ASN1_TIME* time) {
    return capture_bio([&](BIO* b) { ASN1_TIME_print(b, time); });
}

std::string pem_text(X509* cert) {
    return capture_bio([&](BIO* b) { PEM_write_bio_X509(b, cert); });
}

std::string session_text(const SSL_SESSION* session) {
    return capture_bio([&](BIO* b) { SSL_SESSION_print(b, session); });
}

}  // namespace sc

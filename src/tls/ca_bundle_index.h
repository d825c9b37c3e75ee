// A PEM bundle of CA certificates indexed by subject name, so that a trust
// lookup parses only the certificates it asks for. OpenSSL 3.0 takes ~0.1 ms
// per certificate to decode (the public key goes through the provider
// decoders); the subject names alone cost almost nothing.
#pragma once

#include <openssl/x509.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tls/ossl_ptr.h"

namespace sc {

class CaBundleIndex {
public:
    // Nullopt when the text holds anything but certificates (CRLs, trusted-
    // certificate aux data, keys) or a block that does not parse: the caller
    // then loads the file the library's way, which defines the meaning.
    static std::optional<CaBundleIndex> parse(std::string_view pem);
    static std::optional<CaBundleIndex> read_file(const std::string& path);

    std::size_t size() const { return entries_.size(); }

    // The certificates whose subject equals name (X509_NAME_cmp) that were not
    // taken before: each is handed out once, decoded with the property query
    // (-propquery; null for the default).
    std::vector<X509Ptr> take_named(const X509_NAME* name, const char* propquery = nullptr);

private:
    struct Entry {
        std::string der;
        X509NamePtr subject;
        bool taken = false;
    };
    std::vector<Entry> entries_;
};

}  // namespace sc

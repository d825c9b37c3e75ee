// The default CA bundle's index (tls/ca_bundle_index): any text, then a
// lookup by a fixed name (the seed root's), which decodes what matches.
// SSL_CERT_FILE may point anywhere, so the text is untrusted input.
#include <openssl/x509.h>

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <utility>

#include "tls/ca_bundle_index.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    auto index = sc::CaBundleIndex::parse(std::string_view(reinterpret_cast<const char*>(data), size));
    if (!index) return 0;
    sc::X509NamePtr name(X509_NAME_new());
    // The subject of the seed corpus' root, so that matching certificates get decoded.
    for (auto [field, value] : {std::pair{"C", "XX"}, {"O", "Test Org"}, {"CN", "Test Root CA"}})
        X509_NAME_add_entry_by_txt(name.get(), field, MBSTRING_ASC, reinterpret_cast<const unsigned char*>(value), -1,
                                   -1, 0);
    for (auto& cert : index->take_named(name.get())) (void)X509_get_subject_name(cert.get());
    return 0;
}

#include "tls/ca_bundle_index.h"

#include <openssl/asn1.h>
#include <openssl/pem.h>

#include <climits>
#include <cstring>
#include <fstream>
#include <sstream>

namespace sc {
namespace {

// Reads one TLV header at p (within end); on success p is at its contents.
bool enter(const unsigned char*& p, const unsigned char* end, long& len, int& tag, int& cls) {
    if (p >= end) return false;
    int rc = ASN1_get_object(&p, &len, &tag, &cls, end - p);
    return (rc & 0x80) == 0 && len >= 0 && len <= end - p;
}

bool skip(const unsigned char*& p, const unsigned char* end) {
    long len = 0;
    int tag = 0, cls = 0;
    if (!enter(p, end, len, tag, cls)) return false;
    p += len;
    return true;
}

// Certificate ::= SEQUENCE { tbsCertificate SEQUENCE { [0] version OPTIONAL,
// serialNumber, signature, issuer, validity, subject, ... }, ... }: the
// subject's DER, found by skipping TLVs without decoding them.
X509NamePtr subject_of(const std::string& der) {
    const auto* p = reinterpret_cast<const unsigned char*>(der.data());
    const unsigned char* end = p + der.size();
    long len = 0;
    int tag = 0, cls = 0;
    if (!enter(p, end, len, tag, cls) || tag != V_ASN1_SEQUENCE) return nullptr;  // Certificate
    end = p + len;
    if (!enter(p, end, len, tag, cls) || tag != V_ASN1_SEQUENCE) return nullptr;  // tbsCertificate
    end = p + len;
    const unsigned char* field = p;
    if (!enter(field, end, len, tag, cls)) return nullptr;
    if (cls == V_ASN1_CONTEXT_SPECIFIC && tag == 0 && !skip(p, end)) return nullptr;  // version
    for (int i = 0; i < 4; ++i)  // serialNumber, signature, issuer, validity
        if (!skip(p, end)) return nullptr;
    const unsigned char* subject = p;
    if (!skip(p, end)) return nullptr;
    return X509NamePtr(d2i_X509_NAME(nullptr, &subject, p - subject));
}

void free_pem(char* p) { OPENSSL_free(p); }
using PemText = OsslPtr<char, free_pem>;
void free_bytes(unsigned char* p) { OPENSSL_free(p); }
using PemBytes = OsslPtr<unsigned char, free_bytes>;

}  // namespace

std::optional<CaBundleIndex> CaBundleIndex::parse(std::string_view pem) {
    if (pem.size() > INT_MAX) return std::nullopt;
    BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
    if (!bio) return std::nullopt;
    CaBundleIndex index;
    while (true) {
        char* name_raw = nullptr;
        char* header_raw = nullptr;
        unsigned char* data_raw = nullptr;
        long len = 0;
        ERR_set_mark();
        int ok = PEM_read_bio(bio.get(), &name_raw, &header_raw, &data_raw, &len);
        PemText name(name_raw), header(header_raw);
        PemBytes data(data_raw);
        if (!ok) {
            // The end of the text, or a block that does not decode.
            bool at_end = ERR_GET_REASON(ERR_peek_last_error()) == PEM_R_NO_START_LINE;
            ERR_pop_to_mark();
            if (!at_end) return std::nullopt;
            break;
        }
        ERR_pop_to_mark();
        if (std::strcmp(name.get(), PEM_STRING_X509) != 0 && std::strcmp(name.get(), PEM_STRING_X509_OLD) != 0)
            return std::nullopt;
        Entry e;
        e.der.assign(reinterpret_cast<const char*>(data.get()), static_cast<std::size_t>(len));
        e.subject = subject_of(e.der);
        if (!e.subject) return std::nullopt;
        index.entries_.push_back(std::move(e));
    }
    return index;
}

std::optional<CaBundleIndex> CaBundleIndex::read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream text;
    text << in.rdbuf();
    return parse(text.str());
}

std::vector<X509Ptr> CaBundleIndex::take_named(const X509_NAME* name) {
    std::vector<X509Ptr> out;
    for (auto& e : entries_) {
        if (e.taken || X509_NAME_cmp(e.subject.get(), name) != 0) continue;
        e.taken = true;
        const auto* p = reinterpret_cast<const unsigned char*>(e.der.data());
        if (X509Ptr cert{d2i_X509(nullptr, &p, static_cast<long>(e.der.size()))}) out.push_back(std::move(cert));
    }
    return out;
}

}  // namespace sc

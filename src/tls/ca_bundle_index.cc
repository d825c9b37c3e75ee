#include "tls/ca_bundle_index.h"

#include <openssl/asn1.h>
#include <openssl/pem.h>

#include <climits>
#include <cstring>
#include <fstream>
#include <sstream>

namespace sc {
namespace {

// A DER element: its tag and class, and its contents [body, end).
struct Tlv {
    int tag = 0, cls = 0;
    bool constructed = false;
    const unsigned char* body = nullptr;
    const unsigned char* end = nullptr;
};

// Reads the element at p (which must lie within end) and moves p past it.
bool next(const unsigned char*& p, const unsigned char* end, Tlv& out) {
    if (p >= end) return false;
    long len = 0;
    int rc = ASN1_get_object(&p, &len, &out.tag, &out.cls, end - p);
    if ((rc & 0x80) != 0 || len < 0 || len > end - p) return false;
    out.constructed = (rc & V_ASN1_CONSTRUCTED) != 0;
    out.body = p;
    out.end = p + len;
    p = out.end;
    return true;
}

bool next_is(const unsigned char*& p, const unsigned char* end, int tag, bool constructed, Tlv& out) {
    return next(p, end, out) && out.cls == V_ASN1_UNIVERSAL && out.tag == tag && out.constructed == constructed;
}

// Checks the shape of a whole certificate without decoding it, and returns
// its subject. OpenSSL refuses a bundle in which any certificate does not
// parse, so a broken one must not pass here as long as its subject does:
//   Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm SEQUENCE, signature BIT STRING }
//   TBSCertificate ::= SEQUENCE { [0] version OPTIONAL, serialNumber INTEGER, signature SEQUENCE,
//       issuer SEQUENCE, validity SEQUENCE, subject SEQUENCE,
//       subjectPublicKeyInfo SEQUENCE { algorithm SEQUENCE, subjectPublicKey BIT STRING },
//       [1] OPTIONAL, [2] OPTIONAL, [3] extensions OPTIONAL }
// What lies inside the fields (a malformed key, say) is only found when a
// lookup decodes the certificate; it is then left out.
X509NamePtr checked_subject(const std::string& der) {
    const auto* p = reinterpret_cast<const unsigned char*>(der.data());
    const unsigned char* const end = p + der.size();
    Tlv cert, tbs, f, spki_alg, spki_key, sig_alg, sig;
    if (!next_is(p, end, V_ASN1_SEQUENCE, true, cert) || p != end) return nullptr;
    p = cert.body;
    if (!next_is(p, cert.end, V_ASN1_SEQUENCE, true, tbs) || !next_is(p, cert.end, V_ASN1_SEQUENCE, true, sig_alg) ||
        !next_is(p, cert.end, V_ASN1_BIT_STRING, false, sig) || p != cert.end)
        return nullptr;
    p = tbs.body;
    const unsigned char* peek = p;
    if (!next(peek, tbs.end, f)) return nullptr;
    if (f.cls == V_ASN1_CONTEXT_SPECIFIC && f.tag == 0) p = peek;  // version
    if (!next_is(p, tbs.end, V_ASN1_INTEGER, false, f)) return nullptr;
    for (int i = 0; i < 3; ++i)  // signature, issuer, validity
        if (!next_is(p, tbs.end, V_ASN1_SEQUENCE, true, f)) return nullptr;
    const unsigned char* subject = p;
    if (!next_is(p, tbs.end, V_ASN1_SEQUENCE, true, f)) return nullptr;
    const unsigned char* subject_end = p;
    if (!next_is(p, tbs.end, V_ASN1_SEQUENCE, true, f)) return nullptr;  // subjectPublicKeyInfo
    const unsigned char* k = f.body;
    if (!next_is(k, f.end, V_ASN1_SEQUENCE, true, spki_alg) || !next_is(k, f.end, V_ASN1_BIT_STRING, false, spki_key) ||
        k != f.end)
        return nullptr;
    int last_optional = 0;
    while (p != tbs.end) {
        if (!next(p, tbs.end, f) || f.cls != V_ASN1_CONTEXT_SPECIFIC || f.tag <= last_optional || f.tag > 3)
            return nullptr;
        last_optional = f.tag;
    }
    return X509NamePtr(d2i_X509_NAME(nullptr, &subject, subject_end - subject));
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
        e.subject = checked_subject(e.der);
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

std::vector<X509Ptr> CaBundleIndex::take_named(const X509_NAME* name, const char* propquery) {
    std::vector<X509Ptr> out;
    for (auto& e : entries_) {
        if (e.taken || X509_NAME_cmp(e.subject.get(), name) != 0) continue;
        e.taken = true;
        X509Ptr cert(X509_new_ex(nullptr, propquery));
        X509* raw = cert.get();
        const auto* p = reinterpret_cast<const unsigned char*>(e.der.data());
        // d2i frees the object it was given when decoding fails.
        if (cert && d2i_X509(&raw, &p, static_cast<long>(e.der.size())) != nullptr) out.push_back(std::move(cert));
        else (void)cert.release();
    }
    return out;
}

}  // namespace sc

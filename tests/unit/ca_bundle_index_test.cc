// The default CA bundle's index: each certificate is found by its subject
// name as X509_NAME_cmp compares names, handed out once, and anything the
// index cannot represent exactly (CRLs, aux trust, broken blocks) makes the
// caller load the file the library's way.
#include <gtest/gtest.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <string>

#include "tls/ca_bundle_index.h"

namespace sc {
namespace {

using PkeyPtr = OsslPtr<EVP_PKEY, EVP_PKEY_free>;

X509NamePtr name_cn(const char* cn, int type = MBSTRING_UTF8) {
    X509NamePtr n(X509_NAME_new());
    X509_NAME_add_entry_by_txt(n.get(), "O", type, reinterpret_cast<const unsigned char*>("Test Org"), -1, -1, 0);
    X509_NAME_add_entry_by_txt(n.get(), "CN", type, reinterpret_cast<const unsigned char*>(cn), -1, -1, 0);
    return n;
}

// A self-signed certificate named CN = cn (EC P-256: quick to make).
X509Ptr make_cert(const char* cn, long serial) {
    PkeyPtr key(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
    X509Ptr cert(X509_new());
    X509_set_version(cert.get(), X509_VERSION_3);
    ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), serial);
    X509_gmtime_adj(X509_getm_notBefore(cert.get()), 0);
    X509_gmtime_adj(X509_getm_notAfter(cert.get()), 3600);
    X509NamePtr name = name_cn(cn);
    X509_set_subject_name(cert.get(), name.get());
    X509_set_issuer_name(cert.get(), name.get());
    X509_set_pubkey(cert.get(), key.get());
    X509_sign(cert.get(), key.get(), EVP_sha256());
    return cert;
}

std::string pem_of(X509* cert, bool trusted = false) {
    BioPtr mem(BIO_new(BIO_s_mem()));
    if (trusted) PEM_write_bio_X509_AUX(mem.get(), cert);
    else PEM_write_bio_X509(mem.get(), cert);
    char* data = nullptr;
    long len = BIO_get_mem_data(mem.get(), &data);
    return std::string(data, static_cast<std::size_t>(len));
}

TEST(CaBundleIndex, FindsEachCertificateByItsSubjectOnce) {
    X509Ptr a = make_cert("Root A", 1), b = make_cert("Root B", 2), a2 = make_cert("Root A", 3);
    auto index = CaBundleIndex::parse("comment lines are allowed\n" + pem_of(a.get()) + pem_of(b.get()) + pem_of(a2.get()));
    ASSERT_TRUE(index.has_value());
    EXPECT_EQ(index->size(), 3u);

    auto named_a = index->take_named(X509_get_subject_name(a.get()));
    ASSERT_EQ(named_a.size(), 2u);  // both certificates with that subject
    EXPECT_EQ(X509_cmp(named_a[0].get(), a.get()), 0);
    EXPECT_EQ(X509_cmp(named_a[1].get(), a2.get()), 0);
    EXPECT_TRUE(index->take_named(X509_get_subject_name(a.get())).empty());  // handed out once

    X509NamePtr absent = name_cn("Nobody");
    EXPECT_TRUE(index->take_named(absent.get()).empty());
    auto named_b = index->take_named(X509_get_subject_name(b.get()));
    ASSERT_EQ(named_b.size(), 1u);
    EXPECT_EQ(X509_cmp(named_b[0].get(), b.get()), 0);
}

TEST(CaBundleIndex, NamesCompareAsTheLibraryComparesThem) {
    // Case and string type differ; X509_NAME_cmp's canonical form does not.
    X509Ptr a = make_cert("Root A", 1);
    auto index = CaBundleIndex::parse(pem_of(a.get()));
    ASSERT_TRUE(index.has_value());
    X509NamePtr other_form = name_cn("root  a", MBSTRING_ASC);
    ASSERT_EQ(X509_NAME_cmp(other_form.get(), X509_get_subject_name(a.get())), 0);
    EXPECT_EQ(index->take_named(other_form.get()).size(), 1u);
}

TEST(CaBundleIndex, EmptyTextIsAnEmptyBundle) {
    auto index = CaBundleIndex::parse("");
    ASSERT_TRUE(index.has_value());
    EXPECT_EQ(index->size(), 0u);
}

TEST(CaBundleIndex, AnythingButPlainCertificatesIsLeftToTheLibrary) {
    X509Ptr a = make_cert("Root A", 1);
    std::string cert = pem_of(a.get());
    // A trusted certificate carries aux trust settings the index would drop.
    EXPECT_FALSE(CaBundleIndex::parse(cert + pem_of(a.get(), true)).has_value());
    // A CRL (the index looks at the block's name only).
    EXPECT_FALSE(CaBundleIndex::parse(cert + "-----BEGIN X509 CRL-----\nMAA=\n-----END X509 CRL-----\n").has_value());
    // A certificate block whose base64 is broken, or whose DER is not a certificate.
    EXPECT_FALSE(CaBundleIndex::parse(cert + "-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----\n")
                     .has_value());
    EXPECT_FALSE(CaBundleIndex::parse("-----BEGIN CERTIFICATE-----\nMAMCAQE=\n-----END CERTIFICATE-----\n")
                     .has_value());
    // A block that never ends.
    EXPECT_FALSE(CaBundleIndex::parse(cert.substr(0, cert.size() / 2)).has_value());
}

std::string der_of(X509* cert) {
    unsigned char* der = nullptr;
    int len = i2d_X509(cert, &der);
    std::string out(reinterpret_cast<char*>(der), static_cast<std::size_t>(len));
    OPENSSL_free(der);
    return out;
}

std::string pem_block(const std::string& der) {
    BioPtr mem(BIO_new(BIO_s_mem()));
    PEM_write_bio(mem.get(), "CERTIFICATE", "", reinterpret_cast<const unsigned char*>(der.data()),
                  static_cast<long>(der.size()));
    char* data = nullptr;
    long len = BIO_get_mem_data(mem.get(), &data);
    return std::string(data, static_cast<std::size_t>(len));
}

// OpenSSL's loader refuses a whole bundle when one certificate does not
// parse; the index must not accept what the loader refuses just because the
// subject can still be read.
TEST(CaBundleIndex, ACertificateBrokenAfterItsSubjectIsLeftToTheLibrary) {
    X509Ptr a = make_cert("Root A", 1), b = make_cert("Root B", 2);
    std::string good = pem_of(a.get()), der = der_of(b.get());
    ASSERT_TRUE(CaBundleIndex::parse(good + pem_block(der)).has_value());

    unsigned char* spki = nullptr;
    int spki_len = i2d_X509_PUBKEY(X509_get_X509_PUBKEY(b.get()), &spki);
    std::size_t at = der.find(std::string(reinterpret_cast<char*>(spki), static_cast<std::size_t>(spki_len)));
    OPENSSL_free(spki);
    ASSERT_NE(at, std::string::npos);
    std::string bad_key = der;
    bad_key[at] = 0x31;  // the key info is a SET instead of a SEQUENCE
    EXPECT_FALSE(CaBundleIndex::parse(good + pem_block(bad_key)).has_value());

    std::string trailing = der + std::string("\x05\x00", 2);  // bytes after the certificate
    EXPECT_FALSE(CaBundleIndex::parse(good + pem_block(trailing)).has_value());
    std::string truncated = der.substr(0, der.size() - 1);  // the signature is cut short
    EXPECT_FALSE(CaBundleIndex::parse(good + pem_block(truncated)).has_value());
}

TEST(CaBundleIndex, UnreadableFileIsLeftToTheLibrary) {
    EXPECT_FALSE(CaBundleIndex::read_file("/nonexistent/bundle.pem").has_value());
}

}  // namespace
}  // namespace sc

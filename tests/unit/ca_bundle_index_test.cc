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

TEST(CaBundleIndex, UnreadableFileIsLeftToTheLibrary) {
    EXPECT_FALSE(CaBundleIndex::read_file("/nonexistent/bundle.pem").has_value());
}

}  // namespace
}  // namespace sc

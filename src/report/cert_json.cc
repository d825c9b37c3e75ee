#include "report/cert_json.h"

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/x509v3.h>

#include <cstdio>

#include "report/ossl_text.h"

namespace sc {
namespace {

std::string hex_colons(const unsigned char* p, std::size_t n) {
    std::string out;
    char buf[4];
    for (std::size_t i = 0; i < n; ++i) {
        std::snprintf(buf, sizeof buf, i ? ":%02X" : "%02X", p[i]);
        out += buf;
    }
    return out;
}

std::string serial_hex(X509* cert) {
    BIGNUM* bn = ASN1_INTEGER_to_BN(X509_get0_serialNumber(cert), nullptr);
    if (bn == nullptr) return {};
    char* hex = BN_bn2hex(bn);
    std::string out = hex != nullptr ? hex : "";
    OPENSSL_free(hex);
    BN_free(bn);
    return out;
}

std::string ip_text(const ASN1_OCTET_STRING* ip) {
    const unsigned char* p = ASN1_STRING_get0_data(ip);
    int n = ASN1_STRING_length(ip);
    char buf[64];
    if (n == 4) {
        std::snprintf(buf, sizeof buf, "%u.%u.%u.%u", p[0], p[1], p[2], p[3]);
        return buf;
    }
    if (n == 16) {
        // The uncompressed form, as openssl's text output prints it.
        std::string out;
        for (int i = 0; i < 16; i += 2) {
            std::snprintf(buf, sizeof buf, i ? ":%X" : "%X", p[i] << 8 | p[i + 1]);
            out += buf;
        }
        return out;
    }
    return hex_colons(p, static_cast<std::size_t>(n));
}

std::string asn1_text(const ASN1_STRING* s) {
    return std::string(reinterpret_cast<const char*>(ASN1_STRING_get0_data(s)),
                       static_cast<std::size_t>(ASN1_STRING_length(s)));
}

nlohmann::json sans(X509* cert) {
    nlohmann::json out = nlohmann::json::array();
    auto* names = static_cast<GENERAL_NAMES*>(X509_get_ext_d2i(cert, NID_subject_alt_name, nullptr, nullptr));
    if (names == nullptr) return out;
    for (int i = 0; i < sk_GENERAL_NAME_num(names); ++i) {
        const GENERAL_NAME* gn = sk_GENERAL_NAME_value(names, i);
        switch (gn->type) {
            case GEN_DNS: out.push_back({{"type", "DNS"}, {"value", asn1_text(gn->d.dNSName)}}); break;
            case GEN_IPADD: out.push_back({{"type", "IP"}, {"value", ip_text(gn->d.iPAddress)}}); break;
            case GEN_EMAIL: out.push_back({{"type", "email"}, {"value", asn1_text(gn->d.rfc822Name)}}); break;
            case GEN_URI: out.push_back({{"type", "URI"}, {"value", asn1_text(gn->d.uniformResourceIdentifier)}}); break;
            default: out.push_back({{"type", "other"}, {"value", nullptr}}); break;
        }
    }
    GENERAL_NAMES_free(names);
    return out;
}

nlohmann::json key_json(X509* cert) {
    EVP_PKEY* key = X509_get0_pubkey(cert);
    if (key == nullptr) return nullptr;
    nlohmann::json k = {{"type", OBJ_nid2sn(EVP_PKEY_get_base_id(key))}, {"bits", EVP_PKEY_get_bits(key)}};
    char group[80];
    std::size_t len = 0;
    if (EVP_PKEY_get_utf8_string_param(key, OSSL_PKEY_PARAM_GROUP_NAME, group, sizeof group, &len))
        k["curve"] = group;
    else
        k["curve"] = nullptr;
    return k;
}

}  // namespace

std::string iso8601(const ASN1_TIME* t) {
    std::tm tm{};
    if (t == nullptr || !ASN1_TIME_to_tm(t, &tm)) return {};
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

std::optional<long> days_until(const ASN1_TIME* t, std::time_t now) {
    int days = 0, secs = 0;
    ASN1_TIME* from = ASN1_TIME_set(nullptr, now);
    bool ok = from != nullptr && ASN1_TIME_diff(&days, &secs, from, t);
    ASN1_TIME_free(from);
    if (!ok) return std::nullopt;
    // Whole days: an hour short of a day left is 0 days left, an hour past is -1.
    if (secs < 0 && days <= 0) return days - 1;
    return days;
}

nlohmann::json cert_json(X509* cert, unsigned long nameopt, std::time_t now) {
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int md_len = 0;
    nlohmann::json fingerprint = nullptr;
    if (X509_digest(cert, EVP_sha256(), md, &md_len)) fingerprint = hex_colons(md, md_len);

    nlohmann::json days = nullptr;
    if (auto d = days_until(X509_get0_notAfter(cert), now)) days = *d;
    return {
        {"subject", name_text(X509_get_subject_name(cert), nameopt)},
        {"issuer", name_text(X509_get_issuer_name(cert), nameopt)},
        {"serial", serial_hex(cert)},
        {"not_before", iso8601(X509_get0_notBefore(cert))},
        {"not_after", iso8601(X509_get0_notAfter(cert))},
        {"days_left", days},
        {"subject_alt_names", sans(cert)},
        {"public_key", key_json(cert)},
        {"signature_algorithm", OBJ_nid2ln(X509_get_signature_nid(cert))},
        {"sha256_fingerprint", fingerprint},
        {"pem", pem_text(cert)},
    };
}

}  // namespace sc

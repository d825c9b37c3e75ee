#include "tls/verify_params.h"

#include <openssl/objects.h>
#include <openssl/x509v3.h>

#include <cstdlib>
#include <string_view>

namespace sc {
namespace {

struct FlagOption {
    std::string_view name;
    unsigned long flags;
};

constexpr FlagOption kFlagOptions[] = {
    {"ignore_critical", X509_V_FLAG_IGNORE_CRITICAL},
    {"issuer_checks", 0},  // deprecated no-op, accepted as openssl does
    {"crl_check", X509_V_FLAG_CRL_CHECK},
    {"crl_check_all", X509_V_FLAG_CRL_CHECK | X509_V_FLAG_CRL_CHECK_ALL},
    {"policy_check", X509_V_FLAG_POLICY_CHECK},
    {"explicit_policy", X509_V_FLAG_EXPLICIT_POLICY},
    {"inhibit_any", X509_V_FLAG_INHIBIT_ANY},
    {"inhibit_map", X509_V_FLAG_INHIBIT_MAP},
    {"x509_strict", X509_V_FLAG_X509_STRICT},
    {"extended_crl", X509_V_FLAG_EXTENDED_CRL_SUPPORT},
    {"use_deltas", X509_V_FLAG_USE_DELTAS},
    {"policy_print", X509_V_FLAG_NOTIFY_POLICY},
    {"check_ss_sig", X509_V_FLAG_CHECK_SS_SIGNATURE},
    {"trusted_first", X509_V_FLAG_TRUSTED_FIRST},
    {"suiteB_128_only", X509_V_FLAG_SUITEB_128_LOS_ONLY},
    {"suiteB_128", X509_V_FLAG_SUITEB_128_LOS},
    {"suiteB_192", X509_V_FLAG_SUITEB_192_LOS},
    {"partial_chain", X509_V_FLAG_PARTIAL_CHAIN},
    {"no_alt_chains", X509_V_FLAG_NO_ALT_CHAINS},
    {"no_check_time", X509_V_FLAG_NO_CHECK_TIME},
    {"allow_proxy_certs", X509_V_FLAG_ALLOW_PROXY_CERTS},
};

std::optional<std::string> apply_one(X509_VERIFY_PARAM* param, const VerifyParamOption& opt) {
    const std::string& name = opt.name;
    const char* value = opt.value.c_str();
    for (const auto& f : kFlagOptions) {
        if (f.name == name) {
            if (f.flags != 0) X509_VERIFY_PARAM_set_flags(param, f.flags);
            return std::nullopt;
        }
    }
    if (name == "policy") {
        ASN1_OBJECT* obj = OBJ_txt2obj(value, 0);
        if (obj == nullptr) return "Invalid Policy " + opt.value;
        X509_VERIFY_PARAM_add0_policy(param, obj);  // takes ownership
    } else if (name == "purpose") {
        int idx = X509_PURPOSE_get_by_sname(value);
        if (idx < 0) return "Invalid purpose " + opt.value;
        int id = X509_PURPOSE_get_id(X509_PURPOSE_get0(idx));
        if (!X509_VERIFY_PARAM_set_purpose(param, id)) return "Internal error setting purpose " + opt.value;
    } else if (name == "verify_name") {
        const X509_VERIFY_PARAM* named = X509_VERIFY_PARAM_lookup(value);
        if (named == nullptr) return "Invalid verify name " + opt.value;
        X509_VERIFY_PARAM_set1(param, named);
    } else if (name == "verify_depth") {
        int depth = std::atoi(value);
        if (depth >= 0) X509_VERIFY_PARAM_set_depth(param, depth);
    } else if (name == "auth_level") {
        int level = std::atoi(value);
        if (level >= 0) X509_VERIFY_PARAM_set_auth_level(param, level);
    } else if (name == "attime") {
        X509_VERIFY_PARAM_set_time(param, static_cast<time_t>(std::strtoll(value, nullptr, 0)));
    } else if (name == "verify_hostname") {
        if (!X509_VERIFY_PARAM_set1_host(param, value, 0)) return "Invalid verify hostname " + opt.value;
    } else if (name == "verify_email") {
        if (!X509_VERIFY_PARAM_set1_email(param, value, 0)) return "Invalid verify email " + opt.value;
    } else if (name == "verify_ip") {
        if (!X509_VERIFY_PARAM_set1_ip_asc(param, value)) return "Invalid verify IP address " + opt.value;
    } else {
        return "Unsupported verification option -" + name;
    }
    return std::nullopt;
}

}  // namespace

std::optional<std::string> apply_verify_params(X509_VERIFY_PARAM* param, const std::vector<VerifyParamOption>& options) {
    for (const auto& opt : options)
        if (auto err = apply_one(param, opt)) return err;
    return std::nullopt;
}

}  // namespace sc

#include "report/json_report.h"

#include <openssl/ocsp.h>

#include "report/cert_json.h"
#include "report/text_report.h"

namespace sc {
namespace {

using nlohmann::json;

json opt(const std::optional<double>& v) { return v ? json(*v) : json(nullptr); }
json opt(const std::optional<std::string>& v) { return v ? json(*v) : json(nullptr); }

json chain_json(const std::vector<X509Ptr>& certs, const JsonRun& run) {
    json out = json::array();
    for (const auto& c : certs) out.push_back(cert_json(c.get(), run.nameopt, run.now));
    return out;
}

std::string protocol_name(int version) {
    switch (version) {
        case TLS1_3_VERSION: return "TLSv1.3";
        case TLS1_2_VERSION: return "TLSv1.2";
        case TLS1_1_VERSION: return "TLSv1.1";
        case TLS1_VERSION: return "TLSv1";
        default: return "unknown";
    }
}

json group_json(const ConnectionReport& r) {
    int nid = r.negotiated_group_nid;
    if (nid == 0 || nid == NID_undef) return nullptr;
    if ((nid & TLSEXT_nid_unknown) != 0) {
        char buf[16];
        std::snprintf(buf, sizeof buf, "0x%04X", nid & 0xFFFF);
        return buf;
    }
    return OBJ_nid2sn(nid);
}

json temp_key_json(const ConnectionReport& r) {
    if (!r.temp_key) return nullptr;
    EVP_PKEY* key = r.temp_key.get();
    return {{"type", OBJ_nid2sn(EVP_PKEY_get_base_id(key))}, {"bits", EVP_PKEY_get_bits(key)}};
}

json peer_signature_json(const ConnectionReport& r) {
    if (!r.peer_signature_type_nid && !r.peer_signature_digest_nid) return nullptr;
    json out = {{"type", nullptr}, {"digest", nullptr}};
    if (r.peer_signature_type_nid)
        if (const char* name = signature_type_name(*r.peer_signature_type_nid)) out["type"] = name;
    if (r.peer_signature_digest_nid) out["digest"] = OBJ_nid2sn(*r.peer_signature_digest_nid);
    return out;
}

bool is_name_error(int code) {
    return code == X509_V_ERR_HOSTNAME_MISMATCH || code == X509_V_ERR_EMAIL_MISMATCH ||
           code == X509_V_ERR_IP_ADDRESS_MISMATCH;
}

json verification_json(const ConnectionReport* r, const JsonRun& run) {
    json errors = json::array();
    for (const auto& f : run.findings)
        errors.push_back({{"depth", f.depth}, {"code", f.error}, {"message", X509_verify_cert_error_string(f.error)}});
    bool cert_seen = r != nullptr && r->certificate_received();
    json out = {{"performed", cert_seen}, {"errors", errors}};
    if (cert_seen) {
        out["result_code"] = r->verify_result;
        out["result"] = X509_verify_cert_error_string(r->verify_result);
        out["verified"] = r->verify_result == X509_V_OK;
    } else {
        out["result_code"] = nullptr;
        out["result"] = nullptr;
        out["verified"] = false;
    }
    // The hostname check runs only when asked (-verify_hostname, -verify_ip).
    json host = {{"checked", false}, {"expected", nullptr}, {"matched", nullptr}, {"peername", nullptr}};
    if (r != nullptr && r->expected_host) {
        host["checked"] = cert_seen;
        host["expected"] = *r->expected_host;
        if (cert_seen) {
            bool mismatch = false;
            for (const auto& f : run.findings) mismatch = mismatch || is_name_error(f.error);
            host["matched"] = !mismatch;
        }
        if (r->verified_peername) host["peername"] = *r->verified_peername;
    }
    out["hostname"] = host;
    return out;
}

json session_json(const ConnectionReport& r, const JsonRun& run) {
    json out = {{"resumed", r.reused}, {"id", opt(r.session_id_hex)}, {"tickets_received", run.tickets}};
    out["ticket_lifetime_hint"] = r.ticket_lifetime_hint ? json(*r.ticket_lifetime_hint) : json(nullptr);
    return out;
}

json timings_json(const Timings& t) {
    return {{"dns_ms", opt(t.dns_ms)},           {"connect_ms", opt(t.connect_ms)},
            {"proxy_ms", opt(t.proxy_ms)},       {"starttls_ms", opt(t.starttls_ms)},
            {"handshake_ms", opt(t.handshake_ms)}, {"first_byte_ms", opt(t.first_byte_ms)},
            {"total_ms", opt(t.total_ms)}};
}

json target_json(const JsonRun& run) {
    json out = {{"host", nullptr}, {"port", nullptr}, {"unix_path", nullptr},
                {"proxy", opt(run.proxy)}, {"starttls", opt(run.starttls)}};
    if (!run.unix_path.empty()) {
        out["unix_path"] = run.unix_path;
    } else {
        out["host"] = run.host.empty() ? std::string("localhost") : run.host;
        out["port"] = run.port;
    }
    return out;
}

}  // namespace

json ocsp_json(bool requested, const std::optional<std::string>& der) {
    json out = {{"requested", requested}, {"stapled", der.has_value()}, {"response_status", nullptr},
                {"cert_status", nullptr}};
    if (!der) return out;
    const unsigned char* p = reinterpret_cast<const unsigned char*>(der->data());
    OCSP_RESPONSE* resp = d2i_OCSP_RESPONSE(nullptr, &p, static_cast<long>(der->size()));
    if (resp == nullptr) {
        out["response_status"] = "unparsable";
        return out;
    }
    out["response_status"] = OCSP_response_status_str(OCSP_response_status(resp));
    if (OCSP_BASICRESP* basic = OCSP_response_get1_basic(resp)) {
        if (OCSP_SINGLERESP* single = OCSP_resp_get0(basic, 0)) {
            int reason = 0;
            out["cert_status"] = OCSP_cert_status_str(OCSP_single_get0_status(single, &reason, nullptr, nullptr, nullptr));
        }
        OCSP_BASICRESP_free(basic);
    }
    OCSP_RESPONSE_free(resp);
    return out;
}

json render_json(const ConnectionReport* r, const JsonRun& run) {
    json doc = {{"schema_version", kJsonSchemaVersion}, {"target", target_json(run)}};
    doc["address"] = run.address ? json{{"family", run.address->family},
                                        {"address", run.address->address},
                                        {"port", run.address->port}}
                                 : json(nullptr);
    bool tls = r != nullptr;
    doc["handshake_complete"] = tls && r->handshake_complete;
    doc["protocol"] = tls && r->handshake_complete ? json(protocol_name(r->protocol_version)) : json(nullptr);
    doc["cipher"] = tls && r->handshake_complete ? json(r->cipher_name) : json(nullptr);
    doc["key_exchange_group"] = tls ? group_json(*r) : json(nullptr);
    doc["server_temp_key"] = tls ? temp_key_json(*r) : json(nullptr);
    doc["peer_signature"] = tls ? peer_signature_json(*r) : json(nullptr);
    doc["alpn"] = tls && !r->alpn.empty() ? json(r->alpn) : json(nullptr);
    doc["sni"] = tls ? opt(r->sni) : json(nullptr);
    doc["ocsp"] = ocsp_json(run.ocsp_requested, tls ? r->ocsp_response : std::nullopt);
    doc["session"] = tls && r->handshake_complete ? session_json(*r, run) : json(nullptr);
    doc["peer_chain"] = tls ? chain_json(r->chain, run) : json::array();
    doc["verified_chain"] = tls ? chain_json(r->verified_chain, run) : json::array();
    doc["verification"] = verification_json(r, run);
    doc["timings"] = timings_json(run.timings);
    doc["error"] = opt(run.error);
    doc["exit_code"] = run.exit_code;
    doc["exit_code_final"] = run.exit_code_final;
    return doc;
}

}  // namespace sc

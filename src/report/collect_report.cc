#include <openssl/comp.h>
#include <openssl/ct.h>
#include <openssl/ocsp.h>

#include "report/connection_report.h"
#include "report/ossl_text.h"

namespace sc {
namespace {

std::vector<SigalgEntry> sigalgs(SSL* ssl, bool shared) {
    int n = shared ? SSL_get_shared_sigalgs(ssl, 0, nullptr, nullptr, nullptr, nullptr, nullptr)
                   : SSL_get_sigalgs(ssl, -1, nullptr, nullptr, nullptr, nullptr, nullptr);
    std::vector<SigalgEntry> out;
    for (int i = 0; i < n; ++i) {
        SigalgEntry e;
        if (shared)
            SSL_get_shared_sigalgs(ssl, i, &e.sign_nid, &e.hash_nid, nullptr, &e.rsign, &e.rhash);
        else
            SSL_get_sigalgs(ssl, i, &e.sign_nid, &e.hash_nid, nullptr, &e.rsign, &e.rhash);
        out.push_back(e);
    }
    return out;
}

// What only the JSON report shows.
void collect_json_extras(SSL* ssl, ConnectionReport& r) {
    if (STACK_OF(X509)* verified = SSL_get0_verified_chain(ssl)) {
        for (int i = 0; i < sk_X509_num(verified); ++i) {
            X509* c = sk_X509_value(verified, i);
            X509_up_ref(c);
            r.verified_chain.emplace_back(c);
        }
    }
    r.negotiated_group_nid = SSL_get_negotiated_group(ssl);
    if (const char* sni = SSL_get_servername(ssl, TLSEXT_NAMETYPE_host_name)) r.sni = sni;
    X509_VERIFY_PARAM* param = SSL_get0_param(ssl);
    if (const char* host = X509_VERIFY_PARAM_get0_host(param, 0)) {
        r.expected_host = host;
    } else if (char* ip = X509_VERIFY_PARAM_get1_ip_asc(param)) {
        r.expected_host = ip;
        OPENSSL_free(ip);
    }
    if (const SSL_SESSION* s = r.session.get()) {
        unsigned int len = 0;
        const unsigned char* id = SSL_SESSION_get_id(s, &len);
        if (len > 0) {
            std::string hex;
            static const char kDigits[] = "0123456789ABCDEF";
            for (unsigned int i = 0; i < len; ++i) {
                hex += kDigits[id[i] >> 4];
                hex += kDigits[id[i] & 15];
            }
            r.session_id_hex = hex;
        }
        r.has_ticket = SSL_SESSION_has_ticket(s);
        if (r.has_ticket) r.ticket_lifetime_hint = SSL_SESSION_get_ticket_lifetime_hint(s);
    }
}

}  // namespace

ConnectionReport collect_report(SSL* ssl) {
    ConnectionReport r;
    r.handshake_complete = SSL_is_init_finished(ssl);
    r.protocol_version = SSL_version(ssl);

    if (STACK_OF(X509)* chain = SSL_get_peer_cert_chain(ssl)) {
        r.has_chain = true;
        for (int i = 0; i < sk_X509_num(chain); ++i) {
            X509* c = sk_X509_value(chain, i);
            X509_up_ref(c);
            r.chain.emplace_back(c);
        }
    }
    if (X509* peer = SSL_get0_peer_certificate(ssl)) {
        X509_up_ref(peer);
        r.peer.reset(peer);
    }

    if (const STACK_OF(X509_NAME)* names = SSL_get0_peer_CA_list(ssl)) {
        for (int i = 0; i < sk_X509_NAME_num(names); ++i)
            r.ca_names.emplace_back(X509_NAME_dup(sk_X509_NAME_value(names, i)));
    }
    const unsigned char* types = nullptr;
    int ntypes = static_cast<int>(SSL_get0_certificate_types(ssl, &types));
    if (ntypes > 0) r.client_cert_types.assign(types, types + ntypes);
    r.sigalgs = sigalgs(ssl, false);
    r.shared_sigalgs = sigalgs(ssl, true);
    int nid = 0;
    if (SSL_get_peer_signature_nid(ssl, &nid) && nid != NID_undef) r.peer_signature_digest_nid = nid;
    if (SSL_get_peer_signature_type_nid(ssl, &nid)) r.peer_signature_type_nid = nid;
    EVP_PKEY* tmp = nullptr;
    if (SSL_get_peer_tmp_key(ssl, &tmp)) r.temp_key.reset(tmp);
    const unsigned char* formats = nullptr;
    int nformats = static_cast<int>(SSL_get0_ec_point_formats(ssl, &formats));
    if (nformats > 0 && formats != nullptr) r.ec_point_formats.assign(formats, formats + nformats);

    r.bytes_read = BIO_number_read(SSL_get_rbio(ssl));
    r.bytes_written = BIO_number_written(SSL_get_wbio(ssl));

    r.verify_result = SSL_get_verify_result(ssl);
    if (const char* peername = SSL_get0_peername(ssl)) r.verified_peername = peername;
    EVP_PKEY* dane_key = nullptr;
    if (SSL_get0_dane_authority(ssl, nullptr, &dane_key) >= 0) {
        DaneMatch m;
        std::uint8_t usage = 0, selector = 0, mtype = 0;
        const unsigned char* data = nullptr;
        std::size_t len = 0;
        m.depth = SSL_get0_dane_tlsa(ssl, &usage, &selector, &mtype, &data, &len);
        m.usage = usage;
        m.selector = selector;
        m.mtype = mtype;
        if (data != nullptr) m.data.assign(data, data + len);
        m.signed_by_key = dane_key != nullptr;
        r.dane = std::move(m);
    }
    if (const SRTP_PROTECTION_PROFILE* srtp = SSL_get_selected_srtp_profile(ssl)) r.srtp_profile = srtp->name;

    r.reused = SSL_session_reused(ssl);
    const SSL_CIPHER* cipher = SSL_get_current_cipher(ssl);
    r.cipher_version = SSL_CIPHER_get_version(cipher);
    r.cipher_name = SSL_CIPHER_get_name(cipher);
    r.secure_renegotiation = SSL_get_secure_renegotiation_support(ssl);
    if (const COMP_METHOD* comp = SSL_get_current_compression(ssl)) r.compression = SSL_COMP_get_name(comp);
    if (const COMP_METHOD* exp = SSL_get_current_expansion(ssl)) r.expansion = SSL_COMP_get_name(exp);

    const unsigned char* proto = nullptr;
    unsigned int proto_len = 0;
    SSL_get0_alpn_selected(ssl, &proto, &proto_len);
    if (proto_len > 0) r.alpn.assign(reinterpret_cast<const char*>(proto), proto_len);
    r.early_data_status = SSL_get_early_data_status(ssl);
    if (SSL_SESSION* s = SSL_get1_session(ssl)) r.session.reset(s);

    r.ct_enabled = SSL_ct_is_enabled(ssl);
    if (r.ct_enabled) {
        const CTLOG_STORE* logs = SSL_CTX_get0_ctlog_store(SSL_get_SSL_CTX(ssl));
        if (const STACK_OF(SCT)* scts = SSL_get0_peer_scts(ssl)) {
            for (int i = 0; i < sk_SCT_num(scts); ++i) {
                const SCT* sct = sk_SCT_value(scts, i);
                r.scts.push_back({SCT_validation_status_string(sct),
                                  capture_bio([&](BIO* b) { SCT_print(sct, b, 0, logs); })});
            }
        }
    }
    const unsigned char* ocsp = nullptr;
    long ocsp_len = SSL_get_tlsext_status_ocsp_resp(ssl, &ocsp);
    if (ocsp != nullptr && ocsp_len > 0)
        r.ocsp_response = std::string(reinterpret_cast<const char*>(ocsp), static_cast<std::size_t>(ocsp_len));
    collect_json_extras(ssl, r);
    return r;
}

KeyingMaterial collect_keying_material(SSL* ssl, const std::string& label, int length) {
    KeyingMaterial k{label, length, std::nullopt};
    std::vector<unsigned char> out(static_cast<std::size_t>(length));
    if (SSL_export_keying_material(ssl, out.data(), out.size(), label.data(), label.size(), nullptr, 0, 0) == 1)
        k.bytes = std::move(out);
    return k;
}

}  // namespace sc

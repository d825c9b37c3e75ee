#include "tls/verify_reporter.h"

#include <openssl/x509v3.h>

#include <string>

#include "report/ossl_text.h"

namespace sc {
namespace {

std::string policy_nodes(const char* title, const STACK_OF(X509_POLICY_NODE)* nodes) {
    std::string out = std::string(title) + " Policies:";
    if (nodes == nullptr) return out + " <empty>\n";
    out += "\n";
    for (int i = 0; i < sk_X509_POLICY_NODE_num(nodes); ++i) {
        const X509_POLICY_NODE* node = sk_X509_POLICY_NODE_value(nodes, i);
        out += capture_bio([&](BIO* b) { X509_POLICY_NODE_print(b, const_cast<X509_POLICY_NODE*>(node), 2); });
    }
    return out;
}

// openssl's policies_print: the policy tree, for -policy_print and for
// "no explicit policy" errors.
std::string policies_text(X509_STORE_CTX* store) {
    X509_POLICY_TREE* tree = X509_STORE_CTX_get0_policy_tree(store);
    std::string out = std::string("Require explicit Policy: ") +
                      (X509_STORE_CTX_get_explicit_policy(store) ? "True" : "False") + "\n";
    out += policy_nodes("Authority", X509_policy_tree_get0_policies(tree));
    out += policy_nodes("User", X509_policy_tree_get0_user_policies(tree));
    return out;
}

}  // namespace

int VerifyReporter::on_verify(int ok, X509_STORE_CTX* store) {
    X509* cert = X509_STORE_CTX_get_current_cert(store);
    int err = X509_STORE_CTX_get_error(store);
    int depth = X509_STORE_CTX_get_error_depth(store);
    std::string out;

    if (!options_.quiet || !ok) {
        out += "depth=" + std::to_string(depth) + " ";
        out += cert != nullptr ? name_text(X509_get_subject_name(cert), options_.nameopt) : "<no cert>";
        out += "\n";
    }
    if (!ok) {
        out += "verify error:num=" + std::to_string(err) + ":" + X509_verify_cert_error_string(err) + "\n";
        findings_.push_back({depth, err});
        // Errors are tolerated up to the depth given with -verify N, unless
        // -verify_return_error asks to stop at the first one.
        if (!options_.depth_tolerance || *options_.depth_tolerance >= depth) {
            if (!options_.return_error) ok = 1;
        } else {
            ok = 0;
        }
    }
    switch (err) {
        case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
            if (cert != nullptr) out += "issuer= " + name_text(X509_get_issuer_name(cert), options_.nameopt) + "\n";
            break;
        case X509_V_ERR_CERT_NOT_YET_VALID:
        case X509_V_ERR_ERROR_IN_CERT_NOT_BEFORE_FIELD:
            if (cert != nullptr) out += "notBefore=" + time_text(X509_get0_notBefore(cert)) + "\n";
            break;
        case X509_V_ERR_CERT_HAS_EXPIRED:
        case X509_V_ERR_ERROR_IN_CERT_NOT_AFTER_FIELD:
            if (cert != nullptr) out += "notAfter=" + time_text(X509_get0_notAfter(cert)) + "\n";
            break;
        case X509_V_ERR_NO_EXPLICIT_POLICY:
            if (!options_.quiet) out += policies_text(store);
            break;
        default:
            break;
    }
    // ok is 2 when -policy_print asks for the tree of a verified chain.
    if (err == X509_V_OK && ok == 2 && !options_.quiet) out += policies_text(store);
    if (ok && !options_.quiet) out += "verify return:" + std::to_string(ok) + "\n";
    err_.write(out);
    return ok;
}

}  // namespace sc

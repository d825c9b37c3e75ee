// The verify callback's visible half: the "depth=", "verify error:num=" and
// "verify return:" lines on stderr, and the tolerance rules of -verify N and
// -verify_return_error. It also remembers every error for the reports.
#pragma once

#include <openssl/x509_vfy.h>

#include <optional>
#include <vector>

#include "io/sink.h"

namespace sc {

struct VerifyOptions {
    bool quiet = false;                      // -verify_quiet / -brief: errors only
    std::optional<int> depth_tolerance;      // -verify N
    bool return_error = false;               // -verify_return_error
    unsigned long nameopt = 0;
};

struct VerifyFinding {
    int depth;
    int error;
};

class VerifyReporter {
public:
    VerifyReporter(VerifyOptions options, Sink& err) : options_(options), err_(err) {}
    int on_verify(int preverify_ok, X509_STORE_CTX* store);
    const std::vector<VerifyFinding>& findings() const { return findings_; }

private:
    VerifyOptions options_;
    Sink& err_;
    std::vector<VerifyFinding> findings_;
};

}  // namespace sc

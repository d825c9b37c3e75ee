// The verification options (-purpose, -verify_hostname, -crl_check, ...)
// applied to an X509_VERIFY_PARAM, with openssl's messages for bad values.
#pragma once

#include <openssl/x509_vfy.h>

#include <optional>
#include <string>
#include <vector>

#include "cli/config.h"

namespace sc {

// Returns the message for the first option that cannot be applied.
std::optional<std::string> apply_verify_params(X509_VERIFY_PARAM* param, const std::vector<VerifyParamOption>& options);

}  // namespace sc

// One certificate as JSON (-json): names in the -nameopt form the text
// report uses, validity as UTC timestamps with the whole days left, SANs,
// key, signature algorithm, SHA-256 fingerprint and PEM.
#pragma once

#include <openssl/x509.h>

#include <ctime>
#include <nlohmann/json.hpp>

namespace sc {

// now: the moment "days_left" counts from (a parameter so tests can pin it).
nlohmann::json cert_json(X509* cert, unsigned long nameopt, std::time_t now);

// The whole days from now until t (negative once t has passed), or nullopt
// when t cannot be read.
std::optional<long> days_until(const ASN1_TIME* t, std::time_t now);

// "2026-12-03T15:20:50Z", or an empty string when t cannot be read.
std::string iso8601(const ASN1_TIME* t);

}  // namespace sc

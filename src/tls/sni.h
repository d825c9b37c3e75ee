// Which server name goes into the ClientHello, decided as openssl 3.0 does.
#pragma once

#include <optional>
#include <string>

namespace sc {

// True for names with two or more labels that are not all digits: openssl
// sends SNI only for such names (so not for IP literals or "localhost").
bool looks_like_dns_name(const std::string& host);

// host_given: whether a host was named at all (-connect, -host or target).
// dane: -dane_tlsa_domain was given; without -servername libssl then sends
// the DANE domain itself, so nothing is chosen here.
std::optional<std::string> choose_sni(const std::optional<std::string>& servername, bool noservername,
                                      const std::string& host, bool host_given, bool dane = false);

}  // namespace sc

// -nameopt: the name-printing flags for X509_NAME_print_ex, parsed the way
// openssl's apps do ("oneline", "RFC2253", "sep_multiline,-esc_msb", ...).
#pragma once

#include <optional>
#include <string_view>

namespace sc {

std::optional<unsigned long> parse_name_options(std::string_view spec);

// The flags openssl s_client 3.0 uses when -nameopt is not given.
unsigned long default_name_options();

}  // namespace sc

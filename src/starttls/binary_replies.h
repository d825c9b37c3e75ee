// Pure parsers for the binary STARTTLS replies: the LDAP ExtendedResponse
// (RFC 4511 4.12) and the MySQL Initial Handshake packet (protocol 10). Each
// is a function from the bytes received so far to a result, without I/O.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace sc::starttls {

// How many bytes one whole message occupies at the start of bytes, once known.
struct Frame {
    enum class Status { Incomplete, Complete, Malformed } status = Status::Incomplete;
    std::size_t size = 0;  // when Complete
    std::string error;     // when Malformed
};

// An LDAPMessage is one BER SEQUENCE with a definite length.
Frame ldap_frame(std::string_view bytes);

struct LdapExtendedResponse {
    bool ok = false;
    std::string error;  // why the bytes are not an ExtendedResponse (when !ok)
    long message_id = 0;
    long result_code = -1;
    std::string diagnostic;     // diagnosticMessage, may be empty
    std::string response_name;  // responseName OID text, if present
};
LdapExtendedResponse parse_ldap_extended_response(std::string_view frame);

// A MySQL packet: 3-byte little-endian payload length, sequence id, payload.
Frame mysql_frame(std::string_view bytes);

struct MysqlHandshake {
    bool ok = false;
    std::string error;  // openssl's wording for each check, or the server's ERR packet
    std::string server_version;
    std::uint32_t capabilities_low = 0;
};
// openssl's checks, in its order; also understands an ERR packet (0xFF).
MysqlHandshake parse_mysql_handshake(std::string_view packet);
inline constexpr std::uint32_t kMysqlClientSsl = 0x0800;

}  // namespace sc::starttls

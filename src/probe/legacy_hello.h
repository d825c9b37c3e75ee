// SSLv3 (RFC 6101) and SSLv2 (draft-hickman-netscape-ssl-00) probes: the
// ClientHello we send and the parsers of the server's plaintext reply. libssl
// 3 implements neither protocol; these only ask "would you speak it?" and
// read what the server answers in the clear (its hello and certificate).
//
// The parsers are pure functions of the bytes received so far, so they can be
// unit-tested and fuzzed: call again with more bytes while they say NeedMore.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace sc::probe {

using Bytes = std::vector<std::uint8_t>;

enum class Verdict {
    NeedMore,   // the reply so far is a valid beginning: read more
    Accepted,   // the server answered with a ServerHello of the probed protocol
    Refused,    // an alert, an SSLv2 error, a different version, or a close
    Malformed,  // not an answer in the probed protocol at all
};

// One cipher, by its wire value (2 bytes for SSLv3, 3 bytes for SSLv2).
struct CipherId {
    std::uint32_t value = 0;
    std::string name;  // our table's name, or empty when unknown
};

struct ProbeReply {
    Verdict verdict = Verdict::NeedMore;
    std::uint16_t version = 0;  // the server's version (0x0300, 0x0002, ...)
    std::vector<CipherId> ciphers;  // SSLv3: the one chosen; SSLv2: every one the server offers
    std::uint8_t compression = 0;   // SSLv3 only
    Bytes session_id;               // SSLv3; SSLv2's connection id
    bool session_id_hit = false;    // SSLv2
    std::vector<Bytes> certificates;  // DER, leaf first
    bool hello_done = false;          // SSLv3: ServerHelloDone seen
    std::optional<std::uint8_t> alert_level;        // SSLv3/TLS alert
    std::optional<std::uint8_t> alert_description;
    std::optional<std::uint16_t> sslv2_error;       // SSLv2 MSG-ERROR code
    std::string detail;  // Refused/Malformed: what exactly was wrong
};

// random: 32 bytes (SSLv3 client random) / challenge: 16 bytes (SSLv2).
Bytes sslv3_client_hello(std::span<const std::uint8_t, 32> random);
Bytes sslv2_client_hello(std::span<const std::uint8_t, 16> challenge);

// eof: the server closed the connection after these bytes.
ProbeReply parse_sslv3_reply(std::span<const std::uint8_t> bytes, bool eof);
ProbeReply parse_sslv2_reply(std::span<const std::uint8_t> bytes, bool eof);

// Our names for the ciphers the probes offer.
std::string sslv3_cipher_name(std::uint16_t id);
std::string sslv2_cipher_name(std::uint32_t id);

}  // namespace sc::probe

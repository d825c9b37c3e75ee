// The -ssl3 / -ssl2 probes' wire formats: the ClientHellos we build and the
// parsers of the server's reply, fed whole, byte by byte, truncated and wrong.
#include <gtest/gtest.h>

#include <array>

#include "probe/legacy_hello.h"

namespace sc::probe {
namespace {

void u16(Bytes& b, unsigned v) {
    b.push_back(static_cast<std::uint8_t>(v >> 8));
    b.push_back(static_cast<std::uint8_t>(v));
}
void u24(Bytes& b, unsigned v) {
    b.push_back(static_cast<std::uint8_t>(v >> 16));
    u16(b, v & 0xFFFF);
}
Bytes hs(std::uint8_t type, const Bytes& body) {
    Bytes out{type};
    u24(out, static_cast<unsigned>(body.size()));
    out.insert(out.end(), body.begin(), body.end());
    return out;
}
Bytes record(std::uint8_t type, const Bytes& payload, unsigned version = 0x0300) {
    Bytes out{type};
    u16(out, version);
    u16(out, static_cast<unsigned>(payload.size()));
    out.insert(out.end(), payload.begin(), payload.end());
    return out;
}
const Bytes kCert1 = {0x30, 0x03, 0x02, 0x01, 0x01};
const Bytes kCert2 = {0x30, 0x03, 0x02, 0x01, 0x02};

Bytes server_hello(unsigned version = 0x0300, unsigned cipher = 0x0004) {
    Bytes b;
    u16(b, version);
    b.insert(b.end(), 32, 0xAA);
    b.push_back(4);
    b.insert(b.end(), {1, 2, 3, 4});
    u16(b, cipher);
    b.push_back(0);
    return hs(2, b);
}
Bytes certificate() {
    Bytes list;
    for (const auto& c : {kCert1, kCert2}) {
        u24(list, static_cast<unsigned>(c.size()));
        list.insert(list.end(), c.begin(), c.end());
    }
    Bytes body;
    u24(body, static_cast<unsigned>(list.size()));
    body.insert(body.end(), list.begin(), list.end());
    return hs(11, body);
}
Bytes sslv3_flight() {
    Bytes msgs = server_hello();
    Bytes c = certificate();
    msgs.insert(msgs.end(), c.begin(), c.end());
    Bytes done = hs(14, {});
    msgs.insert(msgs.end(), done.begin(), done.end());
    return record(22, msgs);
}

TEST(Sslv3Probe, ClientHelloIsAnSslv3HandshakeRecord) {
    std::array<std::uint8_t, 32> random{};
    random.fill(7);
    Bytes h = sslv3_client_hello(random);
    ASSERT_GT(h.size(), 50u);
    EXPECT_EQ(h[0], 22);
    EXPECT_EQ(h[1], 3);
    EXPECT_EQ(h[2], 0);
    EXPECT_EQ(static_cast<std::size_t>(h[3] << 8 | h[4]), h.size() - 5);
    EXPECT_EQ(h[5], 1);  // client_hello
    EXPECT_EQ(static_cast<std::size_t>(h[6] << 16 | h[7] << 8 | h[8]), h.size() - 9);
    EXPECT_EQ(h[9], 3);
    EXPECT_EQ(h[10], 0);
    EXPECT_EQ(h[11], 7);    // the random
    EXPECT_EQ(h[43], 0);    // no session id
    EXPECT_EQ(h[h.size() - 2], 1);  // one compression method
    EXPECT_EQ(h.back(), 0);         // null
}

TEST(Sslv3Probe, WholeFlightIsAccepted) {
    ProbeReply r = parse_sslv3_reply(sslv3_flight(), false);
    ASSERT_EQ(r.verdict, Verdict::Accepted) << r.detail;
    EXPECT_EQ(r.version, 0x0300);
    ASSERT_EQ(r.ciphers.size(), 1u);
    EXPECT_EQ(r.ciphers[0].value, 0x0004u);
    EXPECT_EQ(r.ciphers[0].name, "RC4-MD5");
    EXPECT_EQ(r.session_id, (Bytes{1, 2, 3, 4}));
    ASSERT_EQ(r.certificates.size(), 2u);
    EXPECT_EQ(r.certificates[0], kCert1);
    EXPECT_TRUE(r.hello_done);
}

TEST(Sslv3Probe, EveryPrefixNeedsMoreAndNeverLies) {
    Bytes all = sslv3_flight();
    for (std::size_t n = 0; n < all.size(); ++n) {
        ProbeReply r = parse_sslv3_reply(std::span(all.data(), n), false);
        EXPECT_EQ(r.verdict, Verdict::NeedMore) << n;
    }
}

TEST(Sslv3Probe, MessagesSpreadOverRecords) {
    Bytes msgs = server_hello();
    Bytes c = certificate();
    msgs.insert(msgs.end(), c.begin(), c.end());
    Bytes done = hs(14, {});
    msgs.insert(msgs.end(), done.begin(), done.end());
    Bytes wire;
    for (std::size_t i = 0; i < msgs.size(); i += 7) {  // handshake messages cut mid-way
        Bytes part(msgs.begin() + static_cast<long>(i), msgs.begin() + static_cast<long>(std::min(i + 7, msgs.size())));
        Bytes rec = record(22, part);
        wire.insert(wire.end(), rec.begin(), rec.end());
    }
    EXPECT_EQ(parse_sslv3_reply(wire, false).verdict, Verdict::Accepted);
}

TEST(Sslv3Probe, AlertIsARefusal) {
    ProbeReply r = parse_sslv3_reply(record(21, {2, 40}), false);
    EXPECT_EQ(r.verdict, Verdict::Refused);
    EXPECT_EQ(r.alert_level, 2);
    EXPECT_EQ(r.alert_description, 40);
}

TEST(Sslv3Probe, HigherVersionIsARefusal) {
    ProbeReply r = parse_sslv3_reply(record(22, server_hello(0x0301)), false);
    EXPECT_EQ(r.verdict, Verdict::Refused);
    EXPECT_NE(r.detail.find("0x0301"), std::string::npos);
}

TEST(Sslv3Probe, CloseWithoutReplyIsARefusal) {
    EXPECT_EQ(parse_sslv3_reply({}, true).verdict, Verdict::Refused);
    Bytes half = sslv3_flight();
    half.resize(10);
    EXPECT_EQ(parse_sslv3_reply(half, true).verdict, Verdict::Refused);
}

TEST(Sslv3Probe, HelloThenCloseStillAnswers) {
    EXPECT_EQ(parse_sslv3_reply(record(22, server_hello()), true).verdict, Verdict::Accepted);
}

TEST(Sslv3Probe, NotSslIsMalformed) {
    std::string http = "HTTP/1.1 400 Bad Request\r\n\r\n";
    Bytes b(http.begin(), http.end());
    EXPECT_EQ(parse_sslv3_reply(b, false).verdict, Verdict::Malformed);
}

TEST(Sslv3Probe, LyingLengthsAreMalformedNotRead) {
    Bytes msgs = server_hello();
    msgs[3] = 200;  // ServerHello claims more than it has, inside a complete message
    Bytes hello_body(msgs.begin() + 4, msgs.end());
    Bytes bad_sid = hello_body;
    bad_sid[34] = 200;  // session id length past the message
    EXPECT_EQ(parse_sslv3_reply(record(22, hs(2, bad_sid)), false).verdict, Verdict::Malformed);
    Bytes cert_body = {0, 0, 9, 0, 0, 20, 1, 2, 3, 4, 5, 6};  // a certificate longer than the list
    Bytes flight = server_hello();
    Bytes c = hs(11, cert_body);
    flight.insert(flight.end(), c.begin(), c.end());
    EXPECT_EQ(parse_sslv3_reply(record(22, flight), false).verdict, Verdict::Malformed);
}

TEST(Sslv2Probe, ClientHelloHasTheDraftLayout) {
    std::array<std::uint8_t, 16> challenge{};
    challenge.fill(9);
    Bytes h = sslv2_client_hello(challenge);
    ASSERT_GE(h.size(), 11u);
    EXPECT_EQ(h[0] & 0x80, 0x80);
    EXPECT_EQ(static_cast<std::size_t>((h[0] & 0x7F) << 8 | h[1]), h.size() - 2);
    EXPECT_EQ(h[2], 1);  // MSG-CLIENT-HELLO
    EXPECT_EQ(h[3], 0);
    EXPECT_EQ(h[4], 2);  // version 2
    unsigned specs = h[5] << 8 | h[6], sid = h[7] << 8 | h[8], chal = h[9] << 8 | h[10];
    EXPECT_EQ(specs % 3, 0u);
    EXPECT_EQ(sid, 0u);
    EXPECT_EQ(chal, 16u);
    EXPECT_EQ(h.size(), 11 + specs + sid + chal);
    EXPECT_EQ(h.back(), 9);
}

Bytes sslv2_server_hello(unsigned version = 2, Bytes specs = {0x07, 0x00, 0xC0, 0x01, 0x00, 0x80}) {
    Bytes body{4, 0, 1};
    u16(body, version);
    u16(body, static_cast<unsigned>(kCert1.size()));
    u16(body, static_cast<unsigned>(specs.size()));
    u16(body, 16);
    body.insert(body.end(), kCert1.begin(), kCert1.end());
    body.insert(body.end(), specs.begin(), specs.end());
    body.insert(body.end(), 16, 0x55);
    Bytes out;
    u16(out, 0x8000 | static_cast<unsigned>(body.size()));
    out.insert(out.end(), body.begin(), body.end());
    return out;
}

TEST(Sslv2Probe, ServerHelloIsAccepted) {
    ProbeReply r = parse_sslv2_reply(sslv2_server_hello(), false);
    ASSERT_EQ(r.verdict, Verdict::Accepted) << r.detail;
    EXPECT_EQ(r.version, 2);
    ASSERT_EQ(r.ciphers.size(), 2u);
    EXPECT_EQ(r.ciphers[0].name, "DES-CBC3-MD5");
    EXPECT_EQ(r.ciphers[1].name, "RC4-MD5");
    ASSERT_EQ(r.certificates.size(), 1u);
    EXPECT_EQ(r.certificates[0], kCert1);
    EXPECT_EQ(r.session_id.size(), 16u);
}

TEST(Sslv2Probe, EveryPrefixNeedsMore) {
    Bytes all = sslv2_server_hello();
    for (std::size_t n = 0; n < all.size(); ++n)
        EXPECT_EQ(parse_sslv2_reply(std::span(all.data(), n), false).verdict, Verdict::NeedMore) << n;
}

TEST(Sslv2Probe, ErrorsAlertsAndClosesAreRefusals) {
    Bytes err{0x80, 3, 0, 0, 1};
    ProbeReply r = parse_sslv2_reply(err, false);
    EXPECT_EQ(r.verdict, Verdict::Refused);
    EXPECT_EQ(r.sslv2_error, 1);
    r = parse_sslv2_reply(record(21, {2, 70}, 0x0301), false);
    EXPECT_EQ(r.verdict, Verdict::Refused);
    EXPECT_EQ(r.alert_description, 70);
    EXPECT_EQ(parse_sslv2_reply({}, true).verdict, Verdict::Refused);
    EXPECT_EQ(parse_sslv2_reply(sslv2_server_hello(3), false).verdict, Verdict::Refused);
    EXPECT_EQ(parse_sslv2_reply(sslv2_server_hello(2, {}), false).verdict, Verdict::Refused);
}

TEST(Sslv2Probe, LyingLengthsAreMalformed) {
    Bytes b = sslv2_server_hello();
    b[8] = 0x7F;  // certificate length far past the record
    EXPECT_EQ(parse_sslv2_reply(b, false).verdict, Verdict::Malformed);
    // Found by the fuzzer: a 3-byte header whose record is all padding.
    EXPECT_EQ(parse_sslv2_reply(Bytes{0x00, 0x01, 0x01, 0x04}, false).verdict, Verdict::Malformed);
    Bytes odd = sslv2_server_hello(2, {1, 2});
    EXPECT_EQ(parse_sslv2_reply(odd, false).verdict, Verdict::Malformed);
}

}  // namespace
}  // namespace sc::probe

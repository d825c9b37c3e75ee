// The pure STARTTLS and proxy reply parsers: bytes in, result out.
#include <gtest/gtest.h>

#include <string>

#include "starttls/binary_replies.h"
#include "starttls/text_replies.h"
#include "starttls/xmpp_stream.h"

namespace sc::starttls {
namespace {

using namespace std::string_literals;

TEST(ReplyLine, ParsesCodeContinuationAndText) {
    auto r = parse_reply_line("250-STARTTLS\r\n");
    EXPECT_TRUE(r.valid);
    EXPECT_EQ(r.code, 250);
    EXPECT_TRUE(r.continues);
    EXPECT_EQ(r.text, "STARTTLS");
    auto last = parse_reply_line("220 ready\n");
    EXPECT_FALSE(last.continues);
    EXPECT_TRUE(parse_reply_line("220").valid);
    EXPECT_FALSE(parse_reply_line("22x ready").valid);
    EXPECT_FALSE(parse_reply_line("2200ready").valid);
    EXPECT_FALSE(parse_reply_line("").valid);
}

TEST(ReplyAssembler, SmtpMultiLine) {
    ReplyAssembler a(ReplyStyle::Smtp);
    EXPECT_EQ(a.add("250-mx\r\n"), ReplyAssembler::Step::More);
    EXPECT_EQ(a.add("250-STARTTLS\r\n"), ReplyAssembler::Step::More);
    EXPECT_EQ(a.add("250 CHUNKING\r\n"), ReplyAssembler::Step::Done);
    EXPECT_EQ(a.code(), 250);
    EXPECT_EQ(a.last_line(), "250 CHUNKING\r\n");
    EXPECT_TRUE(smtp_offers(a.lines(), "starttls"));
    EXPECT_FALSE(smtp_offers(a.lines(), "8BITMIME"));
}

TEST(ReplyAssembler, SmtpRejectsMixedCodesAndGarbage) {
    ReplyAssembler a(ReplyStyle::Smtp);
    EXPECT_EQ(a.add("250-mx\r\n"), ReplyAssembler::Step::More);
    EXPECT_EQ(a.add("251 other\r\n"), ReplyAssembler::Step::Malformed);
    ReplyAssembler b(ReplyStyle::Smtp);
    EXPECT_EQ(b.add("hello\r\n"), ReplyAssembler::Step::Malformed);
}

TEST(ReplyAssembler, FtpContinuationLinesAreFreeText) {
    ReplyAssembler a(ReplyStyle::Ftp);
    EXPECT_EQ(a.add("220-Welcome\r\n"), ReplyAssembler::Step::More);
    EXPECT_EQ(a.add("  any text here\r\n"), ReplyAssembler::Step::More);
    EXPECT_EQ(a.add("123 not the end\r\n"), ReplyAssembler::Step::More);
    EXPECT_EQ(a.add("220 ready\r\n"), ReplyAssembler::Step::Done);
    EXPECT_EQ(a.code(), 220);
}

TEST(HasWord, FindsCapabilityWords) {
    EXPECT_TRUE(has_word("* OK [CAPABILITY IMAP4rev1 STARTTLS] ready\r\n", "STARTTLS"));
    EXPECT_TRUE(has_word("* CAPABILITY imap4rev1 starttls\r\n", "STARTTLS"));
    EXPECT_FALSE(has_word("* CAPABILITY IMAP4rev1 XSTARTTLSX\r\n", "STARTTLS"));
}

TEST(Imap, TaggedAndUntagged) {
    auto t = parse_imap_line(". OK done\r\n", ".");
    EXPECT_EQ(t.kind, ImapLine::Kind::Tagged);
    EXPECT_EQ(t.status, "OK");
    auto u = parse_imap_line("* CAPABILITY IMAP4rev1\r\n", ".");
    EXPECT_EQ(u.kind, ImapLine::Kind::Untagged);
    EXPECT_EQ(u.status, "CAPABILITY");
    EXPECT_EQ(parse_imap_line(".. odd\r\n", ".").kind, ImapLine::Kind::Other);
    EXPECT_EQ(parse_imap_line("+ go\r\n", ".").kind, ImapLine::Kind::Continuation);
}

TEST(Irc, NumericsAndNotices) {
    auto m = parse_irc_line(":irc.test 670 * :STARTTLS successful\r\n");
    EXPECT_EQ(m.numeric, 670);
    auto n = parse_irc_line(":irc.test NOTICE * :*** Looking up your hostname\r\n");
    EXPECT_TRUE(n.valid);
    EXPECT_EQ(n.command, "NOTICE");
    EXPECT_EQ(n.numeric, -1);
    EXPECT_EQ(parse_irc_line("PING :123\r\n").command, "PING");
    EXPECT_FALSE(parse_irc_line(":prefixonly").valid);
}

TEST(Sieve, CapabilitiesAndStatus) {
    auto c = parse_sieve_line("\"StartTLS\"\r\n");
    EXPECT_EQ(c.kind, SieveLine::Kind::Capability);
    EXPECT_EQ(c.capability, "STARTTLS");
    EXPECT_EQ(parse_sieve_line("OK \"ready\"\r\n").kind, SieveLine::Kind::Ok);
    EXPECT_EQ(parse_sieve_line("ok\r\n").kind, SieveLine::Kind::Ok);
    EXPECT_EQ(parse_sieve_line("NO \"TLS unavailable\"\r\n").kind, SieveLine::Kind::No);
    EXPECT_EQ(parse_sieve_line("BYE\r\n").kind, SieveLine::Kind::Bye);
    EXPECT_EQ(parse_sieve_line("\"unterminated\r\n").kind, SieveLine::Kind::Other);
}

TEST(HttpStatus, StatusLine) {
    auto h = parse_http_status_line("HTTP/1.1 200 Connection established\r\n");
    EXPECT_TRUE(h.valid);
    EXPECT_EQ(h.code, 200);
    EXPECT_EQ(h.reason, "Connection established");
    EXPECT_EQ(parse_http_status_line("HTTP/1.0 407 Proxy Authentication Required").code, 407);
    EXPECT_TRUE(parse_http_status_line("HTTP/1.0 200").valid);
    EXPECT_FALSE(parse_http_status_line("SSH-2.0-OpenSSH\r\n").valid);
    EXPECT_FALSE(parse_http_status_line("HTTP/1.1 20 x").valid);
    EXPECT_FALSE(parse_http_status_line("HTTP/1.1 2000").valid);
}

std::string ldap_response(int msgid, int code, const std::string& diag) {
    std::string res = "\x0a\x01"s + char(code) + "\x04\x00"s + "\x04"s + char(diag.size()) + diag;
    std::string op = "\x78"s + char(res.size()) + res;
    std::string body = "\x02\x01"s + char(msgid) + op;
    return "\x30"s + char(body.size()) + body;
}

TEST(Ldap, FrameNeedsWholeMessage) {
    std::string r = ldap_response(1, 0, "");
    for (std::size_t n = 0; n < r.size(); ++n)
        EXPECT_EQ(ldap_frame(r.substr(0, n)).status, Frame::Status::Incomplete) << n;
    auto f = ldap_frame(r + "extra");
    EXPECT_EQ(f.status, Frame::Status::Complete);
    EXPECT_EQ(f.size, r.size());
    EXPECT_EQ(ldap_frame("\x04\x00"s).status, Frame::Status::Malformed);
    EXPECT_EQ(ldap_frame("\x30\x85\x00\x00\x00\x00\x01"s).status, Frame::Status::Malformed);
}

TEST(Ldap, ExtendedResponse) {
    auto ok = parse_ldap_extended_response(ldap_response(1, 0, ""));
    ASSERT_TRUE(ok.ok) << ok.error;
    EXPECT_EQ(ok.message_id, 1);
    EXPECT_EQ(ok.result_code, 0);
    auto refused = parse_ldap_extended_response(ldap_response(1, 52, "no TLS"));
    ASSERT_TRUE(refused.ok);
    EXPECT_EQ(refused.result_code, 52);
    EXPECT_EQ(refused.diagnostic, "no TLS");
    // A BindResponse is not an ExtendedResponse.
    std::string bind = "\x30\x0c\x02\x01\x01\x61\x07\x0a\x01\x00\x04\x00\x04\x00"s;
    EXPECT_EQ(parse_ldap_extended_response(bind).error, "Not ExtendedResponse");
    EXPECT_FALSE(parse_ldap_extended_response("\x30\x03\x04\x01\x00"s).ok);
    EXPECT_FALSE(parse_ldap_extended_response("").ok);
}

std::string mysql_packet(unsigned char proto, const std::string& version, unsigned caps) {
    std::string payload = std::string(1, char(proto)) + version + '\0' + "\x01\x00\x00\x00"s + "abcdefgh" + '\0' +
                          char(caps & 0xff) + char(caps >> 8) + "\x21\x02\x00"s + std::string(13, '\0');
    return std::string{char(payload.size()), '\0', '\0', '\0'} + payload;
}

TEST(Mysql, HandshakeChecks) {
    auto ok = parse_mysql_handshake(mysql_packet(10, "10.11.19-MariaDB", 0xffff));
    ASSERT_TRUE(ok.ok) << ok.error;
    EXPECT_EQ(ok.server_version, "10.11.19-MariaDB");
    EXPECT_EQ(parse_mysql_handshake(mysql_packet(10, "x", 0xf7ff)).error, "MySQL server does not support SSL.");
    EXPECT_EQ(parse_mysql_handshake(mysql_packet(9, "x", 0xffff)).error, "Only MySQL protocol version 10 is supported.");
    EXPECT_EQ(parse_mysql_handshake("\x05\x00\x00\x00\x0a"s).error, "MySQL packet too short.");
    std::string p = mysql_packet(10, "x", 0xffff);
    EXPECT_EQ(parse_mysql_handshake(p + "z").error, "MySQL packet length does not match.");
    std::string err = "\x17\x00\x00\x00\xff\x6a\x04#HY000Host not allowed"s;
    EXPECT_EQ(parse_mysql_handshake(err).error, "MySQL server error 1130: Host not allowed");
}

TEST(Mysql, Frame) {
    std::string p = mysql_packet(10, "x", 0xffff);
    EXPECT_EQ(mysql_frame(p.substr(0, 3)).status, Frame::Status::Incomplete);
    EXPECT_EQ(mysql_frame(p.substr(0, p.size() - 1)).status, Frame::Status::Incomplete);
    EXPECT_EQ(mysql_frame(p + "more").size, p.size());
}

const std::string kHeader =
    "<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' "
    "id='1' from='localhost' version='1.0'>";

TEST(Xmpp, FeaturesWithStarttlsEitherQuote) {
    for (std::string q : {"'", "\""}) {
        std::string b = kHeader + "<stream:features><starttls xmlns=" + q + "urn:ietf:params:xml:ns:xmpp-tls" + q +
                        "><required/></starttls><mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/></stream:features>";
        auto s = scan_xmpp_stream(b);
        ASSERT_FALSE(s.malformed) << s.error;
        ASSERT_EQ(s.elements.size(), 1u);
        EXPECT_EQ(s.elements[0].local_name, "features");
        ASSERT_EQ(s.elements[0].children.size(), 2u);
        EXPECT_EQ(s.elements[0].children[0].local_name, "starttls");
        EXPECT_EQ(s.elements[0].children[0].xmlns, kXmppTlsNs);
        EXPECT_EQ(s.elements[0].end, b.size());
    }
}

TEST(Xmpp, IncompleteAtEveryByte) {
    std::string b = kHeader + "<stream:features><starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/></stream:features>";
    for (std::size_t n = 0; n < b.size(); ++n) {
        auto s = scan_xmpp_stream(b.substr(0, n));
        EXPECT_FALSE(s.malformed) << n;
        EXPECT_TRUE(s.elements.empty()) << n;
    }
}

TEST(Xmpp, ProceedAndSurplus) {
    std::string b = kHeader + "<stream:features/><proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>";
    auto s = scan_xmpp_stream(b + "junk");
    ASSERT_EQ(s.elements.size(), 2u);
    EXPECT_EQ(s.elements[1].local_name, "proceed");
    EXPECT_EQ(s.elements[1].end, b.size());
}

TEST(Xmpp, StreamErrorAndClose) {
    auto s = scan_xmpp_stream(kHeader +
                              "<stream:error><host-unknown xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error>"
                              "</stream:stream>");
    ASSERT_EQ(s.elements.size(), 1u);
    EXPECT_EQ(s.elements[0].local_name, "error");
    EXPECT_EQ(s.elements[0].children[0].local_name, "host-unknown");
    EXPECT_TRUE(s.stream_closed);
}

TEST(Xmpp, Malformed) {
    EXPECT_TRUE(scan_xmpp_stream("<features/>").malformed);
    EXPECT_TRUE(scan_xmpp_stream(kHeader + "<a <b>").malformed);
    EXPECT_TRUE(scan_xmpp_stream(kHeader + "<!DOCTYPE x>").malformed);
    std::string deep = kHeader;
    for (int i = 0; i < 40; ++i) deep += "<a>";
    EXPECT_TRUE(scan_xmpp_stream(deep).malformed);
}

}  // namespace
}  // namespace sc::starttls

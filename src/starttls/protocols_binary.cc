// The exchanges that are not plain text lines: XMPP's XML stream, telnet's
// option negotiation, and the binary requests of MySQL, PostgreSQL and LDAP.
// The bytes we send are openssl 3.0's.
#include <cstdio>

#include "starttls/binary_replies.h"
#include "starttls/conversation.h"
#include "starttls/xmpp_stream.h"

namespace sc::starttls {
namespace {

std::string hex(std::string_view bytes) {
    std::string out;
    for (char ch : bytes.substr(0, 32)) {
        char h[4];
        std::snprintf(h, sizeof h, "%s%02x", out.empty() ? "" : " ", static_cast<unsigned char>(ch));
        out += h;
    }
    return out;
}

// Reads until the buffered bytes hold one whole frame, then takes it.
template <typename FrameFn>
std::string whole_frame(Conversation& c, FrameFn frame_of, std::string_view waiting_for) {
    while (true) {
        Frame f = frame_of(c.reader().buffered());
        if (f.status == Frame::Status::Malformed) c.fail(f.error + ": " + hex(c.reader().buffered()));
        if (f.status == Frame::Status::Complete) return c.exact(f.size, waiting_for);
        c.fill(waiting_for);
    }
}

// The text of a stream-level element, for messages: its first child that is
// not <text/> names the condition (RFC 6120 4.9.3).
std::string condition(const XmppElement& e) {
    for (const auto& ch : e.children)
        if (ch.local_name != "text") return ch.local_name;
    return e.local_name;
}

// Rescans everything received since our stream header until the scan holds
// at least n top-level elements.
XmppScan xmpp_elements(Conversation& c, std::size_t n, std::string_view waiting_for) {
    while (true) {
        XmppScan s = scan_xmpp_stream(c.reader().buffered());
        if (s.malformed) c.fail(s.error + " in \"" + printable(c.reader().buffered()) + "\"");
        for (const auto& e : s.elements)
            if (e.local_name == "error") c.fail("stream error: " + condition(e));
        if (s.elements.size() >= n) return s;
        if (s.stream_closed) c.fail("the server closed the XMPP stream");
        // Each scan starts from the stream header, so scan again only once
        // new bytes hold a '>' (nothing completes without one), after taking
        // in everything that has arrived: else a flood costs quadratic time.
        std::size_t scanned = c.reader().buffered().size();
        do {
            c.fill(waiting_for);
            c.reader().read_ready();
        } while (c.reader().buffered().find('>', scanned) == std::string_view::npos);
    }
}

}  // namespace

std::string xmpp(Conversation& c, const StarttlsOptions& o, bool server) {
    std::string to = o.name.value_or(o.host.empty() ? std::string("localhost") : o.host);
    c.send("<stream:stream xmlns:stream='http://etherx.jabber.org/streams' xmlns='" +
           std::string(server ? "jabber:server" : "jabber:client") + "' to='" + to + "' version='1.0'>");
    XmppScan s = xmpp_elements(c, 1, "stream features");
    const XmppElement& features = s.elements[0];
    if (features.local_name != "features") c.fail("expected <stream:features>, got <" + features.local_name + ">");
    bool offered = false;
    for (const auto& ch : features.children) offered = offered || (ch.local_name == "starttls" && ch.xmlns == kXmppTlsNs);
    if (!offered) c.fail("the server does not offer STARTTLS in its stream features");
    c.send("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
    s = xmpp_elements(c, 2, "reply to <starttls/>");
    const XmppElement& answer = s.elements[1];
    if (answer.local_name == "failure") c.fail("server refused STARTTLS: <failure/>");
    if (answer.local_name != "proceed" || answer.xmlns != kXmppTlsNs)
        c.fail("expected <proceed/>, got <" + answer.local_name + ">");
    c.reader().consume(answer.end);
    return {};
}

std::string telnet(Conversation& c) {
    // RFC 2946: the server asks IAC DO START_TLS; we answer IAC WILL START_TLS
    // and IAC SB START_TLS FOLLOWS IAC SE; it confirms with the same FOLLOWS.
    const std::string do_starttls("\xff\xfd\x2e", 3);
    const std::string follows("\xff\xfa\x2e\x01\xff\xf0", 6);
    std::string ask = c.exact(3, "IAC DO START_TLS");
    if (ask != do_starttls) c.fail("expected IAC DO START_TLS (ff fd 2e), got " + hex(ask));
    c.send(std::string("\xff\xfb\x2e", 3));
    c.send(follows);
    std::string go = c.exact(6, "IAC SB START_TLS FOLLOWS");
    if (go != follows) c.fail("expected IAC SB START_TLS FOLLOWS IAC SE (ff fa 2e 01 ff f0), got " + hex(go));
    return {};
}

std::string mysql(Conversation& c) {
    std::string packet = whole_frame(c, mysql_frame, "server handshake packet");
    MysqlHandshake h = parse_mysql_handshake(packet);
    if (!h.ok) c.fail(printable(h.error));
    // SSLRequest (protocol 4.1): capabilities, max packet 16 MiB, utf8 charset.
    static const unsigned char kSslRequest[36] = {0x20, 0x00, 0x00, 0x01, 0x85, 0xae, 0x7f, 0x00, 0x00, 0x00, 0x00, 0x01, 0x21};
    c.send(std::string(reinterpret_cast<const char*>(kSslRequest), sizeof kSslRequest));
    return {};
}

std::string postgres(Conversation& c) {
    // SSLRequest: length 8, code 80877103.
    c.send(std::string("\x00\x00\x00\x08\x04\xd2\x16\x2f", 8));
    std::string answer = c.exact(1, "reply to SSLRequest");
    if (answer == "S") return {};
    if (answer == "N") c.fail("the server does not accept SSL (it answered 'N')");
    if (answer == "E") {
        // An ErrorResponse from an old server: report its 'M' field if it came whole.
        c.reader().fill();
        std::string_view rest = c.reader().buffered();
        auto m = rest.find(std::string_view("\0M", 2));
        std::string text = m == std::string_view::npos ? printable(rest) : printable(rest.substr(m + 2, rest.find('\0', m + 2) - m - 2));
        c.fail("the server answered with an error: " + text);
    }
    c.fail("unexpected reply to SSLRequest: " + hex(answer));
}

std::string ldap(Conversation& c) {
    // ExtendedRequest, messageID 1, requestName 1.3.6.1.4.1.1466.20037 (RFC 4511 4.14.1).
    c.send(std::string("\x30\x1d\x02\x01\x01\x77\x18\x80\x16", 9) + "1.3.6.1.4.1.1466.20037");
    std::string frame = whole_frame(c, ldap_frame, "ExtendedResponse");
    LdapExtendedResponse r = parse_ldap_extended_response(frame);
    if (!r.ok) c.fail(r.error + ": " + hex(frame));
    std::string diag = r.diagnostic.empty() ? "" : " (" + printable(r.diagnostic) + ")";
    if (r.message_id == 0) c.fail("notice of disconnection, LDAP Result Code: " + std::to_string(r.result_code) + diag);
    if (r.message_id != 1) c.fail("reply to message ID " + std::to_string(r.message_id) + ", expected 1");
    if (r.result_code != 0) c.fail("STARTTLS failed, LDAP Result Code: " + std::to_string(r.result_code) + diag);
    return {};
}

}  // namespace sc::starttls

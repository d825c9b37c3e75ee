// A small, bounded scanner for the start of an XMPP stream (RFC 6120): the
// server's <stream:stream> header and the complete top-level elements that
// follow it (<stream:features>, <proceed/>, <failure/>, <stream:error>).
// Not a general XML parser: enough structure to tell these apart whatever
// the quoting, prefixes, whitespace or read boundaries, and no more.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace sc::starttls {

struct XmlChild {
    std::string local_name;  // without prefix
    std::string xmlns;       // the xmlns attribute, if any
};

struct XmppElement {
    std::string local_name;  // "features", "proceed", "failure", "error", ...
    std::string xmlns;
    std::vector<XmlChild> children;  // direct children
    std::size_t end = 0;             // offset just past the element
};

struct XmppScan {
    bool malformed = false;
    std::string error;           // when malformed
    bool stream_open = false;    // the server's stream header was seen
    bool stream_closed = false;  // </stream:stream>
    std::vector<XmppElement> elements;  // complete top-level elements, in order
};

XmppScan scan_xmpp_stream(std::string_view bytes);

inline constexpr std::string_view kXmppTlsNs = "urn:ietf:params:xml:ns:xmpp-tls";

}  // namespace sc::starttls

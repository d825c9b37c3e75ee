#include "starttls/starttls.h"

#include <array>

#include "starttls/conversation.h"

namespace sc {
namespace {

constexpr std::array<std::string_view, 14> kProtocols = {"smtp", "pop3",  "imap",  "ftp",      "xmpp",
                                                         "xmpp-server", "telnet", "irc", "mysql", "postgres",
                                                         "lmtp", "nntp",  "sieve", "ldap"};

std::string dispatch(starttls::Conversation& c, const StarttlsOptions& o) {
    using namespace starttls;
    const std::string& p = o.protocol;
    if (p == "smtp") return smtp(c, o, false);
    if (p == "lmtp") return smtp(c, o, true);
    if (p == "pop3") return pop3(c);
    if (p == "imap") return imap(c);
    if (p == "ftp") return ftp(c);
    if (p == "nntp") return nntp(c);
    if (p == "sieve") return sieve(c);
    if (p == "irc") return irc(c);
    if (p == "xmpp") return xmpp(c, o, false);
    if (p == "xmpp-server") return xmpp(c, o, true);
    if (p == "telnet") return telnet(c);
    if (p == "mysql") return mysql(c);
    if (p == "postgres") return postgres(c);
    if (p == "ldap") return ldap(c);
    c.fail("unknown protocol");
}

}  // namespace

std::span<const std::string_view> starttls_protocol_names() { return kProtocols; }

bool is_starttls_protocol(std::string_view name) {
    for (auto p : kProtocols)
        if (p == name) return true;
    return false;
}

StarttlsResult negotiate_starttls(LineReader& reader, const StarttlsOptions& opt, Sink& err) {
    StarttlsResult result;
    starttls::Conversation c(reader, err);
    try {
        result.echo = dispatch(c, opt);
        // A TLS server never speaks first: anything already here after the
        // go-ahead was not sent over TLS and must not be taken as if it were.
        reader.read_ready();
        if (!reader.buffered().empty())
            c.fail(std::to_string(reader.buffered().size()) +
                   " bytes of plaintext after the go-ahead, before the TLS handshake (injected?): \"" +
                   starttls::printable(reader.buffered()) + "\"");
        result.ok = true;
    } catch (const starttls::StarttlsFailure& f) {
        result.error = "s_client: STARTTLS " + opt.protocol + ": " + f.message;
    }
    return result;
}

}  // namespace sc

#include "probe/legacy_hello.h"

#include <cstdio>

namespace sc::probe {
namespace {

struct NamedCipher {
    std::uint32_t id;
    const char* name;
};

// SSLv3 suites, strongest first (RFC 6101 appendix A.6, and AES for SSLv3 from RFC 3268),
// named as openssl names them.
constexpr NamedCipher kSslv3Ciphers[] = {
    {0x0039, "DHE-RSA-AES256-SHA"}, {0x0035, "AES256-SHA"},       {0x0033, "DHE-RSA-AES128-SHA"},
    {0x002F, "AES128-SHA"},         {0x0016, "EDH-RSA-DES-CBC3-SHA"}, {0x000A, "DES-CBC3-SHA"},
    {0x0005, "RC4-SHA"},            {0x0004, "RC4-MD5"},          {0x0015, "EDH-RSA-DES-CBC-SHA"},
    {0x0009, "DES-CBC-SHA"},        {0x0008, "EXP-DES-CBC-SHA"},  {0x0006, "EXP-RC2-CBC-MD5"},
    {0x0003, "EXP-RC4-MD5"},
};

// SSLv2 cipher kinds (the draft's appendix).
constexpr NamedCipher kSslv2Ciphers[] = {
    {0x0700C0, "DES-CBC3-MD5"}, {0x010080, "RC4-MD5"},     {0x030080, "RC2-CBC-MD5"},
    {0x050080, "IDEA-CBC-MD5"}, {0x060040, "DES-CBC-MD5"}, {0x020080, "EXP-RC4-MD5"},
    {0x040080, "EXP-RC2-CBC-MD5"},
};

constexpr std::uint8_t kHandshake = 22, kAlert = 21;
constexpr std::uint8_t kServerHello = 2, kCertificate = 11, kServerHelloDone = 14;

std::uint32_t be(std::span<const std::uint8_t> b, std::size_t at, std::size_t n) {
    std::uint32_t v = 0;
    for (std::size_t i = 0; i < n; ++i) v = v << 8 | b[at + i];
    return v;
}

void put(Bytes& out, std::uint32_t v, std::size_t n) {
    for (std::size_t i = n; i-- > 0;) out.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
}

ProbeReply refused(ProbeReply r, std::string why) {
    r.verdict = Verdict::Refused;
    r.detail = std::move(why);
    return r;
}
ProbeReply malformed(ProbeReply r, std::string why) {
    r.verdict = Verdict::Malformed;
    r.detail = std::move(why);
    return r;
}

std::string hex4(std::uint32_t v) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "0x%04X", v);
    return buf;
}

// A byte reader over one message that never reads past its end.
class Reader {
public:
    explicit Reader(std::span<const std::uint8_t> b) : b_(b) {}
    bool has(std::size_t n) const { return b_.size() - at_ >= n; }
    std::uint32_t num(std::size_t n) {
        std::uint32_t v = be(b_, at_, n);
        at_ += n;
        return v;
    }
    std::span<const std::uint8_t> take(std::size_t n) {
        auto s = b_.subspan(at_, n);
        at_ += n;
        return s;
    }
    std::size_t left() const { return b_.size() - at_; }

private:
    std::span<const std::uint8_t> b_;
    std::size_t at_ = 0;
};

// SSLv3 Certificate body: a 3-byte list length, then 3-byte length + DER each.
bool parse_certificates(std::span<const std::uint8_t> body, std::vector<Bytes>& out) {
    Reader r(body);
    if (!r.has(3)) return false;
    std::uint32_t total = r.num(3);
    if (total != r.left()) return false;
    while (r.left() > 0) {
        if (!r.has(3)) return false;
        std::uint32_t n = r.num(3);
        if (n == 0 || !r.has(n)) return false;
        auto der = r.take(n);
        out.emplace_back(der.begin(), der.end());
    }
    return true;
}

bool parse_server_hello(std::span<const std::uint8_t> body, ProbeReply& reply) {
    Reader r(body);
    if (!r.has(2 + 32 + 1)) return false;
    reply.version = static_cast<std::uint16_t>(r.num(2));
    r.take(32);
    std::uint32_t sid_len = r.num(1);
    if (sid_len > 32 || !r.has(sid_len + 3)) return false;
    auto sid = r.take(sid_len);
    reply.session_id.assign(sid.begin(), sid.end());
    auto cipher = static_cast<std::uint16_t>(r.num(2));
    reply.ciphers = {{cipher, sslv3_cipher_name(cipher)}};
    reply.compression = static_cast<std::uint8_t>(r.num(1));
    return true;  // extensions (a TLS server's) may follow: ignored
}

}  // namespace

std::string sslv3_cipher_name(std::uint16_t id) {
    for (const auto& c : kSslv3Ciphers)
        if (c.id == id) return c.name;
    return {};
}

std::string sslv2_cipher_name(std::uint32_t id) {
    for (const auto& c : kSslv2Ciphers)
        if (c.id == id) return c.name;
    return {};
}

Bytes sslv3_client_hello(std::span<const std::uint8_t, 32> random) {
    Bytes body;
    put(body, 0x0300, 2);  // client_version: SSL 3.0
    body.insert(body.end(), random.begin(), random.end());
    body.push_back(0);  // no session id
    put(body, std::size(kSslv3Ciphers) * 2, 2);
    for (const auto& c : kSslv3Ciphers) put(body, c.id, 2);
    body.push_back(1);  // one compression method: null
    body.push_back(0);

    Bytes out;
    out.push_back(kHandshake);
    put(out, 0x0300, 2);
    put(out, body.size() + 4, 2);
    out.push_back(1);  // client_hello
    put(out, body.size(), 3);
    out.insert(out.end(), body.begin(), body.end());
    return out;
}

Bytes sslv2_client_hello(std::span<const std::uint8_t, 16> challenge) {
    Bytes body;
    body.push_back(1);     // MSG-CLIENT-HELLO
    put(body, 0x0002, 2);  // CLIENT-VERSION: SSL 2.0
    put(body, std::size(kSslv2Ciphers) * 3, 2);
    put(body, 0, 2);  // SESSION-ID-LENGTH
    put(body, challenge.size(), 2);
    for (const auto& c : kSslv2Ciphers) put(body, c.id, 3);
    body.insert(body.end(), challenge.begin(), challenge.end());

    Bytes out;
    put(out, 0x8000 | body.size(), 2);  // 2-byte header, no padding
    out.insert(out.end(), body.begin(), body.end());
    return out;
}

ProbeReply parse_sslv3_reply(std::span<const std::uint8_t> bytes, bool eof) {
    ProbeReply reply;
    Bytes handshake;  // handshake messages may span records: reassembled here
    std::size_t at = 0;
    bool hello_seen = false;
    while (true) {
        // Every complete handshake message so far.
        std::size_t hs_at = 0;
        reply.certificates.clear();
        reply.hello_done = false;
        hello_seen = false;
        while (handshake.size() - hs_at >= 4) {
            std::uint8_t type = handshake[hs_at];
            std::uint32_t len = be(handshake, hs_at + 1, 3);
            if (handshake.size() - hs_at - 4 < len) break;
            std::span<const std::uint8_t> body(handshake.data() + hs_at + 4, len);
            if (!hello_seen && type != kServerHello) return malformed(reply, "the first handshake message is not a ServerHello");
            if (type == kServerHello) {
                if (!parse_server_hello(body, reply)) return malformed(reply, "ServerHello is truncated or malformed");
                hello_seen = true;
                if (reply.version != 0x0300)
                    return refused(reply, "the server answered with version " + hex4(reply.version) + ", not SSLv3");
            } else if (type == kCertificate) {
                if (!parse_certificates(body, reply.certificates)) return malformed(reply, "Certificate message is malformed");
            } else if (type == kServerHelloDone) {
                reply.hello_done = true;
            }
            hs_at += 4 + len;
        }
        if (reply.hello_done) {
            reply.verdict = Verdict::Accepted;
            return reply;
        }
        if (bytes.size() - at < 5) break;
        std::uint8_t type = bytes[at];
        std::uint16_t version = static_cast<std::uint16_t>(be(bytes, at + 1, 2));
        std::size_t len = be(bytes, at + 3, 2);
        if ((type != kHandshake && type != kAlert) || (version >> 8) != 3)
            return malformed(reply, "the reply is not an SSL/TLS record");
        if (len == 0 || len > 16384 + 2048) return malformed(reply, "record length out of range");
        if (bytes.size() - at - 5 < len) break;
        auto frag = bytes.subspan(at + 5, len);
        at += 5 + len;
        if (type == kAlert) {
            if (len < 2) return malformed(reply, "alert record too short");
            reply.alert_level = frag[0];
            reply.alert_description = frag[1];
            return refused(reply, "alert");
        }
        handshake.insert(handshake.end(), frag.begin(), frag.end());
    }
    if (!eof) return reply;  // NeedMore
    // The server closed: a ServerHello without its end still answers the question.
    if (hello_seen) {
        reply.verdict = Verdict::Accepted;
        reply.detail = "the server closed before ServerHelloDone";
        return reply;
    }
    if (bytes.empty()) return refused(reply, "the server closed the connection without a reply");
    return refused(reply, "the server closed the connection in the middle of its reply");
}

ProbeReply parse_sslv2_reply(std::span<const std::uint8_t> bytes, bool eof) {
    ProbeReply reply;
    // A TLS/SSLv3 server refusing us may answer with an alert record.
    if (!bytes.empty() && bytes[0] == kAlert) {
        if (bytes.size() < 7) return eof ? refused(reply, "the server closed in the middle of an alert") : reply;
        reply.alert_level = bytes[5];
        reply.alert_description = bytes[6];
        return refused(reply, "alert");
    }
    if (bytes.empty()) return eof ? refused(reply, "the server closed the connection without a reply") : reply;
    // SSLv2 record header: 2 bytes when the top bit is set, else 3 (with padding).
    std::size_t header = bytes[0] & 0x80 ? 2 : 3;
    if (bytes.size() < header) return eof ? refused(reply, "the server closed in the middle of its reply") : reply;
    std::size_t len = header == 2 ? be(bytes, 0, 2) & 0x7FFF : be(bytes, 0, 2) & 0x3FFF;
    if (header == 3 && bytes[0] & 0x40) return malformed(reply, "escape records are not a reply to CLIENT-HELLO");
    if (len < 1) return malformed(reply, "empty SSLv2 record");
    if (bytes.size() - header < len) return eof ? refused(reply, "the server closed in the middle of its reply") : reply;
    std::size_t padding = header == 3 ? bytes[2] : 0;
    if (padding > len) return malformed(reply, "padding longer than the record");
    Reader r(bytes.subspan(header, len - padding));
    if (!r.has(1)) return malformed(reply, "SSLv2 record holds only padding");
    std::uint32_t msg = r.num(1);
    if (msg == 0) {  // MSG-ERROR
        if (!r.has(2)) return malformed(reply, "MSG-ERROR is truncated");
        reply.sslv2_error = static_cast<std::uint16_t>(r.num(2));
        return refused(reply, "SSLv2 error");
    }
    if (msg != 4) return malformed(reply, "the reply is not an SSLv2 SERVER-HELLO");
    if (!r.has(1 + 1 + 2 + 2 + 2 + 2)) return malformed(reply, "SERVER-HELLO is truncated");
    reply.session_id_hit = r.num(1) != 0;
    std::uint32_t cert_type = r.num(1);
    reply.version = static_cast<std::uint16_t>(r.num(2));
    std::uint32_t cert_len = r.num(2), specs_len = r.num(2), conn_id_len = r.num(2);
    if (!r.has(cert_len + specs_len + conn_id_len)) return malformed(reply, "SERVER-HELLO lengths exceed the record");
    if (specs_len % 3 != 0) return malformed(reply, "CIPHER-SPECS length is not a multiple of 3");
    auto cert = r.take(cert_len);
    if (cert_len > 0 && cert_type == 1) reply.certificates.emplace_back(cert.begin(), cert.end());  // SSL_CT_X509_CERTIFICATE
    auto specs = r.take(specs_len);
    for (std::size_t i = 0; i < specs.size(); i += 3) {
        std::uint32_t id = be(specs, i, 3);
        reply.ciphers.push_back({id, sslv2_cipher_name(id)});
    }
    auto conn = r.take(conn_id_len);
    reply.session_id.assign(conn.begin(), conn.end());
    if (reply.version != 0x0002)
        return refused(reply, "the server answered with version " + hex4(reply.version) + ", not SSLv2");
    if (reply.ciphers.empty() && !reply.session_id_hit)
        return refused(reply, "the server shares no SSLv2 cipher with us");
    reply.verdict = Verdict::Accepted;
    return reply;
}

}  // namespace sc::probe

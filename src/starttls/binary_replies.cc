#include "starttls/binary_replies.h"

namespace sc::starttls {
namespace {

// A cursor over BER TLVs with definite lengths (all LDAP uses).
struct Ber {
    std::string_view in;
    bool ok = true;

    // Reads one TLV; returns its tag and sets value. Fails on any overrun.
    bool next(unsigned char& tag, std::string_view& value) {
        if (in.size() < 2) return ok = false;
        tag = static_cast<unsigned char>(in[0]);
        std::size_t len = static_cast<unsigned char>(in[1]);
        std::size_t hdr = 2;
        if (len & 0x80) {
            std::size_t n = len & 0x7f;
            if (n == 0 || n > 4 || in.size() < 2 + n) return ok = false;
            len = 0;
            for (std::size_t i = 0; i < n; ++i) len = (len << 8) | static_cast<unsigned char>(in[2 + i]);
            hdr += n;
        }
        if (in.size() - hdr < len) return ok = false;
        value = in.substr(hdr, len);
        in.remove_prefix(hdr + len);
        return true;
    }
};

bool ber_integer(std::string_view v, long& out) {
    if (v.empty() || v.size() > 4) return false;
    long x = (static_cast<unsigned char>(v[0]) & 0x80) ? -1 : 0;
    for (char c : v) x = (x << 8) | static_cast<unsigned char>(c);
    out = x;
    return true;
}

std::uint32_t le(std::string_view b, std::size_t at, std::size_t n) {
    std::uint32_t v = 0;
    for (std::size_t i = 0; i < n; ++i) v |= static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + i])) << (8 * i);
    return v;
}

}  // namespace

Frame ldap_frame(std::string_view bytes) {
    Frame f;
    if (bytes.empty()) return f;
    if (static_cast<unsigned char>(bytes[0]) != 0x30) {
        f.status = Frame::Status::Malformed;
        f.error = "Unexpected LDAP response";
        return f;
    }
    if (bytes.size() < 2) return f;
    std::size_t len = static_cast<unsigned char>(bytes[1]);
    std::size_t hdr = 2;
    if (len & 0x80) {
        std::size_t n = len & 0x7f;
        if (n == 0 || n > 4) {
            f.status = Frame::Status::Malformed;
            f.error = "Unexpected LDAP response (bad length)";
            return f;
        }
        if (bytes.size() < 2 + n) return f;
        len = 0;
        for (std::size_t i = 0; i < n; ++i) len = (len << 8) | static_cast<unsigned char>(bytes[2 + i]);
        hdr += n;
    }
    if (bytes.size() - hdr < len) return f;
    f.status = Frame::Status::Complete;
    f.size = hdr + len;
    return f;
}

LdapExtendedResponse parse_ldap_extended_response(std::string_view frame) {
    LdapExtendedResponse r;
    Ber outer{frame};
    unsigned char tag = 0;
    std::string_view msg;
    if (!outer.next(tag, msg) || tag != 0x30) {
        r.error = "Unexpected LDAP response";
        return r;
    }
    Ber body{msg};
    std::string_view v;
    if (!body.next(tag, v) || tag != 0x02 || !ber_integer(v, r.message_id)) {
        r.error = "No MessageID";
        return r;
    }
    std::string_view op;
    if (!body.next(tag, op) || tag != 0x78) {  // [APPLICATION 24] constructed
        r.error = "Not ExtendedResponse";
        return r;
    }
    Ber res{op};
    std::string_view matched, diag;
    if (!res.next(tag, v) || tag != 0x0a || !ber_integer(v, r.result_code) || !res.next(tag, matched) || tag != 0x04 ||
        !res.next(tag, diag) || tag != 0x04) {
        r.error = "Not LDAPResult";
        return r;
    }
    r.diagnostic = std::string(diag);
    while (!res.in.empty()) {
        if (!res.next(tag, v)) {
            r.error = "Not LDAPResult";
            return r;
        }
        if (tag == 0x8a) r.response_name = std::string(v);  // [10] responseName
    }
    r.ok = true;
    return r;
}

Frame mysql_frame(std::string_view bytes) {
    Frame f;
    if (bytes.size() < 4) return f;
    std::size_t len = le(bytes, 0, 3);
    if (bytes.size() < 4 + len) return f;
    f.status = Frame::Status::Complete;
    f.size = 4 + len;
    return f;
}

MysqlHandshake parse_mysql_handshake(std::string_view p) {
    MysqlHandshake h;
    // An ERR packet instead of a handshake: 0xFF, code, ["#" sqlstate], message.
    if (p.size() >= 7 && static_cast<unsigned char>(p[4]) == 0xFF) {
        std::string_view msg = p.substr(7);
        if (msg.starts_with('#') && msg.size() >= 6) msg.remove_prefix(6);
        h.error = "MySQL server error " + std::to_string(le(p, 5, 2)) + ": " + std::string(msg);
        return h;
    }
    if (p.size() < 21) {
        h.error = "MySQL packet too short.";
        return h;
    }
    if (p.size() != 4 + le(p, 0, 3)) {
        h.error = "MySQL packet length does not match.";
        return h;
    }
    if (p[4] != 0x0A) {
        h.error = "Only MySQL protocol version 10 is supported.";
        return h;
    }
    std::size_t pos = 5;
    std::size_t nul = p.find('\0', pos);
    if (nul == std::string_view::npos) {
        h.error = "Cannot confirm server version. ";
        return h;
    }
    h.server_version = std::string(p.substr(pos, nul - pos));
    pos = nul + 1;
    // connection id (4), auth-plugin-data part 1 (8), filler (1), capabilities (2)
    if (p.size() - pos < 15) {
        h.error = "MySQL server handshake packet is broken.";
        return h;
    }
    pos += 4 + 8;
    if (p[pos] != '\0') {
        h.error = "MySQL packet is broken.";
        return h;
    }
    ++pos;
    h.capabilities_low = le(p, pos, 2);
    if (!(h.capabilities_low & kMysqlClientSsl)) {
        h.error = "MySQL server does not support SSL.";
        return h;
    }
    h.ok = true;
    return h;
}

}  // namespace sc::starttls

#include "tls/dane.h"

#include <cctype>
#include <cerrno>
#include <cstdint>
#include <cstdlib>

#include "tls/context.h"

namespace sc {
namespace {

struct TlsaRecord {
    std::uint8_t usage = 0, selector = 0, mtype = 0;
    std::vector<unsigned char> data;
};

bool is_space(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }

// A decimal 0..255 followed by white space (which is skipped), as openssl reads it.
bool take_uint8(const char*& in, std::uint8_t& out) {
    char* end = nullptr;
    errno = 0;
    long v = std::strtol(in, &end, 10);
    if (errno == ERANGE || end == in || !is_space(*end) || v < 0 || v > 255) return false;
    out = static_cast<std::uint8_t>(v);
    for (in = end; is_space(*in); ++in) {
    }
    return true;
}

// Hex digits with optional white space anywhere; an odd count or no data is an error.
bool take_hex(const char* in, std::vector<unsigned char>& out) {
    int high = -1;
    for (; *in != '\0'; ++in) {
        if (is_space(*in)) continue;
        int x = OPENSSL_hexchar2int(static_cast<unsigned char>(*in));
        if (x < 0) return false;
        if (high < 0) {
            high = x;
        } else {
            out.push_back(static_cast<unsigned char>(high << 4 | x));
            high = -1;
        }
    }
    return high < 0 && !out.empty();
}

// Parses one record; on failure names the field openssl names.
const char* parse_record(const std::string& text, TlsaRecord& r) {
    const char* in = text.c_str();
    if (!take_uint8(in, r.usage)) return "usage";
    if (!take_uint8(in, r.selector)) return "selector";
    if (!take_uint8(in, r.mtype)) return "mtype";
    if (!take_hex(in, r.data)) return "data";
    return nullptr;
}

}  // namespace

DaneSetup apply_dane(SSL* ssl, const Config& cfg) {
    DaneSetup out;
    auto fail = [&](std::string line) {
        out.ok = false;
        out.lines.push_back(std::move(line));
        return out;
    };
    if (!cfg.dane_tlsa_domain) return out;
    if (SSL_dane_enable(ssl, cfg.dane_tlsa_domain->c_str()) <= 0) {
        out.lines.emplace_back("s_client: Error enabling DANE TLSA authentication.");
        for (auto& l : drain_openssl_errors()) out.lines.push_back(std::move(l));
        out.ok = false;
        return out;
    }
    if (cfg.dane_tlsa_rrdata.empty())
        return fail("s_client: DANE TLSA authentication requires at least one -dane_tlsa_rrdata option.");
    int loaded = 0;
    for (const auto& text : cfg.dane_tlsa_rrdata) {
        TlsaRecord r;
        if (const char* field = parse_record(text, r)) {
            out.lines.push_back(std::string("s_client: warning: bad TLSA ") + field + " field in: " + text);
            continue;
        }
        int rc = SSL_dane_tlsa_add(ssl, r.usage, r.selector, r.mtype, r.data.data(), r.data.size());
        if (rc > 0) {
            ++loaded;
            continue;
        }
        for (auto& l : drain_openssl_errors()) out.lines.push_back(std::move(l));
        out.lines.push_back(std::string("s_client: warning: ") +
                            (rc == 0 ? "unusable TLSA rrdata: " : "error loading TLSA rrdata: ") + text);
    }
    if (loaded == 0) return fail("s_client: Failed to import any TLSA records.");
    if (cfg.dane_ee_no_namechecks) SSL_dane_set_flags(ssl, DANE_FLAG_NO_DANE_EE_NAMECHECKS);
    return out;
}

}  // namespace sc

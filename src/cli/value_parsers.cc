#include "cli/value_parsers.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>

namespace sc {

Parsed<long long> parse_integer(std::string_view text, long long min, long long max) {
    const std::string s(text);
    auto cant_parse = [&]() -> std::string {
        if (s.starts_with("0x") || s.starts_with("0X")) return "Can't parse \"" + s + "\" as a hexadecimal number";
        if (s.starts_with("0")) return "Can't parse \"" + s + "\" as an octal number";
        return "Can't parse \"" + s + "\" as a number";
    };
    if (s.empty()) return cant_parse();
    errno = 0;
    char* end = nullptr;
    long long v = std::strtoll(s.c_str(), &end, 0);
    if (end == s.c_str() || *end != '\0') return cant_parse();
    if (errno == ERANGE || v < min || v > max) return "Value \"" + s + "\" outside integer range";
    return v;
}

Parsed<double> parse_seconds(std::string_view text) {
    const std::string s(text);
    char* end = nullptr;
    errno = 0;
    double v = s.empty() ? -1 : std::strtod(s.c_str(), &end);
    bool plain = !s.empty() && s.find_first_not_of("0123456789.") == std::string::npos;
    if (!plain || end == s.c_str() || *end != '\0' || errno == ERANGE || !std::isfinite(v) || v < 0 || v > 1e6)
        return "Invalid number of seconds \"" + s + "\"";
    return v;
}

Parsed<FileFormat> parse_format(std::string_view text, bool allow_engine, bool allow_p12) {
    const std::string s(text);
    auto wrong_kind = [&]() -> std::string {
        if (!allow_engine) return "Bad format \"" + s + "\"; must be pem or der";
        return "Bad format \"" + s + "\"; must be one of:\n   PEM/DER\n   engine";
    };
    auto is = [&](std::initializer_list<std::string_view> names) {
        for (auto n : names)
            if (s == n) return true;
        return false;
    };
    if (s.empty()) return "Bad format \"\"";
    switch (s[0]) {
        case 'D':
        case 'd':
            return FileFormat::Der;
        case 'P':
        case 'p':
            if (is({"P", "p", "PEM", "pem"})) return FileFormat::Pem;
            if (allow_p12 && is({"P12", "p12", "PKCS12", "pkcs12"})) return FileFormat::Pkcs12;
            if (is({"P12", "p12", "PKCS12", "pkcs12", "PVK", "pvk"})) return wrong_kind();
            return "Bad format \"" + s + "\"";
        case 'E':
        case 'e':
        case 'R':
        case 'r':
            if (allow_engine) return FileFormat::Engine;
            return wrong_kind();
        default:
            // Other formats openssl knows but s_client does not accept here.
            if (is({"SMIME", "smime", "S", "s", "MSBLOB", "msblob", "M", "m", "NSS", "nss", "N", "n", "TEXT",
                    "text", "T", "t", "HTTP", "http", "H", "h", "B64", "b64", "BASE64", "base64", "B", "b"}) &&
                s != "b" && s != "B")
                return wrong_kind();
            return "Bad format \"" + s + "\"";
    }
}

Parsed<HostPort> parse_host_port(std::string_view text) {
    const std::string malformed = "-connect argument or target parameter malformed or ambiguous";
    HostPort hp;
    std::string_view host, port;
    bool has_port = false;
    if (!text.empty() && text[0] == '[') {
        auto close = text.find(']');
        if (close == std::string_view::npos) return malformed;
        host = text.substr(1, close - 1);
        auto rest = text.substr(close + 1);
        if (!rest.empty()) {
            if (rest[0] != ':') return malformed;
            port = rest.substr(1);
            has_port = true;
        }
    } else {
        auto colon = text.rfind(':');
        if (colon == std::string_view::npos) {
            host = text;
        } else {
            if (text.find(':') != colon) return malformed;  // "::1:443" is ambiguous
            host = text.substr(0, colon);
            port = text.substr(colon + 1);
            has_port = true;
        }
    }
    if (host.find_first_of("[]") != std::string_view::npos) return malformed;
    hp.host = std::string(host);
    hp.has_host = !host.empty() && host != "*";
    hp.port = std::string(port);
    hp.has_port = has_port && !port.empty() && port != "*";
    return hp;
}

}  // namespace sc

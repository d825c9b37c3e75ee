// Converters for option values, with openssl's wording for every refusal so
// that scripts grepping our messages see what they expect.
#pragma once

#include <string>
#include <string_view>
#include <variant>

namespace sc {

template <typename T>
using Parsed = std::variant<T, std::string>;  // the value, or the error message

// openssl's opt_long/opt_int/opt_intmax: base 0 (0x.. hex, 0.. octal).
Parsed<long long> parse_integer(std::string_view text, long long min, long long max);

// Our own time values: a non-negative decimal number of seconds.
Parsed<double> parse_seconds(std::string_view text);

enum class FileFormat { Pem, Der, Pkcs12, Engine };
// openssl's opt_format for "PEM|DER" (allow_engine false) or "PEM|DER|ENGINE".
// allow_p12: -certform/-keyform take P12 too (openssl 3.0's help promises it;
// its parser refuses it).
Parsed<FileFormat> parse_format(std::string_view text, bool allow_engine, bool allow_p12 = false);

// host:port splitting as openssl's BIO_parse_hostserv (host takes priority):
// "h:p", "[v6]:p", "h" (port unchanged), ":p" (host unchanged).
struct HostPort {
    std::string host;  // empty: not given
    std::string port;  // empty: not given
    bool has_host = false;
    bool has_port = false;
};
Parsed<HostPort> parse_host_port(std::string_view text);

}  // namespace sc

// The option value converters: the first byte picks one, the rest is the text.
#include <climits>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "cli/name_options.h"
#include "cli/value_parsers.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 1) return 0;
    std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
    switch (data[0] % 7) {
        case 0: {
            auto r = sc::parse_integer(text, INT_MIN, INT_MAX);
            if (auto* v = std::get_if<long long>(&r); v && (*v < INT_MIN || *v > INT_MAX)) __builtin_trap();
            break;
        }
        case 1: {
            auto r = sc::parse_integer(text, LLONG_MIN, LLONG_MAX);
            (void)r;
            break;
        }
        case 2: {
            auto r = sc::parse_seconds(text);
            if (auto* v = std::get_if<double>(&r); v && !(*v >= 0)) __builtin_trap();
            break;
        }
        case 3: (void)sc::parse_format(text, false); break;
        case 4: (void)sc::parse_format(text, true); break;
        case 5: {
            auto r = sc::parse_host_port(text);
            if (auto* hp = std::get_if<sc::HostPort>(&r)) {
                // Not given means empty, or "*" (any, as BIO_parse_hostserv).
                if (!hp->has_host && !hp->host.empty() && hp->host != "*") __builtin_trap();
                if (!hp->has_port && !hp->port.empty() && hp->port != "*") __builtin_trap();
            }
            break;
        }
        case 6: (void)sc::parse_name_options(text); break;
    }
    return 0;
}

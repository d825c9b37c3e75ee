// The option parser: the input split at NUL bytes is argv (without argv[0]).
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "cli/parser.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view in(reinterpret_cast<const char*>(data), size);
    std::vector<std::string_view> args;
    while (!in.empty() && args.size() < 64) {
        std::size_t z = in.find('\0');
        args.push_back(in.substr(0, z));
        if (z == std::string_view::npos) break;
        in.remove_prefix(z + 1);
    }
    sc::ParseResult r = sc::parse_command_line(args);
    if (r.error && r.error->lines.empty()) __builtin_trap();
    return 0;
}

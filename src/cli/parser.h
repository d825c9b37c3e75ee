// Turns argv into a Config using the option table, or into the lines openssl
// would print for a usage error.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "cli/config.h"

namespace sc {

struct UsageError {
    std::vector<std::string> lines;  // complete lines for stderr
};

struct ParseResult {
    Config config;
    std::optional<UsageError> error;
};

// args excludes the program name.
ParseResult parse_command_line(std::span<const std::string_view> args);

}  // namespace sc

// openssl's pass-phrase sources (openssl-passphrase-options(1)): "pass:TEXT",
// "env:VAR", "file:PATH", "fd:N", "stdin". The first line is the pass phrase.
// Error texts are openssl's; they never contain the pass phrase itself.
#pragma once

#include <string>
#include <string_view>
#include <variant>

namespace sc {

struct PassError {
    std::string message;  // one line, openssl's wording
};

// Reads the pass phrase now. "stdin" and "fd:" read one byte at a time so
// that nothing after the first line is taken from the stream.
std::variant<std::string, PassError> read_pass_source(std::string_view source);

}  // namespace sc

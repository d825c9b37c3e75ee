// Opening the transport: resolve the target, try every address in turn (TCP,
// both families) or a Unix socket, each bounded by the deadline.
#pragma once

#include <string>
#include <variant>

#include "cli/config.h"
#include "util/deadline.h"
#include "util/timings.h"
#include "util/unique_fd.h"

namespace sc {

struct Target {
    std::string host;  // as given; "localhost" when none was given
    std::string port;
    std::string unix_path;  // set for -unix
};

struct ConnectError {
    std::string message;  // one line, ready to print
};

// Where the Config says to connect: -connect/-host/-port/positional, default localhost:4433.
std::variant<Target, ConnectError> target_from_config(const Config& cfg);

// A connected, non-blocking socket. When timings is given, the name lookup
// and the connect are recorded in it.
std::variant<UniqueFd, ConnectError> open_connection(const Target& target, const Config& cfg, const Deadline& deadline,
                                                     Timings* timings = nullptr);

}  // namespace sc

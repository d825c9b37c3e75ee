// -proxy: reach the target through an HTTP proxy with CONNECT (RFC 9110
// 9.3.6), optionally with Basic credentials from -proxy_user/-proxy_pass.
#pragma once

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "cli/config.h"
#include "net/connect.h"
#include "starttls/line_reader.h"

namespace sc {

struct ProxyPlan {
    Target proxy;                            // what to open the TCP connection to
    std::string authority;                   // "host:port" for CONNECT; IPv6 in brackets
    std::optional<std::string> credentials;  // "user:pass" for Basic
};

struct ProxySetupError {
    std::vector<std::string> lines;  // usage error lines (exit 2)
};

// Checks the proxy options and reads the pass phrase. nullopt: no -proxy.
std::variant<std::optional<ProxyPlan>, ProxySetupError> plan_proxy(const Config& cfg, const Target& target);

// The exact CONNECT request we send.
std::string connect_request(const ProxyPlan& plan);

// Sends CONNECT and reads the reply through its blank line; any bytes after
// it stay in the reader. Returns the error line, or nullopt on a 2xx reply.
std::optional<std::string> proxy_connect(LineReader& reader, const ProxyPlan& plan);

}  // namespace sc

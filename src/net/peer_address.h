// Where a connected socket actually goes (the address among those tried that
// answered), for the JSON report.
#pragma once

#include <optional>
#include <string>

namespace sc {

struct SocketPeer {
    std::string family;   // "ipv4", "ipv6" or "unix"
    std::string address;  // numeric host, or the Unix socket path
    int port = 0;
};

std::optional<SocketPeer> socket_peer(int fd);

}  // namespace sc

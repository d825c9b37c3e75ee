// Test plumbing for the fuzz targets that drive code reading from a socket: the
// input becomes what a server sent, on one end of a socketpair whose other end
// has been shut down for writing (so the reader sees EOF after the input, and
// never waits for the deadline). Everything we send goes into the socket buffer
// and is dropped with the pair.
#pragma once

#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "util/unique_fd.h"

namespace sc::fuzz {

struct SocketFeed {
    UniqueFd ours;    // the client's end (non-blocking, as in production)
    UniqueFd server;  // the server's end, already written and shut down

    // Inputs larger than a socket buffer are cut: the readers bound what they
    // take far below this anyway.
    static constexpr std::size_t kMax = 64 * 1024;

    bool open(std::string_view server_bytes) {
        int sv[2];
        if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0) return false;
        ours = UniqueFd(sv[0]);
        server = UniqueFd(sv[1]);
        int big = 4 * kMax;
        ::setsockopt(sv[1], SOL_SOCKET, SO_SNDBUF, &big, sizeof big);
        ::setsockopt(sv[0], SOL_SOCKET, SO_RCVBUF, &big, sizeof big);
        if (server_bytes.size() > kMax) server_bytes = server_bytes.substr(0, kMax);
        std::size_t off = 0;
        while (off < server_bytes.size()) {
            ssize_t n = ::write(sv[1], server_bytes.data() + off, server_bytes.size() - off);
            if (n <= 0) return false;
            off += static_cast<std::size_t>(n);
        }
        ::shutdown(sv[1], SHUT_WR);
        int flags = ::fcntl(sv[0], F_GETFL);
        return flags >= 0 && ::fcntl(sv[0], F_SETFL, flags | O_NONBLOCK) == 0;
    }
};

}  // namespace sc::fuzz

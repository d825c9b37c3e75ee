#include "net/connect.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>

#include <cerrno>
#include <cstring>
#include <memory>

#include "cli/value_parsers.h"

namespace sc {
namespace {

struct AddrInfoFree {
    void operator()(addrinfo* ai) const { freeaddrinfo(ai); }
};
using AddrInfoPtr = std::unique_ptr<addrinfo, AddrInfoFree>;

std::string describe(const sockaddr* sa) {
    char host[NI_MAXHOST] = "?";
    getnameinfo(sa, sa->sa_family == AF_INET6 ? sizeof(sockaddr_in6) : sizeof(sockaddr_in), host, sizeof host,
                 nullptr, 0, NI_NUMERICHOST);
    return sa->sa_family == AF_INET6 ? "[" + std::string(host) + "]" : std::string(host);
}

// The legacy "connect:errno=N" token leads the line because scripts grep it.
ConnectError connect_error(int err, const std::string& what) {
    return {"connect:errno=" + std::to_string(err) + ": " + what};
}

bool set_nonblocking(int fd) {
    int flags = fcntl(fd, F_GETFL);
    return flags >= 0 && fcntl(fd, F_SETFL, flags | O_NONBLOCK) == 0;
}

// Connects a non-blocking socket, waiting at most until the deadline.
// Returns 0 or the errno that made it fail (ETIMEDOUT for the deadline).
int connect_with_deadline(int fd, const sockaddr* sa, socklen_t len, const Deadline& deadline) {
    if (::connect(fd, sa, len) == 0) return 0;
    if (errno != EINPROGRESS) return errno;
    while (true) {
        pollfd p{fd, POLLOUT, 0};
        int n = ::poll(&p, 1, deadline.poll_timeout_ms());
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return errno;
        if (n == 0) return ETIMEDOUT;
        int err = 0;
        socklen_t errlen = sizeof err;
        if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &errlen) != 0) return errno;
        return err;
    }
}

std::variant<UniqueFd, ConnectError> open_unix(const Target& target, const Deadline& deadline) {
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    if (target.unix_path.size() >= sizeof addr.sun_path)
        return ConnectError{"s_client: Unix socket path too long: " + target.unix_path};
    std::memcpy(addr.sun_path, target.unix_path.c_str(), target.unix_path.size() + 1);
    UniqueFd fd(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
    if (!fd || !set_nonblocking(fd.get())) return connect_error(errno, std::strerror(errno));
    int err = connect_with_deadline(fd.get(), reinterpret_cast<sockaddr*>(&addr), sizeof addr, deadline);
    if (err != 0)
        return connect_error(err, "cannot connect to Unix socket " + target.unix_path + ": " + std::strerror(err));
    return fd;
}

std::variant<AddrInfoPtr, ConnectError> resolve(const std::string& host, const std::string& port, int family,
                                               bool passive, int socktype) {
    addrinfo hints{};
    hints.ai_family = family;
    hints.ai_socktype = socktype;
    addrinfo* res = nullptr;
    // An address and port in digits need no lookup: asked first that way,
    // the resolver skips the interface query AI_ADDRCONFIG makes and the
    // name services (0.1-0.2 ms of a 9 ms run). Anything else fails here
    // and takes the usual path below, with its usual errors.
    hints.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV | (passive ? AI_PASSIVE : 0);
    if (!host.empty() && getaddrinfo(host.c_str(), port.empty() ? nullptr : port.c_str(), &hints, &res) == 0)
        return AddrInfoPtr(res);
    res = nullptr;
    hints.ai_flags = AI_ADDRCONFIG | (passive ? AI_PASSIVE : 0);
    int rc = getaddrinfo(host.empty() ? nullptr : host.c_str(), port.empty() ? nullptr : port.c_str(), &hints, &res);
    if (rc == EAI_ADDRFAMILY || rc == EAI_NONAME) {
        // AI_ADDRCONFIG hides ::1 on hosts without IPv6 routes; ask again without it.
        hints.ai_flags &= ~AI_ADDRCONFIG;
        rc = getaddrinfo(host.empty() ? nullptr : host.c_str(), port.empty() ? nullptr : port.c_str(), &hints, &res);
    }
    if (rc != 0) {
        std::string reason = rc == EAI_SYSTEM ? std::strerror(errno) : gai_strerror(rc);
        return connect_error(0, "cannot resolve " + (host.empty() ? std::string("(local host)") : host) +
                                    " port " + port + ": " + reason);
    }
    return AddrInfoPtr(res);
}

}  // namespace

std::variant<Target, ConnectError> target_from_config(const Config& cfg) {
    Target t;
    if (cfg.unix_path) {
        t.unix_path = *cfg.unix_path;
        return t;
    }
    t.host = cfg.host.value_or("");
    t.port = cfg.port.value_or("4433");
    if (cfg.connect) {
        auto parsed = parse_host_port(*cfg.connect);
        if (auto* err = std::get_if<std::string>(&parsed)) return ConnectError{"s_client: " + *err};
        const auto& hp = std::get<HostPort>(parsed);
        if (hp.has_host) t.host = hp.host;
        if (hp.has_port) t.port = hp.port;
    }
    return t;
}

std::variant<UniqueFd, ConnectError> open_connection(const Target& target, const Config& cfg,
                                                     const Deadline& deadline, Timings* timings) {
    auto t0 = Timings::Clock::now();
    if (!target.unix_path.empty()) {
        auto fd = open_unix(target, deadline);
        if (timings) timings->connect_ms = ms_since(t0);
        return fd;
    }

    int family = cfg.family == AddressFamily::V4Only ? AF_INET
                 : cfg.family == AddressFamily::V6Only ? AF_INET6
                                                        : AF_UNSPEC;
    // No host means the local host: both ::1 and 127.0.0.1 are tried.
    // DTLS runs over UDP: connect() only fixes the peer address.
    const int socktype = cfg.dtls ? SOCK_DGRAM : SOCK_STREAM;
    auto resolved = resolve(target.host, target.port, family, false, socktype);
    if (timings) timings->dns_ms = ms_since(t0);
    if (auto* err = std::get_if<ConnectError>(&resolved)) return *err;
    const auto& addrs = std::get<AddrInfoPtr>(resolved);

    AddrInfoPtr bind_addrs;
    if (cfg.bind) {
        auto parsed = parse_host_port(*cfg.bind);
        if (auto* err = std::get_if<std::string>(&parsed)) return ConnectError{"s_client: -bind: " + *err};
        const auto& hp = std::get<HostPort>(parsed);
        auto local = resolve(hp.has_host ? hp.host : "", hp.has_port ? hp.port : "0", family, true, socktype);
        if (auto* err = std::get_if<ConnectError>(&local)) return *err;
        bind_addrs = std::move(std::get<AddrInfoPtr>(local));
    }

    // The connect phase covers every address tried, as a user waits for all of them.
    auto t_connect = Timings::Clock::now();
    struct RecordConnect {
        Timings* t;
        Timings::Clock::time_point from;
        ~RecordConnect() {
            if (t) t->connect_ms = ms_since(from);
        }
    } record{timings, t_connect};
    int last_err = 0;
    std::string tried;
    for (addrinfo* ai = addrs.get(); ai != nullptr; ai = ai->ai_next) {
        if (deadline.expired()) {
            last_err = ETIMEDOUT;
            break;
        }
        tried += (tried.empty() ? "" : ", ") + describe(ai->ai_addr);
        UniqueFd fd(::socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, ai->ai_protocol));
        if (!fd || !set_nonblocking(fd.get())) {
            last_err = errno;
            continue;
        }
        if (bind_addrs) {
            const addrinfo* b = bind_addrs.get();
            while (b != nullptr && b->ai_family != ai->ai_family) b = b->ai_next;
            if (b == nullptr || ::bind(fd.get(), b->ai_addr, b->ai_addrlen) != 0) {
                last_err = b == nullptr ? EAFNOSUPPORT : errno;
                continue;
            }
        }
        last_err = connect_with_deadline(fd.get(), ai->ai_addr, ai->ai_addrlen, deadline);
        // Nagle stays on, as in openssl: bulk transfers coalesce into fewer segments.
        if (last_err == 0) return fd;
    }
    std::string host = target.host.empty() ? std::string("localhost") : target.host;
    std::string reason = last_err == ETIMEDOUT && deadline.expired() ? "timed out" : std::strerror(last_err);
    return connect_error(last_err, "cannot connect to " + host + " port " + target.port + " (tried " + tried +
                                       "): " + reason);
}

}  // namespace sc


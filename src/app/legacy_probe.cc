#include "app/legacy_probe.h"

#include <openssl/rand.h>
#include <openssl/ssl.h>
#include <poll.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>

#include "app/exit_codes.h"
#include "cli/name_options.h"
#include "probe/legacy_hello.h"
#include "probe/probe_report.h"

namespace sc {
namespace {

// A reply holds a few certificates; more than this is not an SSL server.
constexpr std::size_t kMaxReply = 256 * 1024;

bool send_all(int fd, const probe::Bytes& bytes, const Deadline& deadline) {
    std::size_t off = 0;
    while (off < bytes.size()) {
        ssize_t n = ::write(fd, bytes.data() + off, bytes.size() - off);
        if (n > 0) {
            off += static_cast<std::size_t>(n);
            continue;
        }
        if (n < 0 && errno == EINTR) continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            pollfd p{fd, POLLOUT, 0};
            if (::poll(&p, 1, deadline.poll_timeout_ms()) == 0) return false;
            continue;
        }
        return false;
    }
    return true;
}

}  // namespace

int run_legacy_probe(int fd, const Config& cfg, const Deadline& deadline, Sink& report, Sink& err) {
    bool sslv2 = cfg.legacy_probe == SSL2_VERSION;
    std::string protocol = sslv2 ? "SSLv2" : "SSLv3";
    probe::Bytes hello;
    if (sslv2) {
        std::array<std::uint8_t, 16> challenge{};
        RAND_bytes(challenge.data(), static_cast<int>(challenge.size()));
        hello = probe::sslv2_client_hello(challenge);
    } else {
        std::array<std::uint8_t, 32> random{};
        RAND_bytes(random.data(), static_cast<int>(random.size()));
        hello = probe::sslv3_client_hello(random);
    }
    if (!send_all(fd, hello, deadline)) {
        err.write("s_client: " + protocol + " probe: cannot send the ClientHello: " + std::strerror(errno) + "\n");
        return exit_code::kFailure;
    }

    auto parse = [&](const probe::Bytes& b, bool eof) {
        return sslv2 ? probe::parse_sslv2_reply(b, eof) : probe::parse_sslv3_reply(b, eof);
    };
    probe::Bytes reply;
    probe::ProbeReply result;
    while (true) {
        pollfd p{fd, POLLIN, 0};
        int ready = ::poll(&p, 1, deadline.poll_timeout_ms());
        if (ready < 0 && errno == EINTR) continue;
        if (ready == 0) {
            err.write("s_client: " + protocol + " probe: no complete reply before the deadline (-connect_timeout); " +
                      std::to_string(reply.size()) + " bytes received\n");
            return exit_code::kFailure;
        }
        std::uint8_t buf[16384];
        ssize_t n = ::read(fd, buf, sizeof buf);
        if (n < 0 && (errno == EINTR || errno == EAGAIN)) continue;
        bool eof = n <= 0;  // a reset counts as the server hanging up
        if (n > 0) reply.insert(reply.end(), buf, buf + n);
        result = parse(reply, eof);
        if (result.verdict != probe::Verdict::NeedMore) break;
        if (eof) break;  // parsers never say NeedMore at eof; kept for safety
        if (reply.size() > kMaxReply) {
            result.verdict = probe::Verdict::Malformed;
            result.detail = "more than " + std::to_string(kMaxReply) + " bytes without a complete reply";
            break;
        }
    }
    unsigned long nameopt = cfg.nameopt_set ? cfg.nameopt : default_name_options();
    report.write(probe::render_probe(result, protocol, nameopt));
    report.flush();
    err.write(probe::not_completed_line(protocol));
    return result.verdict == probe::Verdict::Accepted ? exit_code::kOk : exit_code::kFailure;
}

}  // namespace sc

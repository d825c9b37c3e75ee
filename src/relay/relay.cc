#include "relay/relay.h"

#include <openssl/err.h>
#include <poll.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <string>

#include "tls/context.h"

namespace sc {
namespace {

constexpr std::size_t kChunk = 16 * 1024;  // one full TLS record

using Clock = std::chrono::steady_clock;

// After stdin ends we keep listening a little: a reply to what we just sent,
// or TLS 1.3 tickets, should not be lost (openssl loses them).
constexpr auto kReplyWait = std::chrono::milliseconds(1000);
constexpr auto kQuietAfterData = std::chrono::milliseconds(50);
constexpr auto kTicketWait = std::chrono::milliseconds(200);

class Relay {
public:
    Relay(SSL* ssl, int sock, const RelayIo& io, const RelayOptions& opt, const std::function<bool()>& ticket_seen)
        : ssl_(ssl), sock_(sock), io_(io), opt_(opt), ticket_seen_(ticket_seen) {}

    int run();

private:
    enum class Step { Progress, Blocked, Finished };

    Step pump_to_server();
    Step pump_from_server();
    bool write_stdout();
    void read_stdin();
    int finish_after_eof();
    void close_notify();
    int tls_failure(int ssl_error, const char* direction);

    SSL* ssl_;
    int sock_;
    const RelayIo& io_;
    const RelayOptions& opt_;
    const std::function<bool()>& ticket_seen_;

    std::string to_server_;
    std::string to_stdout_;
    bool stdin_open_ = true;
    bool want_read_ = false;   // libssl needs the socket readable
    bool want_write_ = false;  // libssl needs the socket writable
    int exit_code_ = -1;       // set when the session is over
    bool sent_data_ = false;
    Clock::time_point last_sent_{};
    Clock::time_point last_received_{};  // any bytes from the socket, tickets included
    std::uint64_t socket_bytes_seen_ = 0;

    // Notes socket activity: tickets and other non-data records count too.
    void note_socket_activity() {
        std::uint64_t now_read = BIO_number_read(SSL_get_rbio(ssl_));
        if (now_read != socket_bytes_seen_) {
            socket_bytes_seen_ = now_read;
            last_received_ = Clock::now();
        }
    }
};

int Relay::tls_failure(int ssl_error, const char* direction) {
    auto lines = drain_openssl_errors();
    if (ssl_error == SSL_ERROR_SYSCALL && lines.empty()) {
        int e = errno;
        if (e == 0) {
            io_.err.write("s_client: the server closed the connection without close_notify\n");
        } else {
            io_.err.write(std::string(direction) + ":errno=" + std::to_string(e) + " (" + std::strerror(e) + ")\n");
        }
    }
    for (const auto& l : lines) io_.err.write(l + "\n");
    return 1;
}

Relay::Step Relay::pump_to_server() {
    if (to_server_.empty()) return Step::Blocked;
    ERR_clear_error();
    errno = 0;
    int n = SSL_write(ssl_, to_server_.data(), static_cast<int>(to_server_.size()));
    if (n > 0) {
        to_server_.erase(0, static_cast<std::size_t>(n));
        sent_data_ = true;
        last_sent_ = Clock::now();
        return Step::Progress;
    }
    int err = SSL_get_error(ssl_, n);
    if (opt_.on_retry) opt_.on_retry("write", err);
    if (err == SSL_ERROR_WANT_READ) want_read_ = true;
    else if (err == SSL_ERROR_WANT_WRITE) want_write_ = true;
    else if (err == SSL_ERROR_ZERO_RETURN) {
        io_.report.write("shutdown\n");
        exit_code_ = 0;
        return Step::Finished;
    } else {
        exit_code_ = tls_failure(err, "write");
        return Step::Finished;
    }
    return Step::Blocked;
}

Relay::Step Relay::pump_from_server() {
    if (!to_stdout_.empty()) return Step::Blocked;
    char buf[kChunk];
    ERR_clear_error();
    errno = 0;
    int n = SSL_read(ssl_, buf, sizeof buf);
    note_socket_activity();
    if (n > 0) {
        to_stdout_.assign(buf, static_cast<std::size_t>(n));
        return Step::Progress;
    }
    int err = SSL_get_error(ssl_, n);
    if (opt_.on_retry) opt_.on_retry("read", err);
    switch (err) {
        case SSL_ERROR_WANT_READ:
            // Also after a non-application record (a ticket): the socket may
            // hold more, so try again before sleeping.
            if (SSL_has_pending(ssl_)) return Step::Progress;
            want_read_ = true;
            return Step::Blocked;
        case SSL_ERROR_WANT_WRITE:
            want_write_ = true;
            return Step::Blocked;
        case SSL_ERROR_ZERO_RETURN:
            io_.report.write("closed\n");
            io_.report.flush();
            exit_code_ = 0;
            return Step::Finished;
        default:
            exit_code_ = tls_failure(err, "read");
            return Step::Finished;
    }
}

bool Relay::write_stdout() {
    io_.report.flush();  // what we printed comes before the peer's data
    std::size_t off = 0;
    while (off < to_stdout_.size()) {
        ssize_t n = ::write(io_.out_fd, to_stdout_.data() + off, to_stdout_.size() - off);
        if (n > 0) {
            off += static_cast<std::size_t>(n);
        } else if (n < 0 && errno == EINTR) {
            continue;
        } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            pollfd p{io_.out_fd, POLLOUT, 0};
            ::poll(&p, 1, -1);
        } else {
            return false;  // the reader went away
        }
    }
    to_stdout_.clear();
    return true;
}

void Relay::read_stdin() {
    char buf[kChunk];
    ssize_t n = ::read(io_.in_fd, buf, opt_.crlf ? kChunk / 2 : kChunk);
    if (n < 0 && (errno == EINTR || errno == EAGAIN)) return;
    if (n <= 0) {
        stdin_open_ = false;
        return;
    }
    if (!opt_.crlf) {
        to_server_.append(buf, static_cast<std::size_t>(n));
        return;
    }
    for (ssize_t i = 0; i < n; ++i) {
        if (buf[i] == '\n') to_server_.push_back('\r');
        to_server_.push_back(buf[i]);
    }
}

void Relay::close_notify() {
    // One close_notify; we do not wait for the server's.
    ERR_clear_error();
    SSL_shutdown(ssl_);
    ERR_clear_error();
}

int Relay::run() {
    while (exit_code_ < 0) {
        want_read_ = want_write_ = false;
        bool progress = true;
        while (progress && exit_code_ < 0) {
            progress = false;
            if (!to_stdout_.empty()) {
                if (!write_stdout()) return 0;  // stdout closed: stop quietly
                progress = true;
            }
            if (pump_to_server() == Step::Progress) progress = true;
            if (exit_code_ >= 0) break;
            if (pump_from_server() == Step::Progress) progress = true;
        }
        if (exit_code_ >= 0) break;
        if (!stdin_open_ && to_server_.empty()) {
            if (!opt_.ign_eof) return finish_after_eof();
        }

        pollfd fds[2];
        nfds_t count = 0;
        short sock_events = static_cast<short>((want_read_ ? POLLIN : 0) | (want_write_ ? POLLOUT : 0));
        fds[count++] = {sock_, sock_events, 0};
        bool poll_stdin = stdin_open_ && to_server_.empty();
        if (poll_stdin) fds[count++] = {io_.in_fd, POLLIN, 0};
        int n = ::poll(fds, count, -1);
        if (n < 0 && errno != EINTR) return 1;
        if (poll_stdin && (fds[1].revents & (POLLIN | POLLHUP | POLLERR))) read_stdin();
    }
    io_.report.flush();
    return exit_code_;
}

// stdin is done: everything we read has been sent. Give the server a moment
// to answer, read what is already on its way (TLS 1.3 tickets come in a
// burst), then close the TLS session.
int Relay::finish_after_eof() {
    io_.err.write("DONE\n");
    const auto started = Clock::now();
    auto remaining = [](Clock::time_point until) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - Clock::now()).count();
        return left > 0 ? static_cast<int>(left) : 0;
    };
    while (exit_code_ < 0) {
        want_read_ = want_write_ = false;
        bool progress = true;
        while (progress && exit_code_ < 0) {
            progress = false;
            if (!to_stdout_.empty()) {
                if (!write_stdout()) return 0;
                progress = true;
            }
            if (pump_from_server() == Step::Progress) progress = true;
        }
        if (exit_code_ >= 0) break;

        int budget = 0;
        if (sent_data_ && last_received_ < last_sent_) budget = std::max(budget, remaining(last_sent_ + kReplyWait));
        if (opt_.tls13 && !ticket_seen_()) budget = std::max(budget, remaining(started + kTicketWait));
        if (last_received_ >= started) budget = std::max(budget, remaining(last_received_ + kQuietAfterData));
        pollfd p{sock_, static_cast<short>((want_read_ ? POLLIN : 0) | (want_write_ ? POLLOUT : 0)), 0};
        int n = ::poll(&p, 1, budget);
        if (n == 0 && budget == 0) break;
        if (n < 0 && errno != EINTR) break;
    }
    io_.report.flush();
    if (exit_code_ >= 0) return exit_code_;
    close_notify();
    return 0;
}

}  // namespace

int run_relay(SSL* ssl, int sock_fd, const RelayIo& io, const RelayOptions& options,
              const std::function<bool()>& ticket_seen) {
    Relay relay(ssl, sock_fd, io, options, ticket_seen);
    return relay.run();
}

}  // namespace sc

#include "relay/relay.h"

#include <openssl/err.h>
#include <poll.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <deque>
#include <string>
#include <vector>

#include "relay/command_scanner.h"
#include "relay/stdout_mode.h"
#include "relay/write_batch.h"
#include "tls/context.h"
#include "tls/dtls.h"

namespace sc {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

constexpr std::size_t kRecord = 16 * 1024;           // largest TLS record payload
// Towards the server: memory stays bounded. Records then collect in the
// WriteBatch (256 KiB) and leave in one write.
constexpr std::size_t kBufferCap = 16 * kRecord;
constexpr std::size_t kStdinRead = 16 * kRecord;
// Towards stdout we collect up to 256 KiB before writing: together with a
// wider stdout pipe (widen_pipe) the consumer wakes up 16x less often, which
// halved the wall time of receiving 1 GiB into `| cat` on 2 cores.
constexpr std::size_t kStdoutCap = 16 * kRecord;

// At stdin EOF we keep listening briefly so that a prompt reply and TLS 1.3
// tickets are not lost (openssl loses them). The waits scale with the round
// trip measured during the handshake.
constexpr milliseconds kReplyWaitMin{250};
constexpr milliseconds kQuietAfterDataMin{100};
constexpr milliseconds kTicketWaitMin{200};
constexpr milliseconds kTicketBurstGrace{1};

constexpr int kPendingRetries = 4;

enum class Want { None, Read, Write };

class Relay {
public:
    Relay(SSL* ssl, int sock, const RelayIo& io, const RelayOptions& opt, const std::function<bool()>& ticket_seen,
          WriteBatch& batch)
        : ssl_(ssl), sock_(sock), io_(io), opt_(opt), ticket_seen_(ticket_seen), scanner_(opt.commands, opt.crlf),
          batch_(batch) {
        last_activity_ = Clock::now();
    }

    int run();

private:
    // One pass of everything that can be done without waiting.
    bool pump();
    bool flush_stdout();
    bool feed_server();
    bool drain_server();
    bool drive_handshake();
    void read_stdin();
    void run_command(char letter);
    int finish_after_eof();
    void flush_stdout_fully();
    int close_session(int code);
    void tls_failure(int ssl_error, const char* direction);
    void note_block(const char* op, Want want);
    bool note_socket_reads();
    void on_socket_events(short revents);
    int idle_ms_left() const;

    SSL* ssl_;
    int sock_;
    const RelayIo& io_;
    const RelayOptions& opt_;
    const std::function<bool()>& ticket_seen_;
    CommandScanner scanner_;
    WriteBatch& batch_;

    std::deque<StdinEvent> events_;  // stdin, in order: data and commands
    std::string to_server_;          // data being written to the server, from to_server_off_
    std::size_t to_server_off_ = 0;
    std::vector<char> stdin_buf_ = std::vector<char>(kStdinRead);
    std::size_t pending_to_server() const { return to_server_.size() - to_server_off_; }
    // Stdin bytes not yet on the socket: waiting for SSL_write, or encrypted
    // and waiting in the batch.
    bool unsent() const { return pending_to_server() != 0 || batch_.pending() != 0; }
    void consume_to_server(std::size_t n) {
        to_server_off_ += n;
        if (to_server_off_ == to_server_.size()) {
            to_server_.clear();
            to_server_off_ = 0;
        }
    }
    std::vector<char> read_buf_ = std::vector<char>(kRecord);
    // DTLS: one record per datagram, so no write larger than a datagram holds.
    std::size_t max_write_ = SSL_is_dtls(ssl_) ? std::max<std::size_t>(1, DTLS_get_data_mtu(ssl_)) : kBufferCap;
    bool stdin_open_ = true;
    bool stdout_blocked_ = false;
    bool stdout_gone_ = false;
    bool handshake_pending_ = false;  // a renegotiation or key update in flight
    Want read_want_ = Want::None;
    Want write_want_ = Want::None;
    Want handshake_want_ = Want::None;
    int exit_code_ = -1;             // set when the session is over
    bool quit_ = false;

    bool sent_data_ = false;
    Clock::time_point last_sent_{};
    Clock::time_point last_received_{};  // any bytes from the socket, tickets included
    Clock::time_point last_activity_{};
    std::uint64_t socket_bytes_seen_ = 0;
};

void Relay::note_block(const char* op, Want want) {
    if (!opt_.on_retry || want == Want::None) return;
    opt_.on_retry(op, want == Want::Read ? SSL_ERROR_WANT_READ : SSL_ERROR_WANT_WRITE);
}

// poll() says the socket is ready for what a blocked SSL_read or SSL_write
// waited for (or failed: then libssl discovers what happened): retry them.
void Relay::on_socket_events(short revents) {
    auto ready = [revents](Want w) {
        return (revents & (POLLERR | POLLHUP)) || (w == Want::Read && (revents & POLLIN)) ||
               (w == Want::Write && (revents & POLLOUT));
    };
    if (ready(read_want_)) read_want_ = Want::None;
    if (ready(write_want_)) write_want_ = Want::None;
}

// True if the last libssl call read from the socket. Then whatever waited
// for socket data may find it in libssl's buffer now (SSL_write and
// SSL_do_handshake read records during a renegotiation): the caller clears
// the other call's wait, since poll() would not report those bytes again.
bool Relay::note_socket_reads() {
    std::uint64_t n = BIO_number_read(SSL_get_rbio(ssl_));
    if (n == socket_bytes_seen_) return false;
    socket_bytes_seen_ = n;
    last_received_ = last_activity_ = Clock::now();
    return true;
}

void Relay::tls_failure(int ssl_error, const char* direction) {
    int e = errno;
    auto lines = drain_openssl_errors();
    for (const auto& l : lines) io_.err.write(l + "\n");
    if (!lines.empty()) return;
    if (ssl_error == SSL_ERROR_SYSCALL && e == ECONNRESET) {
        io_.err.write(std::string("s_client: connection reset by the server (") + direction + ":errno=" +
                      std::to_string(e) + ")\n");
    } else if (ssl_error == SSL_ERROR_SYSCALL && e != 0) {
        io_.err.write(std::string(direction) + ":errno=" + std::to_string(e) + " (" + std::strerror(e) + ")\n");
    } else {
        io_.err.write("s_client: the server closed the connection without close_notify\n");
    }
}

// Writes what stdout takes now; the rest waits for room (back-pressure).
bool Relay::flush_stdout() {
    std::size_t before = io_.data.pending();
    if (before == 0) return false;
    stdout_blocked_ = !io_.data.flush_some();
    if (!io_.data.ok()) {
        // The reader went away (e.g. `| head -c 100`): stop quietly.
        exit_code_ = 0;
        quit_ = true;
        stdout_gone_ = true;
        return false;
    }
    bool moved = io_.data.pending() != before;
    if (moved) last_activity_ = Clock::now();
    return moved;
}

// Moves stdin data into the write buffer and runs commands in order: a
// command waits until everything typed before it has been sent.
bool Relay::feed_server() {
    bool progress = false;
    while (!events_.empty() && pending_to_server() < kBufferCap) {
        StdinEvent& ev = events_.front();
        if (ev.kind == StdinEvent::Kind::Data) {
            std::size_t take = std::min(ev.data.size(), kBufferCap - pending_to_server());
            to_server_.append(ev.data, 0, take);
            ev.data.erase(0, take);
            if (ev.data.empty()) events_.pop_front();
            progress = true;
            continue;
        }
        if (unsent() || handshake_pending_) break;
        char letter = ev.command;
        events_.pop_front();
        run_command(letter);
        progress = true;
        if (quit_) return true;
    }
    // After WANT_READ/WANT_WRITE only poll() can tell that a retry may succeed.
    while (pending_to_server() != 0 && !handshake_pending_ && write_want_ == Want::None) {
        ERR_clear_error();
        errno = 0;
        std::size_t len = std::min(pending_to_server(), max_write_);
        int n = SSL_write(ssl_, to_server_.data() + to_server_off_, static_cast<int>(len));
        if (note_socket_reads()) read_want_ = Want::None;
        if (n > 0) {
            consume_to_server(static_cast<std::size_t>(n));
            sent_data_ = true;
            last_sent_ = last_activity_ = Clock::now();
            write_want_ = Want::None;
            progress = true;
            continue;
        }
        int err = SSL_get_error(ssl_, n);
        if (err == SSL_ERROR_WANT_READ || err == SSL_ERROR_WANT_WRITE) {
            write_want_ = err == SSL_ERROR_WANT_READ ? Want::Read : Want::Write;
            note_block("write", write_want_);
        } else if (err == SSL_ERROR_ZERO_RETURN) {
            io_.report.write("shutdown\n");
            exit_code_ = 0;
            quit_ = true;
        } else {
            tls_failure(err, "write");
            exit_code_ = 1;
            quit_ = true;
        }
        break;
    }
    // Nothing more to encrypt now: what the batch holds goes out.
    if (!quit_ && pending_to_server() == 0 && write_want_ == Want::None && batch_.pending() != 0) {
        std::size_t before = batch_.pending();
        WriteBatch::Flush f = batch_.flush();
        if (batch_.pending() != before) {
            // Bytes reaching the socket are what -idle_timeout and the reply wait count.
            progress = true;
            last_sent_ = last_activity_ = Clock::now();
        }
        if (f == WriteBatch::Flush::Blocked) {
            write_want_ = Want::Write;
        } else if (f == WriteBatch::Flush::Failed) {
            tls_failure(SSL_ERROR_SYSCALL, "write");
            exit_code_ = 1;
            quit_ = true;
        }
    }
    return progress;
}

bool Relay::drain_server() {
    bool progress = false;
    // After WANT_READ/WANT_WRITE only poll() can tell that a retry may succeed:
    // calling SSL_read on every pass doubled the system calls of a bulk send.
    if (read_want_ != Want::None) return false;
    int retries = 0;
    // Read every record that is ready before writing to stdout: one large
    // write instead of one per record.
    while (io_.data.pending() < kStdoutCap) {
        ERR_clear_error();
        errno = 0;
        // Not straight into the stdout buffer: libssl's callbacks (-msg,
        // -debug, tickets) write report lines to that same stream during
        // SSL_read, which would move the room under the decryption.
        int n = SSL_read(ssl_, read_buf_.data(), static_cast<int>(read_buf_.size()));
        if (note_socket_reads() && write_want_ == Want::Read) write_want_ = Want::None;
        if (n > 0) {
            // Before the data reaches stdout: -json prints its document here.
            if (opt_.on_server_data) opt_.on_server_data();
            io_.data.write(std::string_view(read_buf_.data(), static_cast<std::size_t>(n)));
            read_want_ = Want::None;
            progress = true;
            continue;
        }
        int err = SSL_get_error(ssl_, n);
        if (err == SSL_ERROR_WANT_READ) {
            // After a non-application record (a ticket, a key update) libssl
            // may hold more: try again before sleeping. Bounded, because a
            // partial record also counts as pending and only the socket can
            // complete it.
            if (SSL_has_pending(ssl_) && ++retries <= kPendingRetries) {
                progress = true;
                continue;
            }
            read_want_ = Want::Read;
            note_block("read", read_want_);
        } else if (err == SSL_ERROR_WANT_WRITE) {
            read_want_ = Want::Write;
            note_block("read", read_want_);
        } else if (err == SSL_ERROR_ZERO_RETURN) {
            io_.report.write("closed\n");
            exit_code_ = 0;
            quit_ = true;
        } else {
            tls_failure(err, "read");
            exit_code_ = 1;
            quit_ = true;
        }
        break;
    }
    return progress;
}

bool Relay::drive_handshake() {
    if (!handshake_pending_) return false;
    ERR_clear_error();
    int rc = SSL_do_handshake(ssl_);
    if (note_socket_reads()) read_want_ = write_want_ = Want::None;
    if (rc == 1) {
        handshake_pending_ = false;
        handshake_want_ = Want::None;
        read_want_ = write_want_ = Want::None;  // the handshake may have buffered records: retry both
        return true;
    }
    int err = SSL_get_error(ssl_, rc);
    if (err == SSL_ERROR_WANT_READ) {
        handshake_want_ = Want::Read;
    } else if (err == SSL_ERROR_WANT_WRITE) {
        handshake_want_ = Want::Write;
    } else {
        tls_failure(err, "handshake");
        exit_code_ = 1;
        quit_ = true;
    }
    return false;
}

void Relay::run_command(char letter) {
    bool tls13 = SSL_version(ssl_) == TLS1_3_VERSION;
    switch (letter) {
        case 'Q':
            io_.err.write("DONE\n");
            exit_code_ = 0;
            quit_ = true;
            return;
        case 'R':
            if (tls13) {
                io_.err.write("s_client: R: TLSv1.3 has no renegotiation; K or k updates the keys instead\n");
                return;
            }
            io_.err.write("RENEGOTIATING\n");
            if (!SSL_renegotiate(ssl_)) {
                for (const auto& l : drain_openssl_errors()) io_.err.write(l + "\n");
                io_.err.write("s_client: R: the renegotiation could not be started\n");
                return;
            }
            handshake_pending_ = true;
            return;
        case 'K':
        case 'k':
            if (!tls13) {
                io_.err.write(std::string("s_client: ") + letter +
                              ": key updates need TLSv1.3; R renegotiates instead\n");
                return;
            }
            io_.err.write("KEYUPDATE\n");
            if (!SSL_key_update(ssl_, letter == 'K' ? SSL_KEY_UPDATE_REQUESTED : SSL_KEY_UPDATE_NOT_REQUESTED)) {
                for (const auto& l : drain_openssl_errors()) io_.err.write(l + "\n");
                return;
            }
            handshake_pending_ = true;
            return;
        default:
            return;
    }
}

void Relay::read_stdin() {
    ssize_t n = ::read(io_.in_fd, stdin_buf_.data(), stdin_buf_.size());
    if (n < 0 && (errno == EINTR || errno == EAGAIN)) return;
    if (n > 0) last_activity_ = Clock::now();
    // Bulk data with nothing to interpret goes straight to the write buffer.
    if (!opt_.commands && !opt_.crlf) {
        if (n <= 0) stdin_open_ = false;
        else to_server_.append(stdin_buf_.data(), static_cast<std::size_t>(n));
        return;
    }
    std::vector<StdinEvent> out;
    if (n <= 0) {
        stdin_open_ = false;
        scanner_.finish(out);
    } else {
        scanner_.feed(std::string_view(stdin_buf_.data(), static_cast<std::size_t>(n)), out);
    }
    for (auto& e : out) events_.push_back(std::move(e));
}

// Does everything that can be done without waiting. On return the session
// is over, or stdout is full, or libssl has said what it waits for: never a
// state in which poll() would wait for nothing.
bool Relay::pump() {
    bool any = false;
    while (!quit_) {
        bool progress = true;
        while (progress && !quit_) {
            progress = false;
            // Writing to stdout frees room but is not progress by itself: report
            // lines (e.g. -nbio's BLOCK lines) are written there too.
            flush_stdout();
            if (quit_) break;
            if (drive_handshake()) progress = true;
            if (quit_) break;
            if (feed_server()) progress = true;
            if (quit_) break;
            if (drain_server()) progress = true;
            any = any || progress;
        }
        if (quit_) break;
        flush_stdout();
        // Room may have appeared since the last read stopped at a full buffer:
        // read again before sleeping, else nothing would wake us.
        bool room = io_.data.pending() < kStdoutCap;
        if (!quit_ && room && read_want_ == Want::None) continue;
        break;
    }
    return any;
}

int Relay::idle_ms_left() const {
    if (opt_.idle_timeout_seconds <= 0) return -1;
    auto limit = last_activity_ + std::chrono::duration_cast<Clock::duration>(
                                      std::chrono::duration<double>(opt_.idle_timeout_seconds));
    auto left = std::chrono::duration_cast<milliseconds>(limit - Clock::now()).count();
    return left > 0 ? static_cast<int>(left) + 1 : 0;
}

// Whatever the server sent before the end reaches stdout, even when the end
// (close_notify, an error) came in the same read.
void Relay::flush_stdout_fully() {
    if (!stdout_gone_) io_.data.flush();
}

// Sends our close_notify; the caller half-closes and drains (finish_close).
int Relay::close_session(int code) {
    flush_stdout_fully();
    io_.report.flush();
    ERR_clear_error();
    SSL_shutdown(ssl_);
    ERR_clear_error();
    return code;
}

int Relay::run() {
    NonBlockingGuard stdout_guard(io_.data.poll_fd());
    widen_pipe(io_.data.poll_fd());
    widen_pipe(io_.in_fd);  // a writer into our stdin wakes us less often too
    while (true) {
        pump();
        if (quit_) break;
        if (!stdin_open_ && events_.empty() && !unsent() && !handshake_pending_ && !opt_.ign_eof)
            return finish_after_eof();

        pollfd fds[3];
        nfds_t count = 0;
        // Interest follows what libssl asked for. While stdout is stalled we
        // do not read (back-pressure), so the read side's wish does not count.
        bool reading = io_.data.pending() < kStdoutCap;
        short sock_events = 0;
        for (Want w : {reading ? read_want_ : Want::None, unsent() ? write_want_ : Want::None,
                       handshake_pending_ ? handshake_want_ : Want::None}) {
            if (w == Want::Read) sock_events |= POLLIN;
            if (w == Want::Write) sock_events |= POLLOUT;
        }
        // With no interest the socket is left out: poll() reports POLLERR and
        // POLLHUP unasked, which would spin while stdout is full.
        fds[count++] = {sock_events != 0 ? sock_ : -1, sock_events, 0};
        int stdin_idx = -1, stdout_idx = -1;
        if (stdin_open_ && events_.empty() && !unsent()) {
            stdin_idx = static_cast<int>(count);
            fds[count++] = {io_.in_fd, POLLIN, 0};
        }
        if (stdout_blocked_ && io_.data.poll_fd() >= 0) {
            stdout_idx = static_cast<int>(count);
            fds[count++] = {io_.data.poll_fd(), POLLOUT, 0};
        }
        int timeout = idle_ms_left();
        int n = ::poll(fds, count, with_dtls_timer(ssl_, timeout));
        if (n == 0) dtls_on_timer(ssl_);  // DTLS: retransmit a lost flight (renegotiation)
        if (n < 0 && errno != EINTR) {
            io_.err.write(std::string("s_client: poll failed: ") + std::strerror(errno) + "\n");
            return close_session(1);
        }
        if (n == 0 && timeout >= 0 && idle_ms_left() == 0) {
            char secs[32];
            std::snprintf(secs, sizeof secs, "%g", opt_.idle_timeout_seconds);
            io_.err.write(std::string("s_client: nothing moved for ") + secs + " seconds (-idle_timeout); closing\n");
            return close_session(1);
        }
        if (stdout_idx >= 0 && fds[stdout_idx].revents) stdout_blocked_ = false;
        if (stdin_idx >= 0 && (fds[stdin_idx].revents & (POLLIN | POLLHUP | POLLERR))) read_stdin();
        on_socket_events(fds[0].revents);
    }
    if (exit_code_ == 0) return close_session(0);
    flush_stdout_fully();
    io_.report.flush();
    return exit_code_;
}

// stdin is done and everything read from it has been sent. Give the server
// a moment to answer, read what is already on its way (TLS 1.3 tickets come
// in a burst), then close the TLS session.
int Relay::finish_after_eof() {
    io_.err.write("DONE\n");
    const auto started = Clock::now();
    auto scaled = [&](milliseconds floor, int factor) {
        return std::max<Clock::duration>(floor, opt_.round_trip * factor);
    };
    const auto reply_wait = scaled(kReplyWaitMin, 8);
    const auto quiet_after_data = scaled(kQuietAfterDataMin, 4);
    const auto ticket_wait = scaled(kTicketWaitMin, 4);
    auto remaining = [](Clock::time_point until) {
        auto left = std::chrono::duration_cast<milliseconds>(until - Clock::now()).count();
        return left > 0 ? static_cast<int>(left) + 1 : 0;
    };
    socket_bytes_seen_ = BIO_number_read(SSL_get_rbio(ssl_));
    Clock::time_point last_data = last_sent_;
    while (!quit_) {
        std::uint64_t before = socket_bytes_seen_;
        pump();
        if (quit_) break;
        if (socket_bytes_seen_ != before) last_data = Clock::now();

        int budget = 0;
        bool reply_pending = sent_data_ && last_received_ < last_sent_;
        if (reply_pending) budget = std::max(budget, remaining(last_sent_ + reply_wait));
        if (opt_.expect_tickets && !ticket_seen_()) budget = std::max(budget, remaining(started + ticket_wait));
        if (sent_data_ && last_received_ >= last_sent_) budget = std::max(budget, remaining(last_data + quiet_after_data));
        budget = std::max(budget, remaining(last_received_ + kTicketBurstGrace));
        // Still writing what we have: POLLOUT wakes us when the reader makes room.
        if (stdout_blocked_) budget = std::max(budget, 1000);

        short events = 0;
        for (Want w : {io_.data.pending() < kStdoutCap ? read_want_ : Want::None,
                       handshake_pending_ ? handshake_want_ : Want::None}) {
            if (w == Want::Read) events |= POLLIN;
            if (w == Want::Write) events |= POLLOUT;
        }
        pollfd fds[2] = {{events != 0 ? sock_ : -1, events, 0}, {io_.data.poll_fd(), POLLOUT, 0}};
        int n = ::poll(fds, stdout_blocked_ && io_.data.poll_fd() >= 0 ? 2 : 1, budget);
        if (n == 0 && budget == 0) break;
        if (n < 0 && errno != EINTR) break;
        if (stdout_blocked_ && fds[1].revents) stdout_blocked_ = false;
        if (n > 0) on_socket_events(fds[0].revents);
    }
    if (quit_ && exit_code_ != 0) {
        flush_stdout_fully();
        io_.report.flush();
        return exit_code_;
    }
    return close_session(0);
}

}  // namespace

int run_relay(SSL* ssl, int sock_fd, const RelayIo& io, const RelayOptions& options,
              const std::function<bool()>& ticket_seen) {
    SSL_set_mode(ssl, SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
    // Read whole socket buffers, not one record header at a time. The
    // handshake is over, so the report's byte counts are unaffected.
    if (options.read_ahead) SSL_set_read_ahead(ssl, 1);
    WriteBatch batch(ssl, sock_fd, options.batch_writes);
    Relay relay(ssl, sock_fd, io, options, ticket_seen, batch);
    return relay.run();
}

}  // namespace sc

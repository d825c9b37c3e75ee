#include "starttls/line_reader.h"

#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace sc {

LineReader::LineReader(int fd, const Deadline& deadline, ReadLimits limits)
    : fd_(fd), deadline_(deadline), limits_(limits) {}

bool LineReader::wait(short events) {
    pollfd p{fd_, events, 0};
    while (true) {
        int n = ::poll(&p, 1, deadline_.poll_timeout_ms());
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            errno_ = errno;
            failure_ = ReadFailure::Io;
            return false;
        }
        if (n == 0) {
            failure_ = ReadFailure::Timeout;
            return false;
        }
        return true;
    }
}

bool LineReader::fill() {
    // A server that never stops sending never makes us wait: check the
    // deadline here too, not only when a read would block.
    if (deadline_.expired()) {
        failure_ = ReadFailure::Timeout;
        return false;
    }
    if (total_ >= limits_.max_total) {
        failure_ = ReadFailure::BudgetExceeded;
        return false;
    }
    char chunk[4096];
    std::size_t want = std::min(sizeof chunk, limits_.max_total - total_);
    while (true) {
        ssize_t n = ::recv(fd_, chunk, want, 0);
        if (n > 0) {
            // Compact lazily so a long exchange does not keep consumed bytes.
            if (pos_ > 0 && pos_ == buf_.size()) {
                buf_.clear();
                pos_ = 0;
            }
            buf_.append(chunk, static_cast<std::size_t>(n));
            total_ += static_cast<std::size_t>(n);
            return true;
        }
        if (n == 0) {
            failure_ = ReadFailure::Closed;
            return false;
        }
        if (errno == EINTR) continue;
        if (errno == EAGAIN || errno == EWOULDBLOCK) {
            if (!wait(POLLIN)) return false;
            continue;
        }
        errno_ = errno;
        failure_ = ReadFailure::Io;
        return false;
    }
}

void LineReader::read_ready() {
    char chunk[4096];
    while (total_ < limits_.max_total) {
        ssize_t n = ::recv(fd_, chunk, std::min(sizeof chunk, limits_.max_total - total_), MSG_DONTWAIT);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return;
        buf_.append(chunk, static_cast<std::size_t>(n));
        total_ += static_cast<std::size_t>(n);
    }
}

std::optional<std::string> LineReader::line() {
    std::size_t scanned = 0;
    while (true) {
        std::string_view rest = buffered();
        std::size_t nl = rest.find('\n', scanned);
        if (nl != std::string_view::npos) {
            if (nl + 1 > limits_.max_line) break;
            std::string out(rest.substr(0, nl + 1));
            consume(nl + 1);
            return out;
        }
        if (rest.size() >= limits_.max_line) break;
        scanned = rest.size();
        if (!fill()) return std::nullopt;
    }
    failure_ = ReadFailure::LineTooLong;
    return std::nullopt;
}

std::optional<std::string> LineReader::exact(std::size_t n) {
    while (buffered().size() < n)
        if (!fill()) return std::nullopt;
    std::string out(buffered().substr(0, n));
    consume(n);
    return out;
}

void LineReader::consume(std::size_t n) {
    pos_ += std::min(n, buf_.size() - pos_);
    if (pos_ == buf_.size()) {
        buf_.clear();
        pos_ = 0;
    }
}

std::string LineReader::take_buffered() {
    std::string out(buffered());
    buf_.clear();
    pos_ = 0;
    return out;
}

bool LineReader::send(std::string_view bytes) {
    while (!bytes.empty()) {
        ssize_t n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
        if (n > 0) {
            bytes.remove_prefix(static_cast<std::size_t>(n));
            continue;
        }
        if (n < 0 && errno == EINTR) continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            if (!wait(POLLOUT)) return false;
            continue;
        }
        errno_ = n < 0 ? errno : EPIPE;
        failure_ = ReadFailure::Io;
        return false;
    }
    return true;
}

std::string LineReader::failure_text() const {
    switch (failure_) {
        case ReadFailure::None: return "no error";
        case ReadFailure::Timeout: return "timed out (-connect_timeout)";
        case ReadFailure::Closed: return "the server closed the connection";
        case ReadFailure::LineTooLong:
            return "a line longer than " + std::to_string(limits_.max_line) + " bytes";
        case ReadFailure::BudgetExceeded:
            return "more than " + std::to_string(limits_.max_total) + " bytes before TLS";
        case ReadFailure::Io: return std::string("errno=") + std::to_string(errno_) + " (" + std::strerror(errno_) + ")";
    }
    return "error";
}

}  // namespace sc

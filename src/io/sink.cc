#include "io/sink.h"

#include <cerrno>
#include <poll.h>
#include <unistd.h>

namespace sc {

namespace {
// Buffered text is written out at flush(); only a runaway amount forces a
// (blocking) write earlier. The relay keeps its own share far below this.
constexpr std::size_t kFlushThreshold = 1024 * 1024;
}

FdSink::~FdSink() { flush(); }

void FdSink::write(std::string_view text) {
    if (!buffered_) {
        write_all(text);
        return;
    }
    pending_.append(text);
    if (pending() >= kFlushThreshold) flush();
}

void FdSink::flush() {
    if (pending() == 0) return;
    write_all(std::string_view(pending_.data(), pending_.size()));
    pending_.clear();
}

bool FdSink::flush_some() {
    while (ok_ && pending() > 0) {
        ssize_t n = ::write(fd_, pending_.data(), pending());
        if (n > 0) {
            pending_.consume(static_cast<std::size_t>(n));
        } else if (n < 0 && errno == EINTR) {
            continue;
        } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            // A slow reader may never let the buffer empty completely: the
            // queue reuses the written part, so memory stays bounded by
            // what is pending.
            return false;
        } else {
            ok_ = false;
        }
    }
    pending_.clear();
    return true;
}

void FdSink::write_all(std::string_view bytes) {
    while (ok_ && !bytes.empty()) {
        ssize_t n = ::write(fd_, bytes.data(), bytes.size());
        if (n > 0) {
            bytes.remove_prefix(static_cast<std::size_t>(n));
        } else if (n < 0 && errno == EINTR) {
            continue;
        } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            // The descriptor may be shared with a non-blocking relay: wait.
            pollfd p{fd_, POLLOUT, 0};
            ::poll(&p, 1, -1);
        } else {
            ok_ = false;
        }
    }
}

}  // namespace sc

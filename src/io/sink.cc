#include "io/sink.h"

#include <cerrno>
#include <poll.h>
#include <unistd.h>

namespace sc {

namespace {
constexpr std::size_t kFlushThreshold = 64 * 1024;
}

FdSink::~FdSink() { flush(); }

void FdSink::write(std::string_view text) {
    if (!buffered_) {
        write_all(text);
        return;
    }
    pending_.append(text);
    if (pending_.size() >= kFlushThreshold) flush();
}

void FdSink::flush() {
    if (pending_.empty()) return;
    write_all(pending_);
    pending_.clear();
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

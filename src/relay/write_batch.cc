#include "relay/write_batch.h"

#include <openssl/err.h>
#include <poll.h>

#include <cerrno>

#include "util/deadline.h"

namespace sc {
namespace {
// Sixteen full records: a send() of this size costs about what one of a
// single record did.
constexpr int kBatchBytes = 256 * 1024;
}  // namespace

WriteBatch::WriteBatch(SSL* ssl, int fd, bool enabled) : ssl_(ssl), fd_(fd) {
    if (!enabled) return;
    BIO* socket_bio = SSL_get_wbio(ssl);
    BIO* buffer = BIO_new(BIO_f_buffer());
    if (socket_bio == nullptr || buffer == nullptr || BIO_set_write_buffer_size(buffer, kBatchBytes) != 1 ||
        !BIO_up_ref(socket_bio)) {
        BIO_free(buffer);
        ERR_clear_error();
        return;  // no batching: every record goes out on its own, as before
    }
    // The chain holds its own reference to the socket BIO; SSL_set0_wbio
    // drops the one libssl held as its write side.
    SSL_set0_wbio(ssl, BIO_push(buffer, socket_bio));
    buffer_ = buffer;
}

WriteBatch::~WriteBatch() {
    if (buffer_ == nullptr) return;
    flush_within(std::chrono::milliseconds(500));
    BIO* socket_bio = BIO_next(buffer_);
    if (BIO_up_ref(socket_bio)) SSL_set0_wbio(ssl_, socket_bio);  // frees the buffer, keeps the socket BIO
    ERR_clear_error();
}

std::size_t WriteBatch::pending() const {
    return buffer_ == nullptr ? 0 : static_cast<std::size_t>(BIO_wpending(buffer_));
}

WriteBatch::Flush WriteBatch::flush() {
    if (pending() == 0) return Flush::Done;
    errno = 0;
    if (BIO_flush(buffer_) > 0) return Flush::Done;
    return BIO_should_retry(buffer_) ? Flush::Blocked : Flush::Failed;
}

bool WriteBatch::flush_within(std::chrono::milliseconds limit) {
    Deadline deadline = Deadline::after(std::chrono::duration<double>(limit).count());
    while (true) {
        Flush f = flush();
        if (f != Flush::Blocked) return f == Flush::Done;
        pollfd p{fd_, POLLOUT, 0};
        int n = ::poll(&p, 1, deadline.poll_timeout_ms());
        if (n == 0 || (n < 0 && errno != EINTR)) return false;
    }
}

}  // namespace sc

#include "relay/stdout_mode.h"

#include <fcntl.h>
#include <sys/stat.h>

namespace sc {

NonBlockingGuard::NonBlockingGuard(int fd) : fd_(fd) {
    struct stat st {};
    if (fstat(fd, &st) != 0 || !(S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode))) return;
    int flags = fcntl(fd, F_GETFL);
    if (flags < 0 || (flags & O_NONBLOCK)) return;
    if (fcntl(fd, F_SETFL, flags | O_NONBLOCK) == 0) saved_flags_ = flags;
}

NonBlockingGuard::~NonBlockingGuard() {
    if (saved_flags_ >= 0) fcntl(fd_, F_SETFL, saved_flags_);
}

void widen_pipe(int fd) {
    constexpr int kWide = 1 << 20;
    struct stat st {};
    if (fstat(fd, &st) != 0 || !S_ISFIFO(st.st_mode)) return;
    int size = fcntl(fd, F_GETPIPE_SZ);
    if (size >= 0 && size < kWide) fcntl(fd, F_SETPIPE_SZ, kWide);
}

}  // namespace sc

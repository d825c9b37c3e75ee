// Makes a pipe or socket on stdout non-blocking for the life of the relay,
// so that a slow reader never stalls the other direction; the descriptor's
// flags are restored afterwards because the shell shares them.
#pragma once

namespace sc {

class NonBlockingGuard {
public:
    explicit NonBlockingGuard(int fd);
    NonBlockingGuard(const NonBlockingGuard&) = delete;
    NonBlockingGuard& operator=(const NonBlockingGuard&) = delete;
    ~NonBlockingGuard();

private:
    int fd_;
    int saved_flags_ = -1;  // -1: left untouched
};

// Grows a pipe on stdout to 1 MiB (never shrinks it; failures are ignored:
// the pipe simply keeps its size). With Linux's default 64 KiB pipe the
// reader wakes up for every 64 KiB, and those wake-ups cost more than the
// decryption when receiving bulk data. Left as is afterwards: only capacity
// changes, and the reader may still be draining it.
void widen_pipe(int fd);

}  // namespace sc

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

}  // namespace sc

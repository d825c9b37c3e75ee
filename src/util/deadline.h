// A point in time after which waiting stops. "No deadline" waits forever.
#pragma once

#include <chrono>
#include <optional>

namespace sc {

class Deadline {
public:
    using Clock = std::chrono::steady_clock;

    static Deadline never() { return Deadline(); }
    static Deadline after(double seconds) {
        if (seconds <= 0) return never();
        return Deadline(Clock::now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds)));
    }

    bool expired() const { return at_ && Clock::now() >= *at_; }

    // Milliseconds left, for poll(): -1 when there is no deadline.
    int poll_timeout_ms() const {
        if (!at_) return -1;
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(*at_ - Clock::now()).count();
        if (left <= 0) return 0;
        return left > 1000000 ? 1000000 : static_cast<int>(left) + 1;
    }

private:
    Deadline() = default;
    explicit Deadline(Clock::time_point at) : at_(at) {}
    std::optional<Clock::time_point> at_;
};

}  // namespace sc

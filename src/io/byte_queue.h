// A FIFO of bytes in one contiguous block: appended at the back, consumed
// from the front (the stdout buffer). The consumed front is reused instead
// of erased, so a reader that never empties it costs at most one move per
// byte and memory stays bounded by what is pending. room()/commit() let a
// caller fill the back in place; no caller of the sink may do that while
// others can write to the same queue (libssl callbacks print during SSL_read).
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <memory>
#include <string_view>

namespace sc {

class ByteQueue {
public:
    std::size_t size() const { return end_ - begin_; }
    bool empty() const { return begin_ == end_; }
    const char* data() const { return block_.get() + begin_; }
    std::size_t capacity() const { return capacity_; }

    void append(std::string_view bytes) {
        if (bytes.empty()) return;
        std::memcpy(room(bytes.size()), bytes.data(), bytes.size());
        end_ += bytes.size();
    }
    // At least n writable bytes at the back, valid until the next call that
    // changes the queue; commit() says how many of them were filled.
    char* room(std::size_t n) {
        if (capacity_ - end_ >= n) return block_.get() + end_;
        // Moving the live bytes to the front is enough when the consumed part
        // makes the room; else grow. Either costs at most one copy per byte.
        if (capacity_ - size() >= n && begin_ >= size()) {
            std::memmove(block_.get(), data(), size());
        } else {
            std::size_t wanted = std::max(size() + n, capacity_ * 2);
            auto bigger = std::make_unique_for_overwrite<char[]>(wanted);
            if (size() > 0) std::memcpy(bigger.get(), data(), size());
            block_ = std::move(bigger);
            capacity_ = wanted;
        }
        end_ -= begin_;
        begin_ = 0;
        return block_.get() + end_;
    }
    void commit(std::size_t n) { end_ += n; }
    void consume(std::size_t n) {
        begin_ += n;
        if (begin_ == end_) begin_ = end_ = 0;
    }
    void clear() { begin_ = end_ = 0; }

private:
    std::unique_ptr<char[]> block_;
    std::size_t capacity_ = 0;
    std::size_t begin_ = 0;
    std::size_t end_ = 0;
};

}  // namespace sc

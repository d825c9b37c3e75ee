// Output streams. Everything we print goes through a Sink so that tests can
// capture it in-process and so that buffering (stdout: flushed at the end of
// every block; stderr: unbuffered) is decided in one place.
#pragma once

#include <string>
#include <string_view>

#include "io/byte_queue.h"

namespace sc {

class Sink {
public:
    virtual ~Sink() = default;
    virtual void write(std::string_view text) = 0;
    virtual void flush() = 0;
    // False once a write failed (e.g. the reader went away: EPIPE).
    virtual bool ok() const = 0;

    // For the relay, which must never block on a slow reader: bytes not yet
    // written, a flush that stops when the descriptor is full (false then),
    // and the descriptor to poll for room (-1: never full).
    virtual std::size_t pending() const { return 0; }
    virtual bool flush_some() {
        flush();
        return true;
    }
    virtual int poll_fd() const { return -1; }
};

// Writes to a file descriptor. When buffered, text is kept until flush() or
// until the buffer grows large; unbuffered sinks write at once.
// Report text and peer data share one buffered stdout sink, so they come
// out in the order they happened.
class FdSink final : public Sink {
public:
    FdSink(int fd, bool buffered) : fd_(fd), buffered_(buffered) {}
    ~FdSink() override;
    void write(std::string_view text) override;
    void flush() override;
    bool ok() const override { return ok_; }
    std::size_t pending() const override { return pending_.size(); }
    bool flush_some() override;
    int poll_fd() const override { return fd_; }

private:
    void write_all(std::string_view bytes);

    int fd_;
    bool buffered_;
    bool ok_ = true;
    ByteQueue pending_;  // written to fd_ from its front
};

// Collects everything in memory (tests, and rendering before printing).
class StringSink final : public Sink {
public:
    void write(std::string_view text) override { text_.append(text); }
    void flush() override {}
    bool ok() const override { return true; }
    const std::string& text() const { return text_; }
    void clear() { text_.clear(); }

private:
    std::string text_;
};

// Discards everything (-quiet replaces the report stream with this).
class NullSink final : public Sink {
public:
    void write(std::string_view) override {}
    void flush() override {}
    bool ok() const override { return true; }
};

}  // namespace sc

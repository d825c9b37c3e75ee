// The plaintext side of a connection before TLS: bounded reads of lines,
// fixed-size frames or whatever arrived, over the non-blocking socket, each
// wait bounded by the connection deadline. Bytes read past what a caller asked
// for stay buffered: the next read returns them, and after a STARTTLS
// go-ahead they are the evidence of injected plaintext.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "util/deadline.h"

namespace sc {

enum class ReadFailure { None, Timeout, Closed, LineTooLong, BudgetExceeded, Io };

struct ReadLimits {
    std::size_t max_line = 16 * 1024;     // one line, terminator included
    std::size_t max_total = 1024 * 1024;  // everything read before TLS (greetings, lists)
};

class LineReader {
public:
    LineReader(int fd, const Deadline& deadline, ReadLimits limits = {});

    // The next line, including its LF (and CR). nullopt on failure, see failure().
    std::optional<std::string> line();
    // Exactly n bytes.
    std::optional<std::string> exact(std::size_t n);
    // Appends at least one more byte to the buffer (waiting if needed).
    bool fill();

    // Takes in whatever has already arrived, without waiting.
    void read_ready();

    // Unconsumed bytes, for parsers that need a whole frame.
    std::string_view buffered() const { return std::string_view(buf_).substr(pos_); }
    void consume(std::size_t n);
    // Hands the unconsumed bytes over and forgets them.
    std::string take_buffered();

    // Writes all of bytes, waiting (bounded) while the socket is full.
    bool send(std::string_view bytes);

    ReadFailure failure() const { return failure_; }
    // What went wrong, in words: "the server closed the connection", ...
    std::string failure_text() const;
    const ReadLimits& limits() const { return limits_; }

private:
    bool wait(short events);

    int fd_;
    const Deadline& deadline_;
    ReadLimits limits_;
    std::string buf_;
    std::size_t pos_ = 0;
    std::size_t total_ = 0;
    ReadFailure failure_ = ReadFailure::None;
    int errno_ = 0;
};

}  // namespace sc

// Collects the TLS records the relay writes and sends them to the socket in
// one large write when nothing more is ready, instead of one send() per
// 16 KiB record: on loopback the per-send cost of the TCP stack was larger
// than the encryption. A buffering BIO sits between libssl and the socket
// for the relay's lifetime; libssl's own flushes (handshake messages,
// alerts) go through it unchanged.
#pragma once

#include <openssl/ssl.h>

#include <chrono>
#include <cstddef>

namespace sc {

class WriteBatch {
public:
    // Does nothing when disabled: -debug shows each socket write, -nbio and
    // -nbio_test show or test libssl's own retries, a datagram is one record.
    WriteBatch(SSL* ssl, int fd, bool enabled);
    // Sends what is left (bounded wait) and gives libssl the socket back.
    ~WriteBatch();
    WriteBatch(const WriteBatch&) = delete;
    WriteBatch& operator=(const WriteBatch&) = delete;

    // Bytes collected but not yet on the socket.
    std::size_t pending() const;
    enum class Flush { Done, Blocked, Failed };
    // Writes as much as the socket takes now.
    Flush flush();
    // Waits (at most `limit`) until everything is on the socket.
    bool flush_within(std::chrono::milliseconds limit);

private:
    SSL* ssl_;
    int fd_;
    BIO* buffer_ = nullptr;  // owned by ssl_ while installed
};

}  // namespace sc

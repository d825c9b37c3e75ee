// ceiling_client: the simplest blocking libssl loop, as the upper bound the
// relay benchmark compares s_client against. It uses the same two tricks as
// the relay (read-ahead and a 1 MiB stdout pipe fed in 256 KiB writes), so
// that it stays an upper bound rather than a strawman.
//   ceiling_client PORT recv   read until the server closes, write it all to stdout
//   ceiling_client PORT send   copy stdin to the server, then close_notify
#include <arpa/inet.h>
#include <netinet/in.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <sys/socket.h>
#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

namespace {
template <auto Fn>
struct Free {
    template <typename T>
    void operator()(T* p) const { Fn(p); }
};

bool write_all(int fd, const unsigned char* p, std::size_t n) {
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w <= 0) return false;
        p += w;
        n -= static_cast<std::size_t>(w);
    }
    return true;
}
}  // namespace

int main(int argc, char** argv) {
    if (argc != 3) {
        std::fprintf(stderr, "usage: ceiling_client PORT recv|send\n");
        return 2;
    }
    std::string mode = argv[2];
    std::unique_ptr<SSL_CTX, Free<SSL_CTX_free>> ctx(SSL_CTX_new(TLS_client_method()));
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(std::atoi(argv[1])));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) return 1;
    std::unique_ptr<SSL, Free<SSL_free>> ssl(SSL_new(ctx.get()));
    SSL_set_fd(ssl.get(), fd);
    if (SSL_connect(ssl.get()) != 1) {
        ERR_print_errors_fp(stderr);
        return 1;
    }
    std::vector<unsigned char> buf(256 * 1024);
    if (mode == "recv") {
        SSL_set_read_ahead(ssl.get(), 1);
        fcntl(1, F_SETPIPE_SZ, 1 << 20);  // fails harmlessly when stdout is not a pipe
        bool open = true;
        while (open) {
            // Block for one record, then take whatever libssl already holds, up to the buffer.
            std::size_t fill = 0;
            do {
                int n = SSL_read(ssl.get(), buf.data() + fill, static_cast<int>(buf.size() - fill));
                if (n <= 0) {
                    open = false;
                    break;
                }
                fill += static_cast<std::size_t>(n);
            } while (fill < buf.size() && SSL_has_pending(ssl.get()));
            if (!write_all(1, buf.data(), fill)) return 1;
        }
    } else {
        while (true) {
            ssize_t n = read(0, buf.data(), 64 * 1024);
            if (n <= 0) break;
            if (SSL_write(ssl.get(), buf.data(), static_cast<int>(n)) <= 0) return 1;
        }
        SSL_shutdown(ssl.get());
    }
    close(fd);
    return 0;
}

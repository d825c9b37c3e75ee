// tls_peer: a small TLS server for the relay's tests and benchmarks.
// It listens on 127.0.0.1 (port chosen by the kernel, printed on stdout),
// serves one connection and exits:
//   tls_peer CERT KEY source BYTES   send BYTES of a fixed pattern, then close_notify
//   tls_peer CERT KEY sink           read until the client closes; print "BYTES SHA256"
//   tls_peer CERT KEY echo           send back everything received; on close print "BYTES SHA256"
// Options after the mode: --tls1.2 (cap the version), --chunk N (write size, default 16384),
// --trickle-ms N (source: pause N ms between writes), --no-close-notify (just close the socket),
// --reset (end with a TCP reset instead of a close), --hold-ms N (stay connected N ms before ending),
// --limit N (echo/sink: end after N bytes instead of waiting for the client to close),
// --no-digest (print "BYTES -": the benchmark's peer must not spend a core on SHA-256),
// --ciphersuites LIST (TLS 1.3 suites the peer accepts), --wbuf N (collect records in an N-byte buffer and send them in one write: fewer, larger TCP
// segments, so that the benchmark's peer costs less per byte and the client is what is measured).
#include <arpa/inet.h>
#include <netinet/in.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/ssl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace {

template <auto Fn>
struct Free {
    template <typename T>
    void operator()(T* p) const { Fn(p); }
};
using CtxPtr = std::unique_ptr<SSL_CTX, Free<SSL_CTX_free>>;
using SslPtr = std::unique_ptr<SSL, Free<SSL_free>>;
using MdPtr = std::unique_ptr<EVP_MD_CTX, Free<EVP_MD_CTX_free>>;

struct Fd {
    int fd = -1;
    explicit Fd(int f) : fd(f) {}
    ~Fd() { if (fd >= 0) close(fd); }
};

[[noreturn]] void die(const char* what) {
    std::fprintf(stderr, "tls_peer: %s\n", what);
    ERR_print_errors_fp(stderr);
    std::exit(1);
}

// The byte at offset i of the source stream is (i * 131 >> 3) mod 256: not all one value, and
// periodic (period 2048), so the stream is sliced out of one precomputed buffer instead of being
// computed byte by byte (that loop cost the benchmark's peer more CPU than the encryption).
constexpr std::size_t kPatternPeriod = 2048;
std::vector<unsigned char> make_pattern(std::size_t chunk) {
    std::vector<unsigned char> p(chunk + kPatternPeriod);
    for (std::size_t i = 0; i < p.size(); ++i) p[i] = static_cast<unsigned char>(i * 131 >> 3);
    return p;
}

std::string hex(const unsigned char* d, unsigned n) {
    std::string s;
    char b[3];
    for (unsigned i = 0; i < n; ++i) {
        std::snprintf(b, sizeof b, "%02x", d[i]);
        s += b;
    }
    return s;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 4) die("usage: tls_peer CERT KEY source BYTES|sink|echo [options]");
    std::string mode = argv[3];
    unsigned long long total = 0;
    int next = 4;
    if (mode == "source") {
        if (argc < 5) die("source needs BYTES");
        total = std::strtoull(argv[4], nullptr, 10);
        next = 5;
    }
    bool tls12 = false, close_notify = true, reset = false, digest_on = true;
    int hold_ms = 0;
    unsigned long long limit = 0;
    std::size_t chunk = 16384;
    int trickle_ms = 0;
    int wbuf = 0;
    const char* suites = nullptr;
    for (int i = next; i < argc; ++i) {
        std::string a = argv[i];
        if (a == "--tls1.2") tls12 = true;
        else if (a == "--no-close-notify") close_notify = false;
        else if (a == "--chunk" && i + 1 < argc) chunk = std::strtoul(argv[++i], nullptr, 10);
        else if (a == "--trickle-ms" && i + 1 < argc) trickle_ms = std::atoi(argv[++i]);
        else if (a == "--hold-ms" && i + 1 < argc) hold_ms = std::atoi(argv[++i]);
        else if (a == "--limit" && i + 1 < argc) limit = std::strtoull(argv[++i], nullptr, 10);
        else if (a == "--reset") reset = true, close_notify = false;
        else if (a == "--no-digest") digest_on = false;
        else if (a == "--wbuf" && i + 1 < argc) wbuf = std::atoi(argv[++i]);
        else if (a == "--ciphersuites" && i + 1 < argc) suites = argv[++i];
        else die("unknown option");
    }

    CtxPtr ctx(SSL_CTX_new(TLS_server_method()));
    if (!ctx || SSL_CTX_use_certificate_chain_file(ctx.get(), argv[1]) != 1 ||
        SSL_CTX_use_PrivateKey_file(ctx.get(), argv[2], SSL_FILETYPE_PEM) != 1)
        die("cannot load certificate or key");
    if (tls12) SSL_CTX_set_max_proto_version(ctx.get(), TLS1_2_VERSION);
    if (suites != nullptr && SSL_CTX_set_ciphersuites(ctx.get(), suites) != 1) die("bad --ciphersuites");

    Fd lsock(socket(AF_INET, SOCK_STREAM, 0));
    int one = 1;
    setsockopt(lsock.fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    if (bind(lsock.fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || listen(lsock.fd, 4) != 0 ||
        getsockname(lsock.fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0)
        die("cannot listen");
    std::printf("%d\n", ntohs(addr.sin_port));
    std::fflush(stdout);

    Fd conn(accept(lsock.fd, nullptr, nullptr));
    if (conn.fd < 0) die("accept failed");
    SslPtr ssl(SSL_new(ctx.get()));
    SSL_set_fd(ssl.get(), conn.fd);
    if (SSL_accept(ssl.get()) != 1) die("handshake failed");
    // Whole socket buffers per read: the benchmark's peer must not be the bottleneck.
    SSL_set_read_ahead(ssl.get(), 1);
    if (wbuf > 0) {
        // A buffering BIO between libssl and the socket: records are written in wbuf-sized batches.
        BIO* buffer = BIO_new(BIO_f_buffer());
        if (buffer == nullptr || BIO_set_write_buffer_size(buffer, wbuf) != 1) die("cannot make the write buffer");
        BIO* sock = SSL_get_wbio(ssl.get());
        BIO_up_ref(sock);
        SSL_set0_wbio(ssl.get(), BIO_push(buffer, sock));
    }

    MdPtr md(EVP_MD_CTX_new());
    EVP_DigestInit_ex(md.get(), EVP_sha256(), nullptr);
    unsigned long long moved = 0;
    std::vector<unsigned char> buf(std::max<std::size_t>(chunk, 65536));

    if (mode == "source") {
        const std::vector<unsigned char> pattern = make_pattern(chunk);
        while (moved < total) {
            std::size_t n = static_cast<std::size_t>(std::min<unsigned long long>(chunk, total - moved));
            const unsigned char* slice = pattern.data() + moved % kPatternPeriod;
            if (SSL_write(ssl.get(), slice, static_cast<int>(n)) <= 0) die("write failed");
            if (digest_on) EVP_DigestUpdate(md.get(), slice, n);
            moved += n;
            if (trickle_ms > 0) BIO_flush(SSL_get_wbio(ssl.get()));
            if (trickle_ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(trickle_ms));
        }
    } else {
        while (limit == 0 || moved < limit) {
            int n = SSL_read(ssl.get(), buf.data(), static_cast<int>(buf.size()));
            if (n <= 0) break;
            if (digest_on) EVP_DigestUpdate(md.get(), buf.data(), static_cast<std::size_t>(n));
            moved += static_cast<unsigned long long>(n);
            if (mode == "echo" && (SSL_write(ssl.get(), buf.data(), n) <= 0 || BIO_flush(SSL_get_wbio(ssl.get())) != 1))
                die("echo write failed");
        }
    }
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned dlen = 0;
    EVP_DigestFinal_ex(md.get(), digest, &dlen);
    std::printf("%llu %s\n", moved, digest_on ? hex(digest, dlen).c_str() : "-");
    std::fflush(stdout);
    BIO_flush(SSL_get_wbio(ssl.get()));
    if (hold_ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(hold_ms));
    if (close_notify) SSL_shutdown(ssl.get());
    BIO_flush(SSL_get_wbio(ssl.get()));
    if (reset) {
        linger lg{1, 0};  // close() now sends RST
        setsockopt(conn.fd, SOL_SOCKET, SO_LINGER, &lg, sizeof lg);
    }
    return 0;
}

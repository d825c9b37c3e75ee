#include "tls/dtls.h"

#include <sys/socket.h>

#include "tls/context.h"

namespace sc {
namespace {

// openssl's DGRAM_RCV_TIMEOUT / DGRAM_SND_TIMEOUT (apps/include/timeouts.h).
constexpr long kRecvTimeoutUs = 250000;
constexpr long kSendTimeoutUs = 250000;

}  // namespace

BIO* make_dgram_bio(SSL* ssl, int fd, const Config& cfg, std::vector<std::string>& lines) {
    BioPtr bio(BIO_new_dgram(fd, BIO_NOCLOSE));
    if (!bio) {
        lines.emplace_back("memory allocation failure");
        return nullptr;
    }
    sockaddr_storage peer{};
    socklen_t len = sizeof peer;
    if (::getpeername(fd, reinterpret_cast<sockaddr*>(&peer), &len) == 0)
        BIO_ctrl(bio.get(), BIO_CTRL_DGRAM_SET_CONNECTED, 0, &peer);
    if (cfg.dtls_timeouts) {
        timeval tv{0, kRecvTimeoutUs};
        BIO_ctrl(bio.get(), BIO_CTRL_DGRAM_SET_RECV_TIMEOUT, 0, &tv);
        tv = {0, kSendTimeoutUs};
        BIO_ctrl(bio.get(), BIO_CTRL_DGRAM_SET_SEND_TIMEOUT, 0, &tv);
    }
    if (cfg.mtu > 0) {
        long min = DTLS_get_link_min_mtu(ssl);
        if (cfg.mtu < min) {
            lines.push_back("MTU too small. Must be at least " + std::to_string(min));
            return nullptr;
        }
        SSL_set_options(ssl, SSL_OP_NO_QUERY_MTU);
        if (!DTLS_set_link_mtu(ssl, cfg.mtu)) {
            lines.emplace_back("Failed to set MTU");
            return nullptr;
        }
    } else {
        BIO_ctrl(bio.get(), BIO_CTRL_DGRAM_MTU_DISCOVER, 0, nullptr);
    }
    return bio.release();
}

int dtls_timer_ms(SSL* ssl) {
    if (!SSL_is_dtls(ssl)) return -1;
    timeval tv{};
    if (!DTLSv1_get_timeout(ssl, &tv)) return -1;
    return static_cast<int>(tv.tv_sec * 1000 + (tv.tv_usec + 999) / 1000);
}

void dtls_on_timer(SSL* ssl) {
    if (dtls_timer_ms(ssl) == 0) DTLSv1_handle_timeout(ssl);
}

int with_dtls_timer(SSL* ssl, int limit_ms) {
    int timer = dtls_timer_ms(ssl);
    if (timer < 0) return limit_ms;
    return limit_ms < 0 ? timer : std::min(limit_ms, timer);
}

}  // namespace sc

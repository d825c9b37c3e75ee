#include "observe/state.h"

namespace sc {

std::string state_line(const SSL* ssl, int where, int ret) {
    int w = where & ~SSL_ST_MASK;
    const char* role = (w & SSL_ST_CONNECT) ? "SSL_connect" : (w & SSL_ST_ACCEPT) ? "SSL_accept" : "undefined";
    if (where & SSL_CB_LOOP) return std::string(role) + ":" + SSL_state_string_long(ssl) + "\n";
    if (where & SSL_CB_ALERT) {
        return std::string("SSL3 alert ") + ((where & SSL_CB_READ) ? "read" : "write") + ":" +
               SSL_alert_type_string_long(ret) + ":" + SSL_alert_desc_string_long(ret) + "\n";
    }
    if (where & SSL_CB_EXIT) {
        // ret 0: the handshake failed; ret < 0: it stopped (a retry, or an error).
        if (ret == 0) return std::string(role) + ":failed in " + SSL_state_string_long(ssl) + "\n";
        if (ret < 0) return std::string(role) + ":error in " + SSL_state_string_long(ssl) + "\n";
    }
    return {};
}

}  // namespace sc

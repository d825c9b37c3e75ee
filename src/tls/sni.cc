#include "tls/sni.h"

namespace sc {

bool looks_like_dns_name(const std::string& host) {
    constexpr std::size_t kMaxLabel = 63;
    bool several_labels = false;
    bool all_digits = true;
    std::size_t label = 0;
    const std::size_t n = host.size();
    for (std::size_t i = 0; i < n && label < kMaxLabel; ++i) {
        char c = host[i];
        bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
        if (letter || (c >= '0' && c <= '9')) {
            ++label;
            if (letter) all_digits = false;
            continue;
        }
        // '-' and '.' only inside the name; no ".." nor "-." nor ".-".
        bool inside = i > 0 && i + 1 < n;
        if (inside && c == '-') {
            ++label;
            continue;
        }
        if (inside && c == '.' && host[i + 1] != '.' && host[i - 1] != '-' && host[i + 1] != '-') {
            label = 0;
            several_labels = true;
            continue;
        }
        return false;
    }
    return several_labels && !all_digits && label != kMaxLabel;
}

std::optional<std::string> choose_sni(const std::optional<std::string>& servername, bool noservername,
                                      const std::string& host, bool host_given, bool dane) {
    if (noservername) return std::nullopt;
    if (servername) return servername;
    if (dane) return std::nullopt;
    if (!host_given) return std::string("localhost");
    if (looks_like_dns_name(host)) return host;
    return std::nullopt;
}

}  // namespace sc

#include "net/proxy.h"

#include <openssl/evp.h>

#include "cli/value_parsers.h"
#include "starttls/conversation.h"
#include "starttls/text_replies.h"
#include "util/pass_source.h"

namespace sc {
namespace {

std::string base64(const std::string& in) {
    std::string out(4 * ((in.size() + 2) / 3) + 1, '\0');
    int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                            reinterpret_cast<const unsigned char*>(in.data()), static_cast<int>(in.size()));
    out.resize(n > 0 ? static_cast<std::size_t>(n) : 0);
    return out;
}

}  // namespace

std::variant<std::optional<ProxyPlan>, ProxySetupError> plan_proxy(const Config& cfg, const Target& target) {
    if (!cfg.proxy) return std::optional<ProxyPlan>();
    if (!cfg.connect)
        return ProxySetupError{{"s_client: -proxy requires use of -connect or target parameter",
                                "s_client: Use -help for summary."}};
    auto parsed = parse_host_port(*cfg.proxy);
    if (auto* err = std::get_if<std::string>(&parsed)) return ProxySetupError{{"s_client: -proxy: " + *err}};
    const auto& hp = std::get<HostPort>(parsed);
    if (!hp.has_host || hp.host.empty())
        return ProxySetupError{{"s_client: -proxy: missing proxy host in " + *cfg.proxy}};
    ProxyPlan plan;
    plan.proxy.host = hp.host;
    plan.proxy.port = hp.has_port && !hp.port.empty() ? hp.port : "80";
    std::string host = target.host.empty() ? std::string("localhost") : target.host;
    // openssl 3.0 sends "CONNECT ::1:443", which no proxy can split; RFC 3986 brackets it.
    if (host.find(':') != std::string::npos) host = "[" + host + "]";
    plan.authority = host + ":" + target.port;
    if (cfg.proxy_pass && !cfg.proxy_user)
        return ProxySetupError{{"Error: Must specify proxy_user with proxy_pass"}};
    if (cfg.proxy_user) {
        std::string pass;
        if (cfg.proxy_pass) {
            auto got = read_pass_source(*cfg.proxy_pass);
            if (auto* err = std::get_if<PassError>(&got))
                return ProxySetupError{{err->message, "Error getting proxy password"}};
            pass = std::get<std::string>(got);
        }
        plan.credentials = *cfg.proxy_user + ":" + pass;
    }
    return std::optional<ProxyPlan>(plan);
}

std::string connect_request(const ProxyPlan& plan) {
    // openssl's request (OSSL_HTTP_proxy_connect), byte for byte.
    std::string req = "CONNECT " + plan.authority + " HTTP/1.0\r\nProxy-Connection: Keep-Alive\r\n";
    if (plan.credentials) req += "Proxy-Authorization: Basic " + base64(*plan.credentials) + "\r\n";
    return req + "\r\n";
}

std::optional<std::string> proxy_connect(LineReader& reader, const ProxyPlan& plan) {
    const std::string prefix = "s_client: HTTP CONNECT failed";
    if (!reader.send(connect_request(plan))) return prefix + ": cannot send: " + reader.failure_text();
    auto status = reader.line();
    if (!status) return prefix + ": no reply from the proxy: " + reader.failure_text();
    auto parsed = starttls::parse_http_status_line(*status);
    if (!parsed.valid || parsed.major != 1)
        return prefix + ", non-HTTP response: \"" + starttls::printable(*status) + "\"";
    if (parsed.code < 200 || parsed.code > 299)
        return prefix + ": proxy answered \"" + starttls::printable(*status) + "\"";
    while (true) {
        auto header = reader.line();
        if (!header) return prefix + ": reading the proxy's reply headers: " + reader.failure_text();
        if (starttls::chomp(*header).empty()) return std::nullopt;
    }
}

}  // namespace sc

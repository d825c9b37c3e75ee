// -srpuser, -srppass, -srp_lateuser, -srp_moregroups, -srp_strength: SRP
// (RFC 5054) logins. libssl 3 deprecates its SRP API; only srp.cc uses it.
#pragma once

#include <openssl/ssl.h>

#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "cli/config.h"
#include "io/sink.h"

namespace sc {

class SrpLogin {
public:
    // Null when -srpuser was not given. Must outlive the context.
    static std::variant<std::unique_ptr<SrpLogin>, std::vector<std::string>> install(SSL_CTX* ctx, const Config& cfg,
                                                                                   Sink& err);

private:
    SrpLogin(std::string password, bool moregroups, bool show_params, Sink& err)
        : password_(std::move(password)), moregroups_(moregroups), show_params_(show_params), err_(err) {}
    static char* give_password(SSL*, void* arg);
    static int check_group(SSL* ssl, void* arg);

    std::string password_;
    bool moregroups_;
    bool show_params_;  // -msg / -debug print the server's N and g
    Sink& err_;
};

}  // namespace sc

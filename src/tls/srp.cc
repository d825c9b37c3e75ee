// The one file that uses libssl's deprecated SRP API.
#define OPENSSL_SUPPRESS_DEPRECATED
#include "tls/srp.h"

#include <openssl/bn.h>
#include <openssl/crypto.h>
#include <openssl/srp.h>

#include "report/ossl_text.h"
#include "util/pass_source.h"

namespace sc {
namespace {

// openssl's srp_Verify_N_and_g: N a safe prime and g a generator of the
// whole group, for groups that are not among the RFC 5054 ones (-srp_moregroups).
bool is_safe_group(const BIGNUM* N, const BIGNUM* g) {
    using BnPtr = std::unique_ptr<BIGNUM, decltype(&BN_free)>;
    std::unique_ptr<BN_CTX, decltype(&BN_CTX_free)> bn_ctx(BN_CTX_new(), BN_CTX_free);
    BnPtr r(BN_new(), BN_free), p(BN_new(), BN_free);
    if (!bn_ctx || !r || !p) return false;
    if (BN_check_prime(N, bn_ctx.get(), nullptr) <= 0) return false;
    if (!BN_rshift1(p.get(), N) || BN_check_prime(p.get(), bn_ctx.get(), nullptr) <= 0) return false;
    // g^((N-1)/2) must be N-1 (i.e. -1 mod N).
    if (!BN_mod_exp(r.get(), g, p.get(), N, bn_ctx.get()) || !BN_add_word(r.get(), 1)) return false;
    return BN_cmp(r.get(), N) == 0;
}

constexpr int kMaxGeneratorBits = 128;  // openssl's BN_BITS

}  // namespace

std::variant<std::unique_ptr<SrpLogin>, std::vector<std::string>> SrpLogin::install(SSL_CTX* ctx, const Config& cfg,
                                                                                   Sink& err) {
    if (!cfg.srp_user) return std::unique_ptr<SrpLogin>();
    std::string password;
    if (cfg.srp_pass) {
        auto read = read_pass_source(*cfg.srp_pass);
        if (auto* e = std::get_if<PassError>(&read)) return std::vector<std::string>{e->message, "Error getting password"};
        password = std::get<std::string>(read);
    }
    std::unique_ptr<SrpLogin> login(
        new SrpLogin(std::move(password), cfg.srp_moregroups, cfg.msg || cfg.debug, err));
    // -srp_lateuser: the name is not in the first ClientHello.
    if (!cfg.srp_lateuser && !SSL_CTX_set_srp_username(ctx, const_cast<char*>(cfg.srp_user->c_str())))
        return std::vector<std::string>{"Unable to set SRP username"};
    SSL_CTX_set_srp_cb_arg(ctx, login.get());
    SSL_CTX_set_srp_client_pwd_callback(ctx, give_password);
    SSL_CTX_set_srp_strength(ctx, cfg.srp_strength);
    if (login->show_params_ || !login->moregroups_) SSL_CTX_set_srp_verify_param_callback(ctx, check_group);
    return login;
}

// libssl frees the copy it is given.
char* SrpLogin::give_password(SSL*, void* arg) {
    auto* self = static_cast<SrpLogin*>(arg);
    return OPENSSL_strdup(self->password_.c_str());
}

int SrpLogin::check_group(SSL* ssl, void* arg) {
    auto* self = static_cast<SrpLogin*>(arg);
    BIGNUM* N = SSL_get_srp_N(ssl);
    BIGNUM* g = SSL_get_srp_g(ssl);
    if (N == nullptr || g == nullptr) return 0;
    if (self->show_params_ || self->moregroups_) {
        self->err_.write("SRP parameters:\n\tN=" + capture_bio([&](BIO* b) { BN_print(b, N); }) +
                         "\n\tg=" + capture_bio([&](BIO* b) { BN_print(b, g); }) + "\n");
    }
    if (SRP_check_known_gN_param(g, N) != nullptr) return 1;
    if (self->moregroups_ && BN_num_bits(g) <= kMaxGeneratorBits && is_safe_group(N, g)) return 1;
    self->err_.write("SRP param N and g rejected.\n");
    return 0;
}

}  // namespace sc

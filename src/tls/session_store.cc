#include "tls/session_store.h"

#include <openssl/err.h>
#include <openssl/pem.h>

#include <fstream>
#include <iterator>

#include "tls/context.h"

namespace sc {
namespace {

void append(std::vector<std::string>& to, std::vector<std::string> from) {
    for (auto& l : from) to.push_back(std::move(l));
}

// openssl's messages: a missing file and an unparsable one read the same.
std::variant<SslSessionPtr, std::vector<std::string>> read_session(const std::string& path, const char* open_msg,
                                                                   const char* read_msg) {
    ERR_clear_error();
    BioPtr in(BIO_new_file(path.c_str(), "r"));
    if (!in) {
        std::vector<std::string> lines{open_msg + path};
        append(lines, drain_openssl_errors());
        return lines;
    }
    SslSessionPtr s(PEM_read_bio_SSL_SESSION(in.get(), nullptr, nullptr, nullptr));
    if (!s) {
        std::vector<std::string> lines{read_msg + path};
        append(lines, drain_openssl_errors());
        return lines;
    }
    return s;
}

std::string hex_to_binary(const std::string& hex) {
    std::string out;
    // openssl's OPENSSL_hexstr2buf wants pairs; -psk checked the digits.
    std::string digits = hex.size() % 2 ? "0" + hex : hex;
    for (std::size_t i = 0; i < digits.size(); i += 2)
        out.push_back(static_cast<char>(std::stoi(digits.substr(i, 2), nullptr, 16)));
    return out;
}

// One ex_data slot on SSL_CTX for the store; the index is process-wide,
// the data is per context.
int store_index() {
    static const int index = SSL_CTX_get_ex_new_index(0, nullptr, nullptr, nullptr, nullptr);
    return index;
}

}  // namespace

std::variant<std::unique_ptr<SessionStore>, std::vector<std::string>> SessionStore::open(const Config& cfg) {
    std::unique_ptr<SessionStore> store(new SessionStore());
    store->sess_out_ = cfg.sess_out;
    store->psk_identity_ = cfg.psk_identity;
    if (cfg.psk) store->psk_key_ = hex_to_binary(*cfg.psk);
    if (cfg.sess_in) {
        auto r = read_session(*cfg.sess_in, "Can't open session file ", "Can't open session file ");
        if (auto* lines = std::get_if<std::vector<std::string>>(&r)) return *lines;
        store->latest_ = std::move(std::get<SslSessionPtr>(r));
    }
    if (cfg.psk_session) {
        auto r = read_session(*cfg.psk_session, "Can't open PSK session file ", "Can't read PSK session file ");
        if (auto* lines = std::get_if<std::vector<std::string>>(&r)) return *lines;
        store->psk_session_ = std::move(std::get<SslSessionPtr>(r));
    }
    if (cfg.early_data) {
        // Read now: an unreadable file is a usage error, not a failed connection.
        std::ifstream in(*cfg.early_data, std::ios::binary);
        if (!in) return std::vector<std::string>{"Cannot open early data file " + *cfg.early_data};
        store->early_data_ = std::string(std::istreambuf_iterator<char>(in), {});
    }
    return store;
}

std::vector<std::string> SessionStore::offer(SSL* ssl) const {
    if (!latest_) return {};
    if (SSL_set_session(ssl, latest_.get())) return {};
    std::vector<std::string> lines{"Can't set session"};
    append(lines, drain_openssl_errors());
    return lines;
}

void SessionStore::remember(SSL_SESSION* session, Sink& err) {
    if (SSL_SESSION_is_resumable(session)) {
        SSL_SESSION_up_ref(session);
        latest_.reset(session);
    }
    if (!sess_out_) return;
    BioPtr out(BIO_new_file(sess_out_->c_str(), "w"));
    if (!out || !PEM_write_bio_SSL_SESSION(out.get(), session)) {
        err.write("Error writing session file " + *sess_out_ + "\n");
        ERR_clear_error();
    }
}

bool SessionStore::early_data_possible(SSL* ssl) const {
    if (!early_data_) return false;
    SSL_SESSION* s = SSL_get0_session(ssl);
    return (s != nullptr && SSL_SESSION_get_max_early_data(s) > 0) ||
           (psk_session_ && SSL_SESSION_get_max_early_data(psk_session_.get()) > 0);
}

void SessionStore::install_psk(SSL_CTX* ctx) {
    if (!psk_key_ && !psk_session_) return;
    SSL_CTX_set_ex_data(ctx, store_index(), this);
    if (psk_key_) SSL_CTX_set_psk_client_callback(ctx, psk_client_callback);
    SSL_CTX_set_psk_use_session_callback(ctx, psk_use_session_callback);
}

SessionStore* SessionStore::from(SSL* ssl) {
    return static_cast<SessionStore*>(SSL_CTX_get_ex_data(SSL_get_SSL_CTX(ssl), store_index()));
}

// TLS 1.2 and below: PSK cipher suites ask for identity and key here.
unsigned int SessionStore::psk_client_callback(SSL* ssl, const char* /*hint*/, char* identity,
                                               unsigned int max_identity, unsigned char* psk, unsigned int max_psk) {
    SessionStore* self = from(ssl);
    if (self == nullptr || !self->psk_key_) return 0;
    if (self->psk_identity_.size() + 1 > max_identity || self->psk_key_->size() > max_psk) return 0;
    std::copy(self->psk_identity_.begin(), self->psk_identity_.end(), identity);
    identity[self->psk_identity_.size()] = '\0';
    std::copy(self->psk_key_->begin(), self->psk_key_->end(), psk);
    return static_cast<unsigned int>(self->psk_key_->size());
}

// TLS 1.3: the PSK is a session, from -psk_session or made from -psk with
// TLS_AES_128_GCM_SHA256 (openssl's default), offered under -psk_identity.
int SessionStore::psk_use_session_callback(SSL* ssl, const EVP_MD* md, const unsigned char** id, size_t* id_len,
                                           SSL_SESSION** session) {
    SessionStore* self = from(ssl);
    if (self == nullptr) return 0;
    SslSessionPtr use;
    if (self->psk_session_) {
        SSL_SESSION_up_ref(self->psk_session_.get());
        use.reset(self->psk_session_.get());
    } else {
        static const unsigned char kAes128GcmSha256[] = {0x13, 0x01};
        const SSL_CIPHER* cipher = SSL_CIPHER_find(ssl, kAes128GcmSha256);
        use.reset(SSL_SESSION_new());
        const auto* key = reinterpret_cast<const unsigned char*>(self->psk_key_->data());
        if (cipher == nullptr || !use || !SSL_SESSION_set1_master_key(use.get(), key, self->psk_key_->size()) ||
            !SSL_SESSION_set_cipher(use.get(), cipher) || !SSL_SESSION_set_protocol_version(use.get(), TLS1_3_VERSION))
            return 0;
    }
    const SSL_CIPHER* cipher = SSL_SESSION_get0_cipher(use.get());
    if (cipher == nullptr) return 0;
    if (md != nullptr && SSL_CIPHER_get_handshake_digest(cipher) != md) {
        // Not usable with the suite the server chose: offer nothing.
        *id = nullptr;
        *id_len = 0;
        *session = nullptr;
        return 1;
    }
    *session = use.release();
    *id = reinterpret_cast<const unsigned char*>(self->psk_identity_.c_str());
    *id_len = self->psk_identity_.size();
    return 1;
}

}  // namespace sc

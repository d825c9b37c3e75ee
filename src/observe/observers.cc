#include "observe/observers.h"

#include <fcntl.h>
#include <openssl/err.h>

#include "observe/bio_debug.h"
#include "observe/msg.h"
#include "observe/security.h"
#include "observe/state.h"
#include "observe/status.h"
#include "observe/tlsext.h"
#include "tls/context.h"

namespace sc {
namespace {

// One ex_data slot for every SSL we make; the slot index is process-wide
// (as libssl's indexes are), what it points to is per connection.
int observers_index() {
    static const int index = SSL_get_ex_new_index(0, nullptr, nullptr, nullptr, nullptr);
    return index;
}

Observers* from_ssl(const SSL* ssl) {
    return ssl != nullptr ? static_cast<Observers*>(SSL_get_ex_data(ssl, observers_index())) : nullptr;
}

void info_trampoline(const SSL* ssl, int where, int ret) {
    if (Observers* o = from_ssl(ssl)) o->on_info(ssl, where, ret);
}
void msg_trampoline(int write_p, int version, int content_type, const void* buf, size_t len, SSL*, void* arg) {
    static_cast<Observers*>(arg)->on_msg(write_p, version, content_type, buf, len);
}
void tlsext_trampoline(SSL*, int client_server, int type, const unsigned char* data, int len, void* arg) {
    static_cast<Observers*>(arg)->on_tlsext(client_server, type, data, len);
}
int status_trampoline(SSL* ssl, void*) {
    Observers* o = from_ssl(ssl);
    return o != nullptr ? o->on_status(ssl) : 1;
}
void keylog_trampoline(const SSL* ssl, const char* line) {
    if (Observers* o = from_ssl(ssl)) o->on_keylog(line);
}
int security_trampoline(const SSL* s, const SSL_CTX* ctx, int op, int bits, int nid, void* other, void* ex) {
    return static_cast<Observers*>(ex)->on_security(s, ctx, op, bits, nid, other);
}
long bio_trampoline(BIO* bio, int oper, const char* argp, size_t len, int, long, int ret, size_t* processed) {
    if (auto* o = reinterpret_cast<Observers*>(BIO_get_callback_arg(bio)))
        o->on_bio(bio, oper, argp, len, ret, processed);
    return ret;
}

// A BIO that writes into a Sink, so that SSL_trace (which prints to a BIO)
// goes where -msg output goes.
int sink_write(BIO* b, const char* data, int len) {
    static_cast<Sink*>(BIO_get_data(b))->write(std::string_view(data, static_cast<std::size_t>(len)));
    return len;
}
int sink_puts(BIO* b, const char* text) { return sink_write(b, text, static_cast<int>(std::char_traits<char>::length(text))); }
// Only flushing is supported: answering other controls (BIO_set_indent, say)
// would make libcrypto's printers skip the prefix filter they push otherwise.
long sink_ctrl(BIO* b, int cmd, long, void*) {
    if (cmd != BIO_CTRL_FLUSH) return 0;
    static_cast<Sink*>(BIO_get_data(b))->flush();
    return 1;
}

}  // namespace

bool trace_available() {
#if SC_HAVE_SSL_TRACE
    return true;
#else
    return false;
#endif
}

Observers::Observers(const Config& cfg, const ObserverSinks& sinks)
    : cfg_(cfg), sinks_(sinks), msg_sink_(&sinks.stdout_real) {}

Observers::~Observers() = default;

std::variant<std::unique_ptr<Observers>, std::vector<std::string>> Observers::create(SSL_CTX* ctx, const Config& cfg,
                                                                                       const ObserverSinks& sinks) {
    std::unique_ptr<Observers> o(new Observers(cfg, sinks));
    if (auto err = o->prepare(ctx)) return std::move(*err);
    return o;
}

std::optional<std::vector<std::string>> Observers::prepare(SSL_CTX* ctx) {
    if (cfg_.msgfile) {
        // openssl opens it with fopen("w"): created 0666 & umask, truncated.
        msgfile_fd_.reset(::open(cfg_.msgfile->c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666));
        if (!msgfile_fd_) return std::vector<std::string>{"Error writing file " + *cfg_.msgfile};
        msgfile_ = std::make_unique<FdSink>(msgfile_fd_.get(), true);
        msg_sink_ = msgfile_.get();
    }
    if (cfg_.keylogfile) {
        if (!keylog_.open(*cfg_.keylogfile)) return std::vector<std::string>{"Error writing keylog file " + *cfg_.keylogfile};
        SSL_CTX_set_keylog_callback(ctx, keylog_trampoline);
    }
    if (cfg_.security_debug > 0) {
        // Wrap libssl's own policy: we only print its verdicts.
        default_security_ = SSL_CTX_get_security_callback(ctx);
        SSL_CTX_set_security_callback(ctx, security_trampoline);
        SSL_CTX_set0_security_ex_data(ctx, this);
    }
    if (cfg_.ct) {
        // Permissive: SCTs are reported, a missing one does not end the handshake.
        if (!SSL_CTX_enable_ct(ctx, SSL_CT_VALIDATION_PERMISSIVE)) return drain_openssl_errors();
    }
    // The log list is loaded even without -ct so that SCTs seen can be named.
    int loaded = cfg_.ctlogfile ? SSL_CTX_set_ctlog_list_file(ctx, cfg_.ctlogfile->c_str())
                                : SSL_CTX_set_default_ctlog_list_file(ctx);
    if (!loaded) {
        if (cfg_.ct) return drain_openssl_errors();
        ERR_clear_error();
    }
    if (cfg_.status) SSL_CTX_set_tlsext_status_cb(ctx, status_trampoline);
    if (cfg_.trace) {
        sink_method_.reset(BIO_meth_new(BIO_get_new_index() | BIO_TYPE_SOURCE_SINK, "s_client sink"));
        if (!sink_method_ || !BIO_meth_set_write(sink_method_.get(), sink_write) ||
            !BIO_meth_set_puts(sink_method_.get(), sink_puts) || !BIO_meth_set_ctrl(sink_method_.get(), sink_ctrl))
            return drain_openssl_errors();
        trace_bio_.reset(BIO_new(sink_method_.get()));
        if (!trace_bio_) return drain_openssl_errors();
        BIO_set_data(trace_bio_.get(), msg_sink_);
        BIO_set_init(trace_bio_.get(), 1);
    }
    return std::nullopt;
}

BIO* Observers::wrap_socket_bio(BIO* socket_bio) {
    BIO* top = socket_bio;
    if (cfg_.nbio_test) {
        if (BIO* test = BIO_new(BIO_f_nbio_test())) top = BIO_push(test, socket_bio);
    }
    if (cfg_.debug) {
        BIO_set_callback_ex(top, bio_trampoline);
        BIO_set_callback_arg(top, reinterpret_cast<char*>(this));
    }
    return top;
}

bool Observers::install(SSL* ssl) {
    if (!SSL_set_ex_data(ssl, observers_index(), this)) return false;
    if (cfg_.state) SSL_set_info_callback(ssl, info_trampoline);
    if (cfg_.msg) {
#if SC_HAVE_SSL_TRACE
        if (cfg_.trace) {
            SSL_set_msg_callback(ssl, SSL_trace);
            SSL_set_msg_callback_arg(ssl, trace_bio_.get());
        } else
#endif
        {
            SSL_set_msg_callback(ssl, msg_trampoline);
            SSL_set_msg_callback_arg(ssl, this);
        }
    }
    if (cfg_.tlsextdebug) {
        SSL_set_tlsext_debug_callback(ssl, tlsext_trampoline);
        SSL_set_tlsext_debug_arg(ssl, this);
    }
    if (cfg_.status && !SSL_set_tlsext_status_type(ssl, TLSEXT_STATUSTYPE_ocsp)) return false;
    return true;
}

void Observers::note_retry(const char* op, int ssl_error) {
    // openssl prints these in blocking mode too (after a ticket, say); we
    // keep them to -nbio/-nbio_test, where they mean something (DESIGN 2.8).
    if (!cfg_.nbio && !cfg_.nbio_test) return;
    if (ssl_error == SSL_ERROR_WANT_WRITE) sinks_.report.write(std::string(op) + " W BLOCK\n");
    else if (ssl_error == SSL_ERROR_WANT_READ) sinks_.report.write(std::string(op) + " R BLOCK\n");
}

std::string Observers::nbio_banner() const { return cfg_.nbio ? "Turned on non blocking io\n" : ""; }

void Observers::on_info(const SSL* ssl, int where, int ret) {
    // Our socket is always non-blocking; openssl's is blocking unless -nbio,
    // so a retry ("error in") is only shown where openssl would show it.
    if ((where & SSL_CB_EXIT) && ret < 0 && !cfg_.nbio && !cfg_.nbio_test) {
        int e = SSL_get_error(ssl, ret);
        if (e == SSL_ERROR_WANT_READ || e == SSL_ERROR_WANT_WRITE) return;
    }
    std::string line = state_line(ssl, where, ret);
    if (!line.empty()) sinks_.err.write(line);
}

void Observers::on_msg(int write_p, int version, int content_type, const void* buf, std::size_t len) {
    msg_sink_->write(msg_text(write_p, version, content_type, buf, len));
    msg_sink_->flush();
}

void Observers::on_tlsext(int client_server, int type, const unsigned char* data, int len) {
    sinks_.report.write(tlsext_text(client_server, type, data, len));
    sinks_.report.flush();
}

int Observers::on_status(SSL* ssl) {
    const unsigned char* der = nullptr;
    long len = SSL_get_tlsext_status_ocsp_resp(ssl, &der);
    if (der != nullptr && len > 0) ocsp_der_ = std::string(reinterpret_cast<const char*>(der), static_cast<std::size_t>(len));
    OcspStatusText text = ocsp_status_text(der, len);
    sinks_.report.write(text.text);
    return text.ok ? 1 : 0;
}

void Observers::on_keylog(const char* line) { keylog_.write_line(line); }

int Observers::on_security(const SSL* s, const SSL_CTX* ctx, int op, int bits, int nid, void* other) {
    int verdict = default_security_ != nullptr ? default_security_(s, ctx, op, bits, nid, other, nullptr) : 1;
    if (verdict == 1 && cfg_.security_debug < 2) return verdict;
    sinks_.err.write(security_text(op, bits, nid, other, verdict));
    return verdict;
}

void Observers::on_bio(BIO* bio, int oper, const char* argp, std::size_t len, int ret, const std::size_t* processed) {
    bool write = oper == (BIO_CB_WRITE | BIO_CB_RETURN);
    if (!write && oper != (BIO_CB_READ | BIO_CB_RETURN)) return;
    // A would-block on our non-blocking socket is no event in openssl's
    // blocking one: show it only where openssl's socket is non-blocking too.
    if (ret <= 0 && BIO_should_retry(bio) && !cfg_.nbio && !cfg_.nbio_test) return;
    sinks_.report.write(bio_op_text(write, bio, argp, len, ret, processed));
}

}  // namespace sc

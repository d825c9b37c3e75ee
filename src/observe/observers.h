// The debug and inspection observers: -state, -msg/-msgfile/-trace, -debug,
// -tlsextdebug, -security_debug[_verbose], -status, -ct, -keylogfile, -nbio
// and -nbio_test. The text of each lives in its own file; this object owns
// their per-connection state (files, sinks, the OCSP response seen) and the
// libssl/libcrypto callbacks find it again through the SSL's ex_data or the
// callback argument, so nothing here is global.
#pragma once

#include <openssl/ssl.h>

#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "cli/config.h"
#include "io/sink.h"
#include "observe/keylog.h"
#include "tls/ossl_ptr.h"
#include "util/unique_fd.h"

namespace sc {

struct ObserverSinks {
    Sink& report;       // openssl's bio_c_out: stdout, or nothing under -quiet/-brief
    Sink& err;          // stderr
    Sink& stdout_real;  // stdout even under -quiet/-brief, where -msg still goes
};

using BioMethodPtr = OsslPtr<BIO_METHOD, BIO_meth_free>;

// Whether this libssl has SSL_trace (-trace); detected when building.
bool trace_available();

class Observers {
public:
    // Opens -msgfile/-keylogfile and applies the context-wide parts (key
    // log, security callback, CT, OCSP callback) to ctx, which must not have
    // made an SSL yet. On failure returns openssl's stderr lines.
    static std::variant<std::unique_ptr<Observers>, std::vector<std::string>> create(SSL_CTX* ctx, const Config& cfg,
                                                                                       const ObserverSinks& sinks);
    ~Observers();
    Observers(const Observers&) = delete;
    Observers& operator=(const Observers&) = delete;

    // The socket BIO as libssl should see it: under -nbio_test behind the
    // random-retry filter, under -debug with the dump callback. Takes and
    // returns ownership (pass the result to SSL_set_bio).
    BIO* wrap_socket_bio(BIO* socket_bio);
    // Per-connection callbacks; call right after SSL_new.
    bool install(SSL* ssl);

    // -nbio/-nbio_test: an SSL call answered WANT_READ/WANT_WRITE; op is the
    // call's direction ("read", "write"), as openssl's BLOCK lines name it.
    void note_retry(const char* op, int ssl_error);
    // The line -nbio prints after CONNECTED, or "".
    std::string nbio_banner() const;

    // The DER OCSP response stapled by the server (-status), if any.
    const std::optional<std::string>& ocsp_response() const { return ocsp_der_; }

    // Entry points for the C callbacks (observers.cc).
    void on_info(const SSL* ssl, int where, int ret);
    void on_msg(int write_p, int version, int content_type, const void* buf, std::size_t len);
    void on_tlsext(int client_server, int type, const unsigned char* data, int len);
    int on_status(SSL* ssl);
    void on_keylog(const char* line);
    int on_security(const SSL* s, const SSL_CTX* ctx, int op, int bits, int nid, void* other);
    void on_bio(BIO* bio, int oper, const char* argp, std::size_t len, int ret, const std::size_t* processed);

private:
    Observers(const Config& cfg, const ObserverSinks& sinks);
    std::optional<std::vector<std::string>> prepare(SSL_CTX* ctx);

    const Config& cfg_;
    ObserverSinks sinks_;
    UniqueFd msgfile_fd_;
    std::unique_ptr<FdSink> msgfile_;
    Sink* msg_sink_;
    KeylogFile keylog_;
    BioMethodPtr sink_method_;  // a BIO writing to msg_sink_, for SSL_trace
    BioPtr trace_bio_;
    int (*default_security_)(const SSL*, const SSL_CTX*, int, int, int, void*, void*) = nullptr;
    std::optional<std::string> ocsp_der_;
};

}  // namespace sc

// Everything the command line says, as plain data. The option table fills it;
// the rest of the program only reads it.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace sc {

enum class AddressFamily { Any, V4Only, V6Only };

// -certform/-keyform: openssl 3 detects the format itself, so only ENGINE
// (the key is an engine's key id) changes what happens.
enum class IdentityFormat { Pem, Der, Pkcs12, Engine };

// One verification-parameter option (-purpose, -crl_check, ...), kept in the
// order given because later ones may override earlier ones.
struct VerifyParamOption {
    std::string name;   // without the leading '-'
    std::string value;  // empty for flags
};

// One libssl configuration command (-cipher, -groups, -no_tls1, ...), passed
// to SSL_CONF_cmd in the order given, exactly as openssl s_client does.
struct SslConfCommand {
    std::string name;   // with the leading '-', as SSL_CONF_cmd expects
    std::optional<std::string> value;
};

struct Config {
    // Where to connect.
    std::optional<std::string> connect;  // -connect or the positional target
    std::optional<std::string> host;     // -host
    std::optional<std::string> port;     // -port
    std::optional<std::string> unix_path;
    std::optional<std::string> bind;
    AddressFamily family = AddressFamily::Any;
    double connect_timeout_seconds = 30;

    // SNI.
    std::optional<std::string> servername;
    bool noservername = false;

    // Protocol versions from -tls1 ... -tls1_3 (0 = library default).
    int min_version = 0;
    int max_version = 0;
    int protocol_flags_given = 0;
    std::vector<SslConfCommand> ssl_conf;
    std::optional<std::string> alpn;
    bool ignore_unexpected_eof = false;

    // Verification.
    bool verify_peer = false;          // -verify N or -verify_return_error
    std::optional<int> verify_depth_tolerance;  // N of -verify N
    bool verify_return_error = false;
    bool verify_quiet = false;
    std::optional<std::string> ca_file, ca_path, ca_store;
    bool no_ca_file = false, no_ca_path = false, no_ca_store = false;
    std::vector<VerifyParamOption> verify_params;

    // Output.
    unsigned long nameopt = 0;
    bool nameopt_set = false;
    bool quiet = false;
    bool brief = false;
    bool showcerts = false;
    bool prexit = false;

    // Debug and inspection (-state, -msg, -debug, ... : src/observe/).
    bool state = false;
    bool msg = false;
    bool trace = false;                  // -trace: SSL_trace instead of our -msg printer
    std::optional<std::string> msgfile;  // -msg/-trace output goes here instead of stdout
    bool debug = false;
    bool tlsextdebug = false;
    int security_debug = 0;              // 1: -security_debug, 2: -security_debug_verbose
    bool status = false;                 // request OCSP stapling
    bool ct = false;                     // -ct (the last of -ct/-noct wins)
    std::optional<std::string> ctlogfile;
    std::optional<std::string> keylogfile;
    std::optional<std::string> keymatexport;  // the label
    int keymatexportlen = 20;
    bool nbio = false;
    bool nbio_test = false;

    // Relay.
    bool crlf = false;
    std::optional<bool> ign_eof;  // unset: the default for the mode
    bool nocommands = false;
    double idle_timeout_seconds = 0;  // -idle_timeout: 0 waits as long as openssl does

    // STARTTLS and proxy
    std::optional<std::string> starttls;       // -starttls protocol name
    std::optional<std::string> starttls_name;  // -name / -xmpphost
    std::optional<std::string> proxy;          // -proxy host:port (HTTP CONNECT)
    std::optional<std::string> proxy_user;
    std::optional<std::string> proxy_pass;     // a pass-phrase source, read before connecting

    // Sessions and client identity
    bool reconnect = false;                       // -reconnect: 5 more connections
    std::optional<std::string> sess_out, sess_in;
    std::optional<std::string> early_data;        // file sent as 0-RTT data
    std::string psk_identity = "Client_identity"; // openssl's default
    std::optional<std::string> psk;               // hex, checked when given
    std::optional<std::string> psk_session;
    bool enable_pha = false;
    std::optional<std::string> cert, key, cert_chain;
    IdentityFormat cert_format = IdentityFormat::Pem, key_format = IdentityFormat::Pem;
    std::optional<std::string> pass;              // a pass-phrase source for -key, -cert, -cert_chain
    bool build_chain = false;
    std::optional<std::string> chain_ca_file, chain_ca_path, chain_ca_store;
    std::optional<std::string> verify_ca_file, verify_ca_path, verify_ca_store;
    std::optional<std::string> request_ca_file;
    std::optional<std::string> xkey, xcert, xchain;  // the extended certificate (one, as openssl s_client)
    bool xchain_build = false;
    IdentityFormat xcert_format = IdentityFormat::Pem, xkey_format = IdentityFormat::Pem;
    // Engines, providers and randomness.
    std::optional<std::string> engine, ssl_client_engine;
    std::vector<std::string> providers;           // loaded in order
    std::optional<std::string> provider_path, propquery;
    std::optional<std::string> rand_files;        // ':'-separated
    std::optional<std::string> writerand;
    std::optional<std::string> ssl_config;
    // Machine-readable report and probes
    bool json = false;     // -json: one JSON document on stdout instead of the text summary
    bool timings = false;  // -timings: where the time went, a short block on stderr at the end
    // -ssl3 / -ssl2: a hand-built ClientHello of that protocol instead of a
    // TLS handshake (libssl 3 speaks neither). 0: no probe.
    int legacy_probe = 0;  // SSL3_VERSION (0x0300) or SSL2_VERSION (0x0002)

    // Remaining options (issue 7)
    // Record layer and buffers (0: the library default).
    int maxfraglen = 0;             // 512, 1024, 2048 or 4096
    int max_send_frag = 0;
    int split_send_frag = 0;
    int max_pipelines = 0;
    int read_buf = 0;
    bool fallback_scsv = false;
    bool async = false;
    // Extensions.
    std::vector<int> serverinfo_types;          // -serverinfo: empty extensions to offer
    std::optional<std::string> nextprotoneg;    // comma-separated list
    std::optional<std::string> use_srtp;        // colon-separated profiles
    // DANE.
    std::optional<std::string> dane_tlsa_domain;
    std::vector<std::string> dane_tlsa_rrdata;  // presentation form, each one record
    bool dane_ee_no_namechecks = false;
    // CRLs.
    std::optional<std::string> crl_file;
    bool crl_der = false;                       // -CRLform DER
    bool crl_download = false;
    // SRP (deprecated in OpenSSL 3; see src/tls/srp.cc).
    std::optional<std::string> srp_user;
    std::optional<std::string> srp_pass;        // a pass-phrase source
    bool srp_lateuser = false;
    bool srp_moregroups = false;
    int srp_strength = 0;
    // DTLS over UDP.
    bool dtls = false;
    bool dtls_timeouts = false;                 // -timeout
    long mtu = 0;

    // Lines to print on stderr while parsing, in order (e.g. "verify depth is 2").
    std::vector<std::string> parse_notes;

    bool help = false;
};

}  // namespace sc

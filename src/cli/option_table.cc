// The option table: every option of openssl s_client 3.0 (in its -help order
// and wording) plus our own, each bound to what it does to the Config.
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <cctype>
#include <cstdlib>
#include <variant>

#include "cli/name_options.h"
#include "cli/option_spec.h"
#include "cli/value_parsers.h"
#include "starttls/starttls.h"

namespace sc {
namespace {

using K = ValueKind;
using S = OptionStatus;
using Result = std::optional<OptionError>;

template <auto Member>
Result set_flag(Config& c, const OptionValue&) {
    c.*Member = true;
    return {};
}

template <auto Member>
Result set_string(Config& c, const OptionValue& v) {
    c.*Member = std::string(v.text);
    return {};
}

Result on_help(Config& c, const OptionValue&) {
    c.help = true;
    return {};
}

// -connect and the positional target share one slot; openssl refuses both.
Result on_connect(Config& c, const OptionValue& v) {
    c.connect = std::string(v.text);
    return {};
}
Result on_host(Config& c, const OptionValue& v) {
    c.host = std::string(v.text);
    return {};
}
Result on_port(Config& c, const OptionValue& v) {
    c.port = std::string(v.text);  // openssl passes the text on unchanged
    return {};
}
Result on_bind(Config& c, const OptionValue& v) {
    c.bind = std::string(v.text);
    return {};
}
Result on_unix(Config& c, const OptionValue& v) {
    c.unix_path = std::string(v.text);
    return {};
}
Result on_ipv4(Config& c, const OptionValue&) {
    if (c.family == AddressFamily::V6Only) return "Can't use both -4 and -6";
    c.family = AddressFamily::V4Only;
    return {};
}
Result on_ipv6(Config& c, const OptionValue&) {
    if (c.family == AddressFamily::V4Only) return "Can't use both -4 and -6";
    c.family = AddressFamily::V6Only;
    return {};
}
Result on_connect_timeout(Config& c, const OptionValue& v) {
    c.connect_timeout_seconds = v.seconds;
    return {};
}
Result on_idle_timeout(Config& c, const OptionValue& v) {
    c.idle_timeout_seconds = v.seconds;
    return {};
}

// openssl validates the number but then takes it with atoi(): "0x10" is 0.
Result on_verify(Config& c, const OptionValue& v) {
    c.verify_peer = true;
    int depth = std::atoi(std::string(v.text).c_str());
    c.verify_depth_tolerance = depth;
    if (!c.quiet) c.parse_notes.push_back("verify depth is " + std::to_string(depth));
    return {};
}
Result on_verify_return_error(Config& c, const OptionValue&) {
    c.verify_peer = true;
    c.verify_return_error = true;
    return {};
}

Result on_nameopt(Config& c, const OptionValue& v) {
    auto flags = parse_name_options(v.text);
    if (!flags) return "Invalid -nameopt argument '" + std::string(v.text) + "'";
    c.nameopt = *flags;
    c.nameopt_set = true;
    return {};
}

// -quiet implies -ign_eof and no command letters, as in openssl.
Result on_quiet(Config& c, const OptionValue&) {
    c.quiet = true;
    c.ign_eof = c.ign_eof.value_or(true);
    return {};
}
Result on_ign_eof(Config& c, const OptionValue&) {
    c.ign_eof = true;
    return {};
}
Result on_no_ign_eof(Config& c, const OptionValue&) {
    c.ign_eof = false;
    return {};
}
// -brief also keeps successful verification quiet.
Result on_brief(Config& c, const OptionValue&) {
    c.brief = true;
    c.verify_quiet = true;
    return {};
}

Result on_servername(Config& c, const OptionValue& v) {
    if (c.noservername) return "Can't use -servername and -noservername together";
    c.servername = std::string(v.text);
    return {};
}
Result on_noservername(Config& c, const OptionValue&) {
    if (c.servername) return "Can't use -servername and -noservername together";
    c.noservername = true;
    return {};
}

Result pin_version(Config& c, int version) {
    c.min_version = version;
    c.max_version = version;
    ++c.protocol_flags_given;
    return {};
}
Result on_tls1(Config& c, const OptionValue&) { return pin_version(c, TLS1_VERSION); }
Result on_tls1_1(Config& c, const OptionValue&) { return pin_version(c, TLS1_1_VERSION); }
Result on_tls1_2(Config& c, const OptionValue&) { return pin_version(c, TLS1_2_VERSION); }
Result on_tls1_3(Config& c, const OptionValue&) { return pin_version(c, TLS1_3_VERSION); }
// -ssl3 / -ssl2 count as protocol flags (so "-ssl3 -tls1_2" is refused) but
// run our own probe instead of libssl: see src/probe/.
Result on_legacy_probe(Config& c, int version) {
    c.legacy_probe = version;
    ++c.protocol_flags_given;
    return {};
}
Result on_ssl3(Config& c, const OptionValue&) { return on_legacy_probe(c, SSL3_VERSION); }
Result on_ssl2(Config& c, const OptionValue&) { return on_legacy_probe(c, SSL2_VERSION); }

Result on_starttls(Config& c, const OptionValue& v) {
    if (is_starttls_protocol(v.text)) {
        c.starttls = std::string(v.text);
        return {};
    }
    std::string msg = "Value must be one of:";
    for (auto p : starttls_protocol_names()) msg += "\n\t" + std::string(p);
    return OptionError(msg, false);
}

// Options that libssl's SSL_CONF understands are handed to it unchanged.
Result add_ssl_conf(Config& c, const OptionValue& v) {
    SslConfCommand cmd{"-" + std::string(v.option), std::nullopt};
    if (!v.text.empty() || v.option == "cipher" || v.option == "ciphersuites") cmd.value = std::string(v.text);
    c.ssl_conf.push_back(std::move(cmd));
    return {};
}

// Verification parameters are checked and applied when the context is built.
Result add_verify_param(Config& c, const OptionValue& v) {
    c.verify_params.push_back({std::string(v.option), std::string(v.text)});
    return {};
}

// Debug and inspection.
Result on_ct(Config& c, const OptionValue&) {
    c.ct = true;
    return {};
}
Result on_noct(Config& c, const OptionValue&) {
    c.ct = false;
    return {};
}
Result on_keymatexportlen(Config& c, const OptionValue& v) {
    c.keymatexportlen = static_cast<int>(v.number);
    return {};
}
Result on_security_debug(Config& c, const OptionValue&) {
    c.security_debug = 1;
    return {};
}
Result on_security_debug_verbose(Config& c, const OptionValue&) {
    c.security_debug = 2;
    return {};
}
// -trace is -msg printed by libssl's own SSL_trace (when the library has it).
Result on_trace(Config& c, const OptionValue&) {
#if !SC_HAVE_SSL_TRACE
    return OptionError("-trace is not available: this libssl was built without SSL_trace (enable-ssl-trace)", false);
#endif
    c.msg = true;
    c.trace = true;
    return {};
}


// Sessions and client identity.
template <auto Member>
Result set_format(Config& c, const OptionValue& v) {
    bool engine = v.option == "keyform";
    auto parsed = parse_format(v.text, engine, true);
    if (auto* f = std::get_if<FileFormat>(&parsed)) {
        switch (*f) {
            case FileFormat::Pem: c.*Member = IdentityFormat::Pem; break;
            case FileFormat::Der: c.*Member = IdentityFormat::Der; break;
            case FileFormat::Pkcs12: c.*Member = IdentityFormat::Pkcs12; break;
            case FileFormat::Engine: c.*Member = IdentityFormat::Engine; break;
        }
    }
    return {};
}
// openssl checks the digits at once, with this wording.
Result on_psk(Config& c, const OptionValue& v) {
    for (char ch : v.text)
        if (!std::isxdigit(static_cast<unsigned char>(ch)))
            return OptionError("Not a hex number '" + std::string(v.text) + "'", false, false);
    c.psk = std::string(v.text);
    return {};
}
Result on_psk_identity(Config& c, const OptionValue& v) {
    c.psk_identity = std::string(v.text);
    return {};
}
// Each -rand adds ':'-separated files, as openssl's list.
Result on_rand(Config& c, const OptionValue& v) {
    c.rand_files = c.rand_files ? *c.rand_files + ":" + std::string(v.text) : std::string(v.text);
    return {};
}
Result on_provider(Config& c, const OptionValue& v) {
    c.providers.emplace_back(v.text);
    return {};
}


// Remaining options (issue 7).
// openssl prints this message without a newline before its usage hint: the
// two run together on one line, and scripts see exactly that.
Result on_maxfraglen(Config& c, const OptionValue& v) {
    switch (v.number) {
        case 512: case 1024: case 2048: case 4096:
            c.maxfraglen = static_cast<int>(v.number);
            return {};
        default:
            return OptionError("Max Fragment Len " + std::to_string(static_cast<unsigned>(v.number)) +
                                   " is out of permitted valuess_client: Use -help for summary.",
                               false);
    }
}
// openssl takes these with atoi() after checking the number.
template <auto Member>
Result set_int(Config& c, const OptionValue& v) {
    c.*Member = std::atoi(std::string(v.text).c_str());
    return {};
}
// -serverinfo 1,2,3: atoi() of each comma-separated field, at most 100.
Result on_serverinfo(Config& c, const OptionValue& v) {
    constexpr std::size_t kMaxTypes = 100;
    c.serverinfo_types.clear();
    std::string text(v.text);
    std::size_t start = 0;
    for (std::size_t i = 0; i <= text.size(); ++i) {
        if (i == text.size() || text[i] == ',') {
            c.serverinfo_types.push_back(std::atoi(text.c_str() + start));
            if (c.serverinfo_types.size() == kMaxTypes) break;
            start = i + 1;
        }
    }
    return {};
}
Result on_dane_rrdata(Config& c, const OptionValue& v) {
    c.dane_tlsa_rrdata.emplace_back(v.text);
    return {};
}
Result on_crlform(Config& c, const OptionValue& v) {
    auto parsed = parse_format(v.text, false, false);
    c.crl_der = std::holds_alternative<FileFormat>(parsed) && std::get<FileFormat>(parsed) == FileFormat::Der;
    return {};
}
Result on_srp_lateuser(Config& c, const OptionValue&) {
    c.srp_lateuser = true;
    return {};
}
// openssl announces the value on stderr while parsing.
Result on_srp_strength(Config& c, const OptionValue& v) {
    c.srp_strength = std::atoi(std::string(v.text).c_str());
    c.parse_notes.push_back("SRP minimal length for N is " + std::to_string(c.srp_strength));
    return {};
}
// DTLS: a datagram socket and DTLS_client_method; -dtls1/-dtls1_2 pin the version.
Result on_dtls(Config& c, const OptionValue&) {
    c.dtls = true;
    ++c.protocol_flags_given;
    return {};
}
Result on_dtls1(Config& c, const OptionValue& v) {
    on_dtls(c, v);
    c.min_version = c.max_version = DTLS1_VERSION;
    return {};
}
Result on_dtls1_2(Config& c, const OptionValue& v) {
    on_dtls(c, v);
    c.min_version = c.max_version = DTLS1_2_VERSION;
    return {};
}
Result on_mtu(Config& c, const OptionValue& v) {
    c.mtu = std::atol(std::string(v.text).c_str());
    return {};
}

constexpr OptionSpec kOptions[] = {
    {"help", K::None, "General options", "Display this summary", on_help, S::Implemented},
    {"engine", K::String, "General options", "Use engine, possibly a hardware device", set_string<&Config::engine>, S::Implemented},
    {"ssl_client_engine", K::String, "General options", "Specify engine to be used for client certificate operations", set_string<&Config::ssl_client_engine>, S::Implemented},
    {"ssl_config", K::String, "General options", "Use specified section for SSL_CTX configuration", set_string<&Config::ssl_config>, S::Implemented},
    {"ct", K::None, "General options", "Request and parse SCTs (also enables OCSP stapling)", on_ct, S::Implemented},
    {"noct", K::None, "General options", "Do not request or parse SCTs (default)", on_noct, S::Implemented},
    {"ctlogfile", K::InFile, "General options", "CT log list CONF file", set_string<&Config::ctlogfile>, S::Implemented},
    {"host", K::String, "Network options", "Use -connect instead", on_host, S::Implemented},
    {"port", K::PositiveInt, "Network options", "Use -connect instead", on_port, S::Implemented},
    {"connect", K::String, "Network options", "TCP/IP where to connect; default: 4433)", on_connect, S::Implemented},
    {"connect_timeout", K::Seconds, "Network options", "Seconds to wait for connect, proxy, STARTTLS and handshake (default 30; 0: no limit)", on_connect_timeout, S::Implemented},
    {"bind", K::String, "Network options", "bind local address for connection", on_bind, S::Implemented},
    {"proxy", K::String, "Network options", "Connect to via specified proxy to the real server", set_string<&Config::proxy>, S::Implemented},
    {"proxy_user", K::String, "Network options", "UserID for proxy authentication", set_string<&Config::proxy_user>, S::Implemented},
    {"proxy_pass", K::String, "Network options", "Proxy authentication password source", set_string<&Config::proxy_pass>, S::Implemented},
    {"unix", K::String, "Network options", "Connect over the specified Unix-domain socket", on_unix, S::Implemented},
    {"4", K::None, "Network options", "Use IPv4 only", on_ipv4, S::Implemented},
    {"6", K::None, "Network options", "Use IPv6 only", on_ipv6, S::Implemented},
    {"maxfraglen", K::PositiveInt, "Network options", "Enable Maximum Fragment Length Negotiation (len values: 512, 1024, 2048 and 4096)", on_maxfraglen, S::Implemented},
    {"max_send_frag", K::PositiveInt, "Network options", "Maximum Size of send frames ", set_int<&Config::max_send_frag>, S::Implemented},
    {"split_send_frag", K::PositiveInt, "Network options", "Size used to split data for encrypt pipelines", set_int<&Config::split_send_frag>, S::Implemented},
    {"max_pipelines", K::PositiveInt, "Network options", "Maximum number of encrypt/decrypt pipelines to be used", set_int<&Config::max_pipelines>, S::Implemented},
    {"read_buf", K::PositiveInt, "Network options", "Default read buffer size to be used for connections", set_int<&Config::read_buf>, S::Implemented},
    {"fallback_scsv", K::None, "Network options", "Send the fallback SCSV", set_flag<&Config::fallback_scsv>, S::Implemented},
    {"cert", K::InFile, "Identity options", "Client certificate file to use", set_string<&Config::cert>, S::Implemented},
    {"certform", K::FormatCert, "Identity options", "Client certificate file format (PEM/DER/P12); has no effect", set_format<&Config::cert_format>, S::Implemented},
    {"cert_chain", K::InFile, "Identity options", "Client certificate chain file (in PEM format)", set_string<&Config::cert_chain>, S::Implemented},
    {"build_chain", K::None, "Identity options", "Build client certificate chain", set_flag<&Config::build_chain>, S::Implemented},
    {"key", K::String, "Identity options", "Private key file to use; default: -cert file", set_string<&Config::key>, S::Implemented},
    {"keyform", K::FormatKey, "Identity options", "Key format (ENGINE, other values ignored)", set_format<&Config::key_format>, S::Implemented},
    {"pass", K::String, "Identity options", "Private key and cert file pass phrase source", set_string<&Config::pass>, S::Implemented},
    {"verify", K::PositiveInt, "Identity options", "Turn on peer certificate verification", on_verify, S::Implemented},
    {"nameopt", K::String, "Identity options", "Certificate subject/issuer name printing options", on_nameopt, S::Implemented},
    {"CApath", K::Dir, "Identity options", "PEM format directory of CA's", set_string<&Config::ca_path>, S::Implemented},
    {"CAfile", K::InFile, "Identity options", "PEM format file of CA's", set_string<&Config::ca_file>, S::Implemented},
    {"CAstore", K::Uri, "Identity options", "URI to store of CA's", set_string<&Config::ca_store>, S::Implemented},
    {"no-CAfile", K::None, "Identity options", "Do not load the default certificates file", set_flag<&Config::no_ca_file>, S::Implemented},
    {"no-CApath", K::None, "Identity options", "Do not load certificates from the default certificates directory", set_flag<&Config::no_ca_path>, S::Implemented},
    {"no-CAstore", K::None, "Identity options", "Do not load certificates from the default certificates store", set_flag<&Config::no_ca_store>, S::Implemented},
    {"requestCAfile", K::InFile, "Identity options", "PEM format file of CA names to send to the server", set_string<&Config::request_ca_file>, S::Implemented},
    {"dane_tlsa_domain", K::String, "Identity options", "DANE TLSA base domain", set_string<&Config::dane_tlsa_domain>, S::Implemented},
    {"dane_tlsa_rrdata", K::String, "Identity options", "DANE TLSA rrdata presentation form", on_dane_rrdata, S::Implemented},
    {"dane_ee_no_namechecks", K::None, "Identity options", "Disable name checks when matching DANE-EE(3) TLSA records", set_flag<&Config::dane_ee_no_namechecks>, S::Implemented},
    {"psk_identity", K::String, "Identity options", "PSK identity", on_psk_identity, S::Implemented},
    {"psk", K::String, "Identity options", "PSK in hex (without 0x)", on_psk, S::Implemented},
    {"psk_session", K::InFile, "Identity options", "File to read PSK SSL session from", set_string<&Config::psk_session>, S::Implemented},
    {"name", K::String, "Identity options", "Hostname to use for \"-starttls lmtp\", \"-starttls smtp\" or \"-starttls xmpp[-server]\"", set_string<&Config::starttls_name>, S::Implemented},
    {"reconnect", K::None, "Session options", "Drop and re-make the connection with the same Session-ID", set_flag<&Config::reconnect>, S::Implemented},
    {"sess_out", K::OutFile, "Session options", "File to write SSL session to", set_string<&Config::sess_out>, S::Implemented},
    {"sess_in", K::InFile, "Session options", "File to read SSL session from", set_string<&Config::sess_in>, S::Implemented},
    {"crlf", K::None, "Input/Output options", "Convert LF from terminal into CRLF", set_flag<&Config::crlf>, S::Implemented},
    {"quiet", K::None, "Input/Output options", "No s_client output", on_quiet, S::Implemented},
    {"ign_eof", K::None, "Input/Output options", "Ignore input eof (default when -quiet)", on_ign_eof, S::Implemented},
    {"no_ign_eof", K::None, "Input/Output options", "Don't ignore input eof", on_no_ign_eof, S::Implemented},
    {"starttls", K::String, "Input/Output options", "Use the appropriate STARTTLS command before starting TLS", on_starttls, S::Implemented},
    {"xmpphost", K::String, "Input/Output options", "Alias of -name option for \"-starttls xmpp[-server]\"", set_string<&Config::starttls_name>, S::Implemented},
    {"brief", K::None, "Input/Output options", "Restrict output to brief summary of connection parameters", on_brief, S::Implemented},
    {"prexit", K::None, "Input/Output options", "Print session information when the program exits", set_flag<&Config::prexit>, S::Implemented},
    {"idle_timeout", K::Seconds, "Input/Output options", "End the session after this many seconds without traffic (0: never)", on_idle_timeout, S::Implemented},
    {"json", K::None, "Input/Output options", "Print one JSON document describing the connection instead of the summary", set_flag<&Config::json>, S::Implemented},
    {"timings", K::None, "Input/Output options", "Print DNS, connect, proxy/STARTTLS, handshake and first-byte times on stderr", set_flag<&Config::timings>, S::Implemented},
    {"showcerts", K::None, "Debug options", "Show all certificates sent by the server", set_flag<&Config::showcerts>, S::Implemented},
    {"debug", K::None, "Debug options", "Extra output", set_flag<&Config::debug>, S::Implemented},
    {"msg", K::None, "Debug options", "Show protocol messages", set_flag<&Config::msg>, S::Implemented},
    {"msgfile", K::OutFile, "Debug options", "File to send output of -msg or -trace, instead of stdout", set_string<&Config::msgfile>, S::Implemented},
    {"nbio_test", K::None, "Debug options", "More ssl protocol testing", set_flag<&Config::nbio_test>, S::Implemented},
    {"state", K::None, "Debug options", "Print the ssl states", set_flag<&Config::state>, S::Implemented},
    {"keymatexport", K::String, "Debug options", "Export keying material using label", set_string<&Config::keymatexport>, S::Implemented},
    {"keymatexportlen", K::PositiveInt, "Debug options", "Export len bytes of keying material; default 20", on_keymatexportlen, S::Implemented},
    {"security_debug", K::None, "Debug options", "Enable security debug messages", on_security_debug, S::Implemented},
    {"security_debug_verbose", K::None, "Debug options", "Output more security debug output", on_security_debug_verbose, S::Implemented},
    {"trace", K::None, "Debug options", "Show trace output of protocol messages", on_trace, S::Implemented},
    {"keylogfile", K::OutFile, "Debug options", "Write TLS secrets to file", set_string<&Config::keylogfile>, S::Implemented},
    {"nocommands", K::None, "Debug options", "Do not use interactive command letters", set_flag<&Config::nocommands>, S::Implemented},
    {"servername", K::String, "Debug options", "Set TLS extension servername (SNI) in ClientHello (default)", on_servername, S::Implemented},
    {"noservername", K::None, "Debug options", "Do not send the server name (SNI) extension in the ClientHello", on_noservername, S::Implemented},
    {"tlsextdebug", K::None, "Debug options", "Hex dump of all TLS extensions received", set_flag<&Config::tlsextdebug>, S::Implemented},
    {"ignore_unexpected_eof", K::None, "Debug options", "Do not treat lack of close_notify from a peer as an error", set_flag<&Config::ignore_unexpected_eof>, S::Implemented},
    {"status", K::None, "Debug options", "Request certificate status from server", set_flag<&Config::status>, S::Implemented},
    {"serverinfo", K::String, "Debug options", "types  Send empty ClientHello extensions (comma-separated numbers)", on_serverinfo, S::Implemented},
    {"alpn", K::String, "Debug options", "Enable ALPN extension, considering named protocols supported (comma-separated list)", set_string<&Config::alpn>, S::Implemented},
    {"async", K::None, "Debug options", "Support asynchronous operation", set_flag<&Config::async>, S::Implemented},
    {"nbio", K::None, "Debug options", "Use non-blocking IO", set_flag<&Config::nbio>, S::Implemented},
    {"tls1", K::None, "Protocol and version options", "Just use TLSv1", on_tls1, S::Implemented},
    {"tls1_1", K::None, "Protocol and version options", "Just use TLSv1.1", on_tls1_1, S::Implemented},
    {"tls1_2", K::None, "Protocol and version options", "Just use TLSv1.2", on_tls1_2, S::Implemented},
    {"tls1_3", K::None, "Protocol and version options", "Just use TLSv1.3", on_tls1_3, S::Implemented},
    {"ssl3", K::None, "Protocol and version options", "Probe for SSLv3: send an SSLv3 ClientHello, report the reply, no handshake", on_ssl3, S::Implemented},
    {"ssl2", K::None, "Protocol and version options", "Probe for SSLv2: send an SSLv2 ClientHello, report the reply, no handshake", on_ssl2, S::Implemented},
    {"dtls", K::None, "Protocol and version options", "Use any version of DTLS", on_dtls, S::Implemented},
    {"timeout", K::None, "Protocol and version options", "Enable send/receive timeout on DTLS connections", set_flag<&Config::dtls_timeouts>, S::Implemented},
    {"mtu", K::PositiveInt, "Protocol and version options", "Set the link layer MTU", on_mtu, S::Implemented},
    {"dtls1", K::None, "Protocol and version options", "Just use DTLSv1", on_dtls1, S::Implemented},
    {"dtls1_2", K::None, "Protocol and version options", "Just use DTLSv1.2", on_dtls1_2, S::Implemented},
    {"nextprotoneg", K::String, "Protocol and version options", "Enable NPN extension, considering named protocols supported (comma-separated list)", set_string<&Config::nextprotoneg>, S::Implemented},
    {"early_data", K::InFile, "Protocol and version options", "File to send as early data", set_string<&Config::early_data>, S::Implemented},
    {"enable_pha", K::None, "Protocol and version options", "Enable post-handshake-authentication", set_flag<&Config::enable_pha>, S::Implemented},
    {"use_srtp", K::String, "Protocol and version options", "Offer SRTP key management with a colon-separated profile list", set_string<&Config::use_srtp>, S::Implemented},
    {"srpuser", K::String, "Protocol and version options", "(deprecated) SRP authentication for 'user'", set_string<&Config::srp_user>, S::Implemented},
    {"srppass", K::String, "Protocol and version options", "(deprecated) Password for 'user'", set_string<&Config::srp_pass>, S::Implemented},
    {"srp_lateuser", K::None, "Protocol and version options", "(deprecated) SRP username into second ClientHello message", on_srp_lateuser, S::Implemented},
    {"srp_moregroups", K::None, "Protocol and version options", "(deprecated) Tolerate other than the known g N values.", set_flag<&Config::srp_moregroups>, S::Implemented},
    {"srp_strength", K::PositiveInt, "Protocol and version options", "(deprecated) Minimal length in bits for N", on_srp_strength, S::Implemented},
    {"rand", K::String, "Random state options", "Load the given file(s) into the random number generator", on_rand, S::Implemented},
    {"writerand", K::OutFile, "Random state options", "Write random data to the specified file", set_string<&Config::writerand>, S::Implemented},
    {"no_ssl3", K::None, "TLS/SSL options", "Just disable SSLv3", add_ssl_conf, S::Implemented},
    {"no_tls1", K::None, "TLS/SSL options", "Just disable TLSv1", add_ssl_conf, S::Implemented},
    {"no_tls1_1", K::None, "TLS/SSL options", "Just disable TLSv1.1", add_ssl_conf, S::Implemented},
    {"no_tls1_2", K::None, "TLS/SSL options", "Just disable TLSv1.2", add_ssl_conf, S::Implemented},
    {"no_tls1_3", K::None, "TLS/SSL options", "Just disable TLSv1.3", add_ssl_conf, S::Implemented},
    {"bugs", K::None, "TLS/SSL options", "Turn on SSL bug compatibility", add_ssl_conf, S::Implemented},
    {"no_comp", K::None, "TLS/SSL options", "Disable SSL/TLS compression (default)", add_ssl_conf, S::Implemented},
    {"comp", K::None, "TLS/SSL options", "Use SSL/TLS-level compression", add_ssl_conf, S::Implemented},
    {"no_ticket", K::None, "TLS/SSL options", "Disable use of TLS session tickets", add_ssl_conf, S::Implemented},
    {"serverpref", K::None, "TLS/SSL options", "Use server's cipher preferences", add_ssl_conf, S::Implemented},
    {"legacy_renegotiation", K::None, "TLS/SSL options", "Enable use of legacy renegotiation (dangerous)", add_ssl_conf, S::Implemented},
    {"client_renegotiation", K::None, "TLS/SSL options", "Allow client-initiated renegotiation", add_ssl_conf, S::Implemented},
    {"no_renegotiation", K::None, "TLS/SSL options", "Disable all renegotiation.", add_ssl_conf, S::Implemented},
    {"legacy_server_connect", K::None, "TLS/SSL options", "Allow initial connection to servers that don't support RI", add_ssl_conf, S::Implemented},
    {"no_resumption_on_reneg", K::None, "TLS/SSL options", "Disallow session resumption on renegotiation", add_ssl_conf, S::Implemented},
    {"no_legacy_server_connect", K::None, "TLS/SSL options", "Disallow initial connection to servers that don't support RI", add_ssl_conf, S::Implemented},
    {"allow_no_dhe_kex", K::None, "TLS/SSL options", "In TLSv1.3 allow non-(ec)dhe based key exchange on resumption", add_ssl_conf, S::Implemented},
    {"prioritize_chacha", K::None, "TLS/SSL options", "Prioritize ChaCha ciphers when preferred by clients", add_ssl_conf, S::Implemented},
    {"strict", K::None, "TLS/SSL options", "Enforce strict certificate checks as per TLS standard", add_ssl_conf, S::Implemented},
    {"sigalgs", K::String, "TLS/SSL options", "Signature algorithms to support (colon-separated list)", add_ssl_conf, S::Implemented},
    {"client_sigalgs", K::String, "TLS/SSL options", "Signature algorithms to support for client certificate authentication (colon-separated list)", add_ssl_conf, S::Implemented},
    {"groups", K::String, "TLS/SSL options", "Groups to advertise (colon-separated list)", add_ssl_conf, S::Implemented},
    {"curves", K::String, "TLS/SSL options", "Groups to advertise (colon-separated list)", add_ssl_conf, S::Implemented},
    {"named_curve", K::String, "TLS/SSL options", "Elliptic curve used for ECDHE (server-side only)", add_ssl_conf, S::Implemented},
    {"cipher", K::String, "TLS/SSL options", "Specify TLSv1.2 and below cipher list to be used", add_ssl_conf, S::Implemented},
    {"ciphersuites", K::String, "TLS/SSL options", "Specify TLSv1.3 ciphersuites to be used", add_ssl_conf, S::Implemented},
    {"min_protocol", K::String, "TLS/SSL options", "Specify the minimum protocol version to be used", add_ssl_conf, S::Implemented},
    {"max_protocol", K::String, "TLS/SSL options", "Specify the maximum protocol version to be used", add_ssl_conf, S::Implemented},
    {"record_padding", K::String, "TLS/SSL options", "Block size to pad TLS 1.3 records to.", add_ssl_conf, S::Implemented},
    {"debug_broken_protocol", K::None, "TLS/SSL options", "Perform all sorts of protocol violations for testing purposes", add_ssl_conf, S::Implemented},
    {"no_middlebox", K::None, "TLS/SSL options", "Disable TLSv1.3 middlebox compat mode", add_ssl_conf, S::Implemented},
    {"no_etm", K::None, "TLS/SSL options", "Disable Encrypt-then-Mac extension", add_ssl_conf, S::Implemented},
    {"policy", K::String, "Validation options", "adds policy to the acceptable policy set", add_verify_param, S::Implemented},
    {"purpose", K::String, "Validation options", "certificate chain purpose", add_verify_param, S::Implemented},
    {"verify_name", K::String, "Validation options", "verification policy name", add_verify_param, S::Implemented},
    {"verify_depth", K::Int, "Validation options", "chain depth limit", add_verify_param, S::Implemented},
    {"auth_level", K::Int, "Validation options", "chain authentication security level", add_verify_param, S::Implemented},
    {"attime", K::IntMax, "Validation options", "verification epoch time", add_verify_param, S::Implemented},
    {"verify_hostname", K::String, "Validation options", "expected peer hostname", add_verify_param, S::Implemented},
    {"verify_email", K::String, "Validation options", "expected peer email", add_verify_param, S::Implemented},
    {"verify_ip", K::String, "Validation options", "expected peer IP address", add_verify_param, S::Implemented},
    {"ignore_critical", K::None, "Validation options", "permit unhandled critical extensions", add_verify_param, S::Implemented},
    {"issuer_checks", K::None, "Validation options", "(deprecated)", add_verify_param, S::Implemented},
    {"crl_check", K::None, "Validation options", "check leaf certificate revocation", add_verify_param, S::Implemented},
    {"crl_check_all", K::None, "Validation options", "check full chain revocation", add_verify_param, S::Implemented},
    {"policy_check", K::None, "Validation options", "perform rfc5280 policy checks", add_verify_param, S::Implemented},
    {"explicit_policy", K::None, "Validation options", "set policy variable require-explicit-policy", add_verify_param, S::Implemented},
    {"inhibit_any", K::None, "Validation options", "set policy variable inhibit-any-policy", add_verify_param, S::Implemented},
    {"inhibit_map", K::None, "Validation options", "set policy variable inhibit-policy-mapping", add_verify_param, S::Implemented},
    {"x509_strict", K::None, "Validation options", "disable certificate compatibility work-arounds", add_verify_param, S::Implemented},
    {"extended_crl", K::None, "Validation options", "enable extended CRL features", add_verify_param, S::Implemented},
    {"use_deltas", K::None, "Validation options", "use delta CRLs", add_verify_param, S::Implemented},
    {"policy_print", K::None, "Validation options", "print policy processing diagnostics", add_verify_param, S::Implemented},
    {"check_ss_sig", K::None, "Validation options", "check root CA self-signatures", add_verify_param, S::Implemented},
    {"trusted_first", K::None, "Validation options", "search trust store first (default)", add_verify_param, S::Implemented},
    {"suiteB_128_only", K::None, "Validation options", "Suite B 128-bit-only mode", add_verify_param, S::Implemented},
    {"suiteB_128", K::None, "Validation options", "Suite B 128-bit mode allowing 192-bit algorithms", add_verify_param, S::Implemented},
    {"suiteB_192", K::None, "Validation options", "Suite B 192-bit-only mode", add_verify_param, S::Implemented},
    {"partial_chain", K::None, "Validation options", "accept chains anchored by intermediate trust-store CAs", add_verify_param, S::Implemented},
    {"no_alt_chains", K::None, "Validation options", "(deprecated)", add_verify_param, S::Implemented},
    {"no_check_time", K::None, "Validation options", "ignore certificate validity time", add_verify_param, S::Implemented},
    {"allow_proxy_certs", K::None, "Validation options", "allow the use of proxy certificates", add_verify_param, S::Implemented},
    {"CRL", K::InFile, "Validation options", "CRL file to use", set_string<&Config::crl_file>, S::Implemented},
    {"crl_download", K::None, "Validation options", "Download CRL from distribution points", set_flag<&Config::crl_download>, S::Implemented},
    {"CRLform", K::FormatPemDer, "Validation options", "CRL format (PEM or DER); default PEM", on_crlform, S::Implemented},
    {"verify_return_error", K::None, "Validation options", "Close connection on verification error", on_verify_return_error, S::Implemented},
    {"verify_quiet", K::None, "Validation options", "Restrict verify output to errors", set_flag<&Config::verify_quiet>, S::Implemented},
    {"chainCAfile", K::InFile, "Validation options", "CA file for certificate chain (PEM format)", set_string<&Config::chain_ca_file>, S::Implemented},
    {"chainCApath", K::Dir, "Validation options", "Use dir as certificate store path to build CA certificate chain", set_string<&Config::chain_ca_path>, S::Implemented},
    {"chainCAstore", K::Uri, "Validation options", "CA store URI for certificate chain", set_string<&Config::chain_ca_store>, S::Implemented},
    {"verifyCAfile", K::InFile, "Validation options", "CA file for certificate verification (PEM format)", set_string<&Config::verify_ca_file>, S::Implemented},
    {"verifyCApath", K::Dir, "Validation options", "Use dir as certificate store path to verify CA certificate", set_string<&Config::verify_ca_path>, S::Implemented},
    {"verifyCAstore", K::Uri, "Validation options", "CA store URI for certificate verification", set_string<&Config::verify_ca_store>, S::Implemented},
    {"xkey", K::InFile, "Extended certificate options", "key for Extended certificates", set_string<&Config::xkey>, S::Implemented},
    {"xcert", K::InFile, "Extended certificate options", "cert for Extended certificates", set_string<&Config::xcert>, S::Implemented},
    {"xchain", K::InFile, "Extended certificate options", "chain for Extended certificates", set_string<&Config::xchain>, S::Implemented},
    {"xchain_build", K::None, "Extended certificate options", "build certificate chain for the extended certificates", set_flag<&Config::xchain_build>, S::Implemented},
    {"xcertform", K::FormatCert, "Extended certificate options", "format of Extended certificate (PEM/DER/P12); has no effect", set_format<&Config::xcert_format>, S::Implemented},
    {"xkeyform", K::FormatCert, "Extended certificate options", "format of Extended certificate's key (DER/PEM/P12); has no effect", set_format<&Config::xkey_format>, S::Implemented},
    {"provider-path", K::String, "Provider options", "Provider load path (must be before 'provider' argument if required)", set_string<&Config::provider_path>, S::Implemented},
    {"provider", K::String, "Provider options", "Provider to load (can be specified multiple times)", on_provider, S::Implemented},
    {"propquery", K::String, "Provider options", "Property query used when fetching algorithms", set_string<&Config::propquery>, S::Implemented},
    {"no_ssl2", K::None, "", "", nullptr, S::AsUnknown},
};

}  // namespace

std::span<const OptionSpec> option_table() { return kOptions; }

std::string_view value_placeholder(ValueKind kind) {
    switch (kind) {
        case K::None: return "";
        case K::String: return "val";
        case K::PositiveInt: return "+int";
        case K::Int: return "int";
        case K::IntMax: return "intmax";
        case K::InFile: return "infile";
        case K::OutFile: return "outfile";
        case K::Dir: return "dir";
        case K::Uri: return "uri";
        case K::FormatPemDer: return "PEM|DER";
        case K::FormatPemDerEngine: return "PEM|DER|ENGINE";
        case K::Seconds: return "secs";
        case K::FormatCert: return "PEM|DER";
        case K::FormatKey: return "PEM|DER|ENGINE";
    }
    return "";
}

}  // namespace sc

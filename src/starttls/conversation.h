// Shared plumbing of the protocol exchanges: reads and writes that turn
// every failure into a StarttlsFailure naming the step, and the printable
// form of what the server said. Internal to src/starttls.
#pragma once

#include <string>
#include <string_view>

#include "io/sink.h"
#include "starttls/line_reader.h"
#include "starttls/starttls.h"

namespace sc::starttls {

// Thrown by the protocol code and caught in negotiate_starttls: each
// exchange is a straight sequence of steps, and any failed step ends it.
struct StarttlsFailure {
    std::string message;
};

// A server's bytes as one safe line: CR/LF dropped, controls and non-ASCII as
// \xNN, at most 300 characters.
std::string printable(std::string_view bytes);

class Conversation {
public:
    Conversation(LineReader& reader, Sink& err) : reader_(reader), err_(err) {}

    std::string line(std::string_view waiting_for);
    std::string exact(std::size_t n, std::string_view waiting_for);
    void fill(std::string_view waiting_for);
    void send(std::string_view bytes);
    [[noreturn]] void fail(std::string message) { throw StarttlsFailure{std::move(message)}; }
    // openssl's note when the capability list lacks STARTTLS (we then try anyway).
    void note_no_starttls();

    LineReader& reader() { return reader_; }

private:
    LineReader& reader_;
    Sink& err_;
};

// One function per protocol; each returns the text openssl echoes after the handshake.
std::string smtp(Conversation& c, const StarttlsOptions& o, bool lmtp);
std::string pop3(Conversation& c);
std::string imap(Conversation& c);
std::string ftp(Conversation& c);
std::string nntp(Conversation& c);
std::string sieve(Conversation& c);
std::string irc(Conversation& c);
std::string xmpp(Conversation& c, const StarttlsOptions& o, bool server);
std::string telnet(Conversation& c);
std::string mysql(Conversation& c);
std::string postgres(Conversation& c);
std::string ldap(Conversation& c);

}  // namespace sc::starttls

// Pure parsers for the line-based STARTTLS protocols (SMTP, LMTP, FTP, NNTP,
// IMAP, POP3, ManageSieve, IRC). Each takes the bytes of one line (CRLF
// included or not) and never does I/O, so tests and fuzzers can drive them.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace sc::starttls {

// The line without its trailing CR/LF.
std::string_view chomp(std::string_view line);

// "250-STARTTLS" -> {valid, 250, continues, "STARTTLS"}. Valid means three
// digits followed by end of line, ' ' or '-'.
struct ReplyLine {
    bool valid = false;
    int code = 0;
    bool continues = false;
    std::string_view text;
};
ReplyLine parse_reply_line(std::string_view line);

// Collects one numeric reply of one or more lines.
//  Smtp (RFC 5321 4.2.1): every line is "ddd-" except the last "ddd "; all
//   lines carry the same code.
//  Ftp (RFC 959 4.2): the first line is "ddd-", then any text until a line
//   "ddd " with the same code.
enum class ReplyStyle { Smtp, Ftp };
class ReplyAssembler {
public:
    enum class Step { More, Done, Malformed };
    explicit ReplyAssembler(ReplyStyle style) : style_(style) {}
    Step add(std::string_view line);
    int code() const { return code_; }
    const std::vector<std::string>& lines() const { return lines_; }  // as received
    std::string_view last_line() const { return lines_.empty() ? std::string_view() : lines_.back(); }

private:
    ReplyStyle style_;
    int code_ = 0;
    std::vector<std::string> lines_;
};

// True if one line of an SMTP EHLO reply announces the keyword (first word
// of the text, case-insensitive).
bool smtp_offers(const std::vector<std::string>& lines, std::string_view keyword);

// True if the space-separated words of the line include word (case-insensitive);
// brackets and parentheses also separate words ("[CAPABILITY IMAP4rev1 STARTTLS]").
bool has_word(std::string_view line, std::string_view word);

// An IMAP response line for our tag ("." as openssl uses).
struct ImapLine {
    enum class Kind { Untagged, Tagged, Continuation, Other } kind = Kind::Other;
    std::string_view status;  // OK, NO, BAD, BYE, PREAUTH, CAPABILITY, ...
};
ImapLine parse_imap_line(std::string_view line, std::string_view tag);

// One IRC message: ":prefix COMMAND params". numeric is -1 unless COMMAND is three digits.
struct IrcMessage {
    bool valid = false;
    std::string_view command;
    int numeric = -1;
};
IrcMessage parse_irc_line(std::string_view line);

// A ManageSieve response line (RFC 5804): a quoted capability, or OK/NO/BYE.
struct SieveLine {
    enum class Kind { Capability, Ok, No, Bye, Other } kind = Kind::Other;
    std::string capability;  // upper-cased name of a capability line
};
SieveLine parse_sieve_line(std::string_view line);

// An HTTP status line: "HTTP/1.1 200 Connection established".
struct HttpStatus {
    bool valid = false;
    int major = 0, minor = 0;
    int code = 0;
    std::string_view reason;
};
HttpStatus parse_http_status_line(std::string_view line);

}  // namespace sc::starttls

// The line-based exchanges. The bytes we send are openssl 3.0's (same
// commands, same "." IMAP tag, same EHLO name); what we add is checking every
// reply and reading replies line by line, however they are split.
#include <vector>

#include "starttls/conversation.h"
#include "starttls/text_replies.h"

namespace sc::starttls {
namespace {

struct Reply {
    int code = 0;
    std::vector<std::string> lines;
    const std::string& last() const { return lines.back(); }
};

Reply numeric_reply(Conversation& c, ReplyStyle style, std::string_view waiting_for) {
    ReplyAssembler a(style);
    while (true) {
        std::string l = c.line(waiting_for);
        switch (a.add(l)) {
            case ReplyAssembler::Step::More: continue;
            case ReplyAssembler::Step::Malformed:
                c.fail("malformed " + std::string(waiting_for) + ": \"" + printable(l) + "\"");
            case ReplyAssembler::Step::Done: return Reply{a.code(), a.lines()};
        }
    }
}

void expect_code(Conversation& c, const Reply& r, int code, std::string_view what) {
    if (r.code != code) c.fail(std::string(what) + ": \"" + printable(r.last()) + "\"");
}

}  // namespace

std::string smtp(Conversation& c, const StarttlsOptions& o, bool lmtp) {
    // A 554 greeting (RFC 5321 3.1) means "no service here".
    Reply greeting = numeric_reply(c, ReplyStyle::Smtp, "greeting");
    expect_code(c, greeting, 220, "server greeting is not 220");
    std::string name = o.name.value_or("mail.example.com");
    c.send((lmtp ? "LHLO " : "EHLO ") + name + "\r\n");
    Reply ehlo = numeric_reply(c, ReplyStyle::Smtp, lmtp ? "reply to LHLO" : "reply to EHLO");
    expect_code(c, ehlo, 250, lmtp ? "LHLO refused" : "EHLO refused");
    if (!smtp_offers(ehlo.lines, "STARTTLS")) c.note_no_starttls();
    c.send("STARTTLS\r\n");
    Reply go = numeric_reply(c, ReplyStyle::Smtp, "reply to STARTTLS");
    expect_code(c, go, 220, "server refused STARTTLS");
    return ehlo.last();  // openssl echoes the last EHLO line
}

std::string pop3(Conversation& c) {
    std::string greeting = c.line("greeting");
    if (!greeting.starts_with("+OK")) c.fail("server greeting is not +OK: \"" + printable(greeting) + "\"");
    c.send("STLS\r\n");
    std::string go = c.line("reply to STLS");
    if (!go.starts_with("+OK")) c.fail("server refused STLS: \"" + printable(go) + "\"");
    // openssl 3.0 echoes the greeting cut to the length of this reply (a
    // buffer mix-up); the reply itself is what it meant to show.
    return go;
}

std::string imap(Conversation& c) {
    std::string greeting = c.line("greeting");
    ImapLine g = parse_imap_line(greeting, ".");
    // PREAUTH: already authenticated, STARTTLS is not allowed (RFC 3501 6.2.1).
    if (g.kind != ImapLine::Kind::Untagged || g.status != "OK")
        c.fail("server greeting is not \"* OK\": \"" + printable(greeting) + "\"");
    c.send(". CAPABILITY\r\n");
    bool offered = has_word(greeting, "STARTTLS");
    std::string tagged;
    while (true) {
        std::string l = c.line("reply to CAPABILITY");
        ImapLine r = parse_imap_line(l, ".");
        if (r.kind == ImapLine::Kind::Untagged && r.status == "CAPABILITY") offered = offered || has_word(l, "STARTTLS");
        if (r.kind == ImapLine::Kind::Untagged && r.status == "BYE") c.fail("server closing: \"" + printable(l) + "\"");
        if (r.kind == ImapLine::Kind::Tagged) {
            if (r.status != "OK") c.fail("CAPABILITY refused: \"" + printable(l) + "\"");
            tagged = l;
            break;
        }
    }
    if (!offered) c.note_no_starttls();
    c.send(". STARTTLS\r\n");
    while (true) {
        std::string l = c.line("reply to STARTTLS");
        ImapLine r = parse_imap_line(l, ".");
        if (r.kind == ImapLine::Kind::Untagged && r.status == "BYE") c.fail("server closing: \"" + printable(l) + "\"");
        if (r.kind == ImapLine::Kind::Tagged) {
            if (r.status != "OK") c.fail("server refused STARTTLS: \"" + printable(l) + "\"");
            break;
        }
    }
    return tagged;  // openssl echoes the CAPABILITY completion line
}

std::string ftp(Conversation& c) {
    Reply greeting = numeric_reply(c, ReplyStyle::Ftp, "greeting");
    // 120: "ready in nnn minutes", followed by the real 220 (RFC 959 5.4).
    while (greeting.code == 120) greeting = numeric_reply(c, ReplyStyle::Ftp, "greeting");
    expect_code(c, greeting, 220, "server greeting is not 220");
    c.send("AUTH TLS\r\n");
    Reply go = numeric_reply(c, ReplyStyle::Ftp, "reply to AUTH TLS");
    expect_code(c, go, 234, "server refused AUTH TLS");  // RFC 4217 4.1
    return greeting.last();
}

std::string nntp(Conversation& c) {
    std::string greeting = c.line("greeting");
    ReplyLine g = parse_reply_line(greeting);
    if (!g.valid || (g.code != 200 && g.code != 201))
        c.fail("server greeting is not 200 or 201: \"" + printable(greeting) + "\"");
    c.send("CAPABILITIES\r\n");
    std::string first = c.line("reply to CAPABILITIES");
    bool offered = false;
    if (parse_reply_line(first).code == 101) {
        // A multi-line list ends with a line that is exactly "." (RFC 3977 3.1.1).
        while (true) {
            std::string l = c.line("capability list");
            if (chomp(l) == ".") break;
            offered = offered || has_word(l, "STARTTLS");
        }
    }
    if (!offered) c.note_no_starttls();
    c.send("STARTTLS\r\n");
    std::string go = c.line("reply to STARTTLS");
    ReplyLine r = parse_reply_line(go);
    if (!r.valid || r.code != 382) c.fail("server refused STARTTLS: \"" + printable(go) + "\"");
    return go;
}

std::string sieve(Conversation& c) {
    bool offered = false;
    while (true) {
        std::string l = c.line("capability list");
        SieveLine s = parse_sieve_line(l);
        if (s.kind == SieveLine::Kind::Capability) {
            offered = offered || s.capability == "STARTTLS";
            continue;
        }
        if (s.kind != SieveLine::Kind::Ok) c.fail("server greeting is not OK: \"" + printable(l) + "\"");
        break;
    }
    if (!offered) c.note_no_starttls();
    c.send("STARTTLS\r\n");
    std::string go = c.line("reply to STARTTLS");
    if (parse_sieve_line(go).kind != SieveLine::Kind::Ok) c.fail("server refused STARTTLS: \"" + printable(go) + "\"");
    return go;
}

std::string irc(Conversation& c) {
    // IRC servers talk first only sometimes; openssl sends STARTTLS at once.
    c.send("STARTTLS\r\n");
    while (true) {
        std::string l = c.line("reply to STARTTLS");
        IrcMessage m = parse_irc_line(l);
        if (m.numeric == 670) return l;  // RPL_STARTTLS
        if (m.numeric == 691) c.fail("STARTTLS negotiation failed: \"" + printable(l) + "\"");
        if (m.numeric == 451 || m.numeric == 421) c.fail("STARTTLS not supported: \"" + printable(l) + "\"");
        if (m.command == "ERROR") c.fail("server closing: \"" + printable(l) + "\"");
        // NOTICE, PING and other numerics come before the answer: skip them.
    }
}

}  // namespace sc::starttls

#include "starttls/text_replies.h"

#include <cctype>

namespace sc::starttls {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (std::toupper(static_cast<unsigned char>(a[i])) != std::toupper(static_cast<unsigned char>(b[i])))
            return false;
    return true;
}

bool istarts_with(std::string_view s, std::string_view prefix) {
    return s.size() >= prefix.size() && iequals(s.substr(0, prefix.size()), prefix);
}

std::string_view first_word(std::string_view s) {
    auto end = s.find(' ');
    return s.substr(0, end);
}

}  // namespace

std::string_view chomp(std::string_view line) {
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.remove_suffix(1);
    return line;
}

ReplyLine parse_reply_line(std::string_view raw) {
    std::string_view line = chomp(raw);
    ReplyLine r;
    if (line.size() < 3 || !is_digit(line[0]) || !is_digit(line[1]) || !is_digit(line[2])) return r;
    if (line.size() > 3 && line[3] != ' ' && line[3] != '-') return r;
    r.valid = true;
    r.code = (line[0] - '0') * 100 + (line[1] - '0') * 10 + (line[2] - '0');
    r.continues = line.size() > 3 && line[3] == '-';
    r.text = line.size() > 4 ? line.substr(4) : std::string_view();
    return r;
}

ReplyAssembler::Step ReplyAssembler::add(std::string_view line) {
    lines_.emplace_back(line);
    ReplyLine r = parse_reply_line(line);
    if (lines_.size() == 1) {
        if (!r.valid) return Step::Malformed;
        code_ = r.code;
        return r.continues ? Step::More : Step::Done;
    }
    if (style_ == ReplyStyle::Ftp) {
        // Continuation lines of an FTP reply are free text.
        return r.valid && r.code == code_ && !r.continues ? Step::Done : Step::More;
    }
    if (!r.valid || r.code != code_) return Step::Malformed;
    return r.continues ? Step::More : Step::Done;
}

bool smtp_offers(const std::vector<std::string>& lines, std::string_view keyword) {
    for (const auto& l : lines) {
        ReplyLine r = parse_reply_line(l);
        if (r.valid && iequals(first_word(r.text), keyword)) return true;
    }
    return false;
}

bool has_word(std::string_view line, std::string_view word) {
    line = chomp(line);
    std::size_t i = 0;
    while (i < line.size()) {
        while (i < line.size() && (line[i] == ' ' || line[i] == '[' || line[i] == ']' || line[i] == '(' || line[i] == ')'))
            ++i;
        std::size_t j = i;
        while (j < line.size() && line[j] != ' ' && line[j] != '[' && line[j] != ']' && line[j] != '(' && line[j] != ')')
            ++j;
        if (j > i && iequals(line.substr(i, j - i), word)) return true;
        i = j;
    }
    return false;
}

ImapLine parse_imap_line(std::string_view raw, std::string_view tag) {
    std::string_view line = chomp(raw);
    ImapLine r;
    if (line.starts_with("+ ") || line == "+") {
        r.kind = ImapLine::Kind::Continuation;
        return r;
    }
    std::string_view rest;
    if (line.starts_with("* ")) {
        r.kind = ImapLine::Kind::Untagged;
        rest = line.substr(2);
    } else if (line.size() > tag.size() && line.starts_with(tag) && line[tag.size()] == ' ') {
        r.kind = ImapLine::Kind::Tagged;
        rest = line.substr(tag.size() + 1);
    } else {
        return r;
    }
    r.status = first_word(rest);
    return r;
}

IrcMessage parse_irc_line(std::string_view raw) {
    std::string_view line = chomp(raw);
    IrcMessage m;
    if (line.starts_with(':')) {
        auto sp = line.find(' ');
        if (sp == std::string_view::npos) return m;
        line.remove_prefix(sp + 1);
    }
    while (line.starts_with(' ')) line.remove_prefix(1);
    m.command = first_word(line);
    if (m.command.empty()) return m;
    m.valid = true;
    if (m.command.size() == 3 && is_digit(m.command[0]) && is_digit(m.command[1]) && is_digit(m.command[2]))
        m.numeric = (m.command[0] - '0') * 100 + (m.command[1] - '0') * 10 + (m.command[2] - '0');
    return m;
}

SieveLine parse_sieve_line(std::string_view raw) {
    std::string_view line = chomp(raw);
    SieveLine s;
    if (line.starts_with('"')) {
        auto close = line.find('"', 1);
        if (close == std::string_view::npos) return s;
        s.kind = SieveLine::Kind::Capability;
        for (char c : line.substr(1, close - 1)) s.capability += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        return s;
    }
    auto word = first_word(line);
    if (iequals(word, "OK")) s.kind = SieveLine::Kind::Ok;
    else if (iequals(word, "NO")) s.kind = SieveLine::Kind::No;
    else if (iequals(word, "BYE")) s.kind = SieveLine::Kind::Bye;
    else if (istarts_with(line, "OK ") || istarts_with(line, "OK(")) s.kind = SieveLine::Kind::Ok;
    return s;
}

HttpStatus parse_http_status_line(std::string_view raw) {
    std::string_view line = chomp(raw);
    HttpStatus h;
    // "HTTP/d.d ddd[ reason]"
    if (line.size() < 12 || !line.starts_with("HTTP/") || !is_digit(line[5]) || line[6] != '.' || !is_digit(line[7]) ||
        line[8] != ' ' || !is_digit(line[9]) || !is_digit(line[10]) || !is_digit(line[11]))
        return h;
    if (line.size() > 12 && line[12] != ' ') return h;
    h.valid = true;
    h.major = line[5] - '0';
    h.minor = line[7] - '0';
    h.code = (line[9] - '0') * 100 + (line[10] - '0') * 10 + (line[11] - '0');
    h.reason = line.size() > 13 ? line.substr(13) : std::string_view();
    return h;
}

}  // namespace sc::starttls

// The pure line parsers of the text STARTTLS protocols and HTTP, one line at a
// time, and the multi-line reply assembler over the input split at LF.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "starttls/conversation.h"
#include "starttls/text_replies.h"

using namespace sc::starttls;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view in(reinterpret_cast<const char*>(data), size);
    ReplyAssembler smtp(ReplyStyle::Smtp), ftp(ReplyStyle::Ftp);
    bool smtp_open = true, ftp_open = true;
    std::vector<std::string> lines;
    while (!in.empty()) {
        std::size_t nl = in.find('\n');
        std::string_view line = in.substr(0, nl == std::string_view::npos ? in.size() : nl + 1);
        in.remove_prefix(line.size());
        lines.emplace_back(line);
        (void)chomp(line);
        ReplyLine r = parse_reply_line(line);
        if (r.valid && (r.code < 0 || r.code > 999)) __builtin_trap();
        if (smtp_open) smtp_open = smtp.add(line) == ReplyAssembler::Step::More;
        if (ftp_open) ftp_open = ftp.add(line) == ReplyAssembler::Step::More;
        (void)has_word(line, "STARTTLS");
        (void)parse_imap_line(line, ".");
        (void)parse_irc_line(line);
        (void)parse_sieve_line(line);
        HttpStatus h = parse_http_status_line(line);
        // Three digits (RFC 9110 15): "020" is valid, code 20, and not a 2xx.
        if (h.valid && (h.code < 0 || h.code > 999)) __builtin_trap();
        std::string p = printable(line);
        if (p.find('\n') != std::string::npos || p.find('\r') != std::string::npos) __builtin_trap();
    }
    (void)smtp_offers(lines, "STARTTLS");
    (void)smtp.last_line();
    (void)ftp.code();
    return 0;
}

#include "starttls/conversation.h"

#include <cstdio>

namespace sc::starttls {

std::string printable(std::string_view bytes) {
    std::string out;
    for (char ch : bytes) {
        auto c = static_cast<unsigned char>(ch);
        if (c == '\r' || c == '\n') continue;
        if (out.size() >= 300) {
            out += "...";
            break;
        }
        if (c >= 0x20 && c < 0x7f) {
            out += ch;
        } else {
            char hex[8];
            std::snprintf(hex, sizeof hex, "\\x%02x", c);
            out += hex;
        }
    }
    return out;
}

std::string Conversation::line(std::string_view waiting_for) {
    auto l = reader_.line();
    if (!l) fail(std::string(waiting_for) + ": " + reader_.failure_text());
    return *l;
}

std::string Conversation::exact(std::size_t n, std::string_view waiting_for) {
    auto b = reader_.exact(n);
    if (!b) {
        std::string got = reader_.failure() == ReadFailure::Closed && !reader_.buffered().empty()
                              ? " after \"" + printable(reader_.buffered()) + "\""
                              : "";
        fail(std::string(waiting_for) + ": " + reader_.failure_text() + got);
    }
    return *b;
}

void Conversation::fill(std::string_view waiting_for) {
    if (!reader_.fill()) fail(std::string(waiting_for) + ": " + reader_.failure_text());
}

void Conversation::send(std::string_view bytes) {
    if (!reader_.send(bytes)) fail("cannot send: " + reader_.failure_text());
}

void Conversation::note_no_starttls() { err_.write("Didn't find STARTTLS in server response, trying anyway...\n"); }

}  // namespace sc::starttls

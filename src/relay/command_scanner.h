// Splits what the user types into data for the server and command letters.
// A command is a whole line holding exactly Q, R, K or k (LF or CRLF ended);
// "QUIT", "RCPT TO:" and binary data that merely starts with those letters
// are data (openssl tests only the first byte of each read() chunk).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace sc {

struct StdinEvent {
    enum class Kind { Data, Command } kind;
    std::string data;    // for Data (already CRLF-converted under -crlf)
    char command = 0;    // for Command: 'Q', 'R', 'K' or 'k'
};

class CommandScanner {
public:
    CommandScanner(bool commands_enabled, bool crlf) : commands_(commands_enabled), crlf_(crlf) {}

    // Feeds bytes read from stdin; appends the events they complete.
    void feed(std::string_view bytes, std::vector<StdinEvent>& out);
    // stdin ended: a held-back line becomes a command if it is one, else data.
    void finish(std::vector<StdinEvent>& out);

private:
    void emit_data(std::string_view bytes, std::vector<StdinEvent>& out);
    static bool is_command_letter(char c) { return c == 'Q' || c == 'R' || c == 'K' || c == 'k'; }

    bool commands_;
    bool crlf_;
    bool at_line_start_ = true;
    std::string held_;  // a line start that may still turn out to be a command
};

}  // namespace sc

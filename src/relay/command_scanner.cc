#include "relay/command_scanner.h"

namespace sc {

void CommandScanner::emit_data(std::string_view bytes, std::vector<StdinEvent>& out) {
    if (bytes.empty()) return;
    if (out.empty() || out.back().kind != StdinEvent::Kind::Data) out.push_back({StdinEvent::Kind::Data, {}, 0});
    std::string& dst = out.back().data;
    if (!crlf_) {
        dst.append(bytes);
        return;
    }
    for (char c : bytes) {
        if (c == '\n') dst.push_back('\r');
        dst.push_back(c);
    }
}

void CommandScanner::feed(std::string_view bytes, std::vector<StdinEvent>& out) {
    if (!commands_) {
        emit_data(bytes, out);
        return;
    }
    std::size_t i = 0;
    while (i < bytes.size()) {
        if (!held_.empty()) {
            // held_ is "X" or "X\r": decide with the next byte.
            char c = bytes[i];
            if (c == '\n') {
                out.push_back({StdinEvent::Kind::Command, {}, held_[0]});
                held_.clear();
                at_line_start_ = true;
                ++i;
                continue;
            }
            if (c == '\r' && held_.size() == 1) {
                held_.push_back(c);
                ++i;
                continue;
            }
            std::string line = std::move(held_);
            held_.clear();
            at_line_start_ = false;
            emit_data(line, out);
            continue;
        }
        if (at_line_start_ && is_command_letter(bytes[i])) {
            held_.push_back(bytes[i]);
            ++i;
            continue;
        }
        // Pass through everything up to and including the next newline.
        std::size_t nl = bytes.find('\n', i);
        std::size_t end = nl == std::string_view::npos ? bytes.size() : nl + 1;
        emit_data(bytes.substr(i, end - i), out);
        at_line_start_ = nl != std::string_view::npos;
        i = end;
    }
}

void CommandScanner::finish(std::vector<StdinEvent>& out) {
    if (held_.empty()) return;
    // "Q" as the very last thing typed, without a newline, is still a command.
    if (held_.size() == 1) {
        out.push_back({StdinEvent::Kind::Command, {}, held_[0]});
    } else {
        emit_data(held_, out);
    }
    held_.clear();
}

}  // namespace sc

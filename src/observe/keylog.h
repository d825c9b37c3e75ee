// -keylogfile: libssl's key log lines (NSS key log format) appended to a
// file that only we can read, since it holds the session secrets.
#pragma once

#include <string>
#include <string_view>

#include "util/unique_fd.h"

namespace sc {

class KeylogFile {
public:
    // Opens (creating with mode 0600) for appending; writes openssl's header
    // when the file is empty. False if it cannot be opened.
    bool open(const std::string& path);
    // One line, written with a single write() so that concurrent writers
    // (several clients sharing a file, as Wireshark users do) never interleave.
    void write_line(std::string_view line);

private:
    UniqueFd fd_;
};

}  // namespace sc

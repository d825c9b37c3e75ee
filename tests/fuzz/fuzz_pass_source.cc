// Pass-phrase sources. The first byte picks how the rest is used:
//   0: as the source argument itself (sources that would read a file, a
//      descriptor or stdin are skipped: their contents are fuzzed below)
//   1: as the contents of a pipe read through "fd:N"
//   2: as the contents of stdin read through "stdin"
//   3: as the value of an environment variable read through "env:VAR"
// Errors never contain the pass phrase given with "pass:".
#include <fcntl.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "util/pass_source.h"
#include "util/unique_fd.h"

namespace {

// Writes bytes into a pipe and closes the write end; returns the read end.
sc::UniqueFd pipe_with(std::string_view bytes) {
    int p[2];
    if (::pipe2(p, O_CLOEXEC) != 0) return {};
    sc::UniqueFd r(p[0]), w(p[1]);
    if (bytes.size() > 4096) bytes = bytes.substr(0, 4096);  // below the pipe's capacity
    if (!bytes.empty() && ::write(w.get(), bytes.data(), bytes.size()) != static_cast<ssize_t>(bytes.size())) return {};
    return r;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 1) return 0;
    std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
    switch (data[0] % 4) {
        case 0: {
            if (text.starts_with("file:") || text.starts_with("fd:") || text == "stdin") return 0;
            auto r = sc::read_pass_source(text);
            if (auto* e = std::get_if<sc::PassError>(&r); e && !text.starts_with("env:")) {
                // Only the fixed texts, naming at most the source type (<= 5 chars and ':'):
                // the argument may be a pass phrase typed without "pass:".
                const std::string_view missing = "Invalid password argument, missing ':' within the first 5 chars";
                const std::string_view starting = "Invalid password argument, starting with \"";
                if (e->message != missing &&
                    !(e->message.starts_with(starting) && e->message.size() <= starting.size() + 7))
                    __builtin_trap();
            }
            break;
        }
        case 1: {
            sc::UniqueFd fd = pipe_with(text);
            if (!fd) return 0;
            (void)sc::read_pass_source("fd:" + std::to_string(fd.get()));
            break;
        }
        case 2: {
            sc::UniqueFd fd = pipe_with(text);
            if (!fd) return 0;
            int saved = ::dup(STDIN_FILENO);
            ::dup2(fd.get(), STDIN_FILENO);
            (void)sc::read_pass_source("stdin");
            if (saved >= 0) {
                ::dup2(saved, STDIN_FILENO);
                ::close(saved);
            }
            break;
        }
        case 3: {
            std::string value(text.substr(0, text.find('\0')));
            ::setenv("SC_FUZZ_PASS", value.c_str(), 1);
            auto r = sc::read_pass_source("env:SC_FUZZ_PASS");
            if (auto* s = std::get_if<std::string>(&r); !s || *s != value) __builtin_trap();
            break;
        }
    }
    return 0;
}

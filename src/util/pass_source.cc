#include "util/pass_source.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <string>

#include "util/unique_fd.h"

namespace sc {
namespace {

constexpr std::size_t kMaxPass = 1023;  // openssl's APP_PASS_LEN - 1
constexpr std::size_t kSourceNameMax = 5;  // openssl's PASS_SOURCE_SIZE_MAX

// The first line of fd (without its LF), read without going past it.
std::variant<std::string, PassError> first_line(int fd) {
    std::string out;
    while (out.size() < kMaxPass) {
        char c;
        ssize_t n = ::read(fd, &c, 1);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return PassError{"Error reading password from BIO"};
        if (n == 0) break;
        if (c == '\n') return out;
        out += c;
    }
    if (out.empty()) return PassError{"Error reading password from BIO"};
    return out;
}

}  // namespace

std::variant<std::string, PassError> read_pass_source(std::string_view src) {
    if (src.starts_with("pass:")) return std::string(src.substr(5));
    if (src.starts_with("env:")) {
        std::string var(src.substr(4));
        const char* v = std::getenv(var.c_str());
        if (v == nullptr) return PassError{"No environment variable " + var};
        return std::string(v);
    }
    if (src.starts_with("file:")) {
        std::string path(src.substr(5));
        UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
        if (!fd) return PassError{"Can't open file " + path};
        return first_line(fd.get());
    }
    if (src.starts_with("fd:")) {
        std::string num(src.substr(3));
        char* end = nullptr;
        long n = std::strtol(num.c_str(), &end, 10);
        if (num.empty() || *end != '\0' || n < 0 || n > 65535 || ::fcntl(static_cast<int>(n), F_GETFD) < 0)
            return PassError{"Can't access file descriptor " + num};
        return first_line(static_cast<int>(n));
    }
    if (src == "stdin") return first_line(STDIN_FILENO);
    // Do not reveal the argument: it may be the pass phrase typed without "pass:".
    auto colon = src.find(':');
    if (colon == std::string_view::npos || colon > kSourceNameMax)
        return PassError{"Invalid password argument, missing ':' within the first " + std::to_string(kSourceNameMax) +
                         " chars"};
    return PassError{"Invalid password argument, starting with \"" + std::string(src.substr(0, colon + 1)) + "\""};
}

}  // namespace sc

#include "util/argv_secrets.h"

#include <cstring>
#include <string_view>

namespace sc {
namespace {

bool names_pass_option(std::string_view name) { return name == "pass" || name == "proxy_pass"; }

// Overwrites what follows "pass:" in value; true if it was such a source.
bool hide(char* value) {
    constexpr std::string_view kPass = "pass:";
    if (std::strncmp(value, kPass.data(), kPass.size()) != 0) return false;
    char* secret = value + kPass.size();
    std::memset(secret, '*', std::strlen(secret));
    return true;
}

}  // namespace

int hide_pass_phrases(int argc, char** argv) {
    int hidden = 0;
    for (int i = 1; i < argc; ++i) {
        std::string_view arg = argv[i];
        if (arg == "--") break;  // openssl's end of options
        if (!arg.starts_with("-")) continue;
        arg.remove_prefix(arg.starts_with("--") ? 2 : 1);
        auto eq = arg.find('=');
        if (!names_pass_option(arg.substr(0, eq))) continue;
        if (eq != std::string_view::npos) {
            hidden += hide(argv[i] + (arg.data() - argv[i]) + eq + 1);
        } else if (i + 1 < argc) {
            hidden += hide(argv[++i]);
        }
    }
    return hidden;
}

}  // namespace sc

#include "cli/help.h"

#include <algorithm>

#include "cli/option_spec.h"

namespace sc {
namespace {

// openssl pads "-name value" to the widest such text below this width;
// wider ones get a line of their own.
constexpr std::size_t kMaxColumn = 30;

std::string flag_text(const OptionSpec& spec) {
    std::string text = " -" + std::string(spec.name);
    auto placeholder = value_placeholder(spec.kind);
    if (!placeholder.empty()) text += " " + std::string(placeholder);
    return text;
}

constexpr std::string_view kExitCodes =
    "\nExit status:\n"
    " 0  the session ended normally\n"
    " 1  connection, proxy, STARTTLS, handshake or I/O failure\n"
    " 2  usage error: unknown option, bad value, unsupported protocol\n"
    " 3  certificate verification failed while it was required (-verify, -verify_return_error)\n";

}  // namespace

std::string render_help() {
    std::size_t width = 0;
    for (const auto& spec : option_table()) {
        if (spec.status == OptionStatus::AsUnknown) continue;
        std::size_t w = flag_text(spec).size();
        if (w < kMaxColumn) width = std::max(width, w);
    }

    std::string out = "Usage: s_client [options] [host:port]\n";
    std::string_view section;
    for (const auto& spec : option_table()) {
        if (spec.status == OptionStatus::AsUnknown) continue;
        if (spec.section != section) {
            section = spec.section;
            out += "\n" + std::string(section) + ":\n";
        }
        std::string flag = flag_text(spec);
        if (flag.size() >= kMaxColumn) {
            out += flag + "\n";
            flag.clear();
        }
        flag.resize(width, ' ');
        out += flag + "  " + std::string(spec.help) + "\n";
    }
    std::string param = " host:port";
    param.resize(width, ' ');
    out += "\nParameters:\n" + param + "  Where to connect; same as -connect option\n";
    out += kExitCodes;
    return out;
}

}  // namespace sc

#include "cli/parser.h"

#include <openssl/ssl.h>

#include <sys/stat.h>

#include <climits>
#include <cstdint>

#include "cli/option_spec.h"
#include "cli/value_parsers.h"

namespace sc {
namespace {

constexpr std::string_view kPrefix = "s_client: ";
constexpr std::string_view kUseHelp = "s_client: Use -help for summary.";

const OptionSpec* find_option(std::string_view name) {
    for (const auto& spec : option_table())
        if (spec.name == name) return &spec;
    return nullptr;
}

bool is_directory(const std::string& path) {
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

// Checks the value against the option's kind; fills the numeric fields.
std::optional<OptionError> convert_value(const OptionSpec& spec, OptionValue& value) {
    const std::string text(value.text);
    auto take_integer = [&](long long min, long long max) -> std::optional<OptionError> {
        auto parsed = parse_integer(text, min, max);
        if (auto* err = std::get_if<std::string>(&parsed)) return OptionError(*err);
        value.number = std::get<long long>(parsed);
        return std::nullopt;
    };
    switch (spec.kind) {
        case ValueKind::PositiveInt: {
            if (auto err = take_integer(INT_MIN, INT_MAX)) return err;
            if (value.number <= 0)
                return OptionError("Non-positive number \"" + text + "\" for option -" + std::string(spec.name));
            return std::nullopt;
        }
        case ValueKind::Int:
            return take_integer(INT_MIN, INT_MAX);
        case ValueKind::IntMax:
            return take_integer(INTMAX_MIN, INTMAX_MAX);
        case ValueKind::Dir:
            if (!is_directory(text)) return OptionError("Not a directory: " + text);
            return std::nullopt;
        case ValueKind::FormatPemDer:
        case ValueKind::FormatPemDerEngine:
        case ValueKind::FormatCert:
        case ValueKind::FormatKey: {
            bool engine = spec.kind == ValueKind::FormatPemDerEngine || spec.kind == ValueKind::FormatKey;
            bool p12 = spec.kind == ValueKind::FormatCert || spec.kind == ValueKind::FormatKey;
            auto parsed = parse_format(text, engine, p12);
            if (auto* err = std::get_if<std::string>(&parsed))
                return OptionError(*err + "\nInvalid format \"" + text + "\" for option -" + std::string(spec.name));
            return std::nullopt;
        }
        case ValueKind::Seconds: {
            auto parsed = parse_seconds(text);
            if (auto* err = std::get_if<std::string>(&parsed))
                return OptionError(*err + " for option -" + std::string(spec.name));
            value.seconds = std::get<double>(parsed);
            return std::nullopt;
        }
        default:
            return std::nullopt;
    }
}

UsageError error_lines(const OptionError& err) {
    UsageError u;
    std::string_view msg = err.message;
    // Continuation lines (openssl's "Value must be one of:" list and format
    // alternatives) start with a tab or a space and carry no prefix.
    while (true) {
        auto nl = msg.find('\n');
        std::string_view line = msg.substr(0, nl);
        bool continuation = !line.empty() && (line[0] == '\t' || line[0] == ' ');
        u.lines.push_back((err.with_prefix && !continuation ? std::string(kPrefix) : std::string()) + std::string(line));
        if (nl == std::string_view::npos) break;
        msg.remove_prefix(nl + 1);
    }
    if (err.usage_hint) u.lines.emplace_back(kUseHelp);
    return u;
}

}  // namespace

ParseResult parse_command_line(std::span<const std::string_view> args) {
    ParseResult result;
    Config& cfg = result.config;
    auto fail = [&](OptionError err) {
        result.error = error_lines(err);
        return result;
    };
    std::optional<std::string> positional;
    bool options_ended = false;

    for (std::size_t i = 0; i < args.size(); ++i) {
        std::string_view arg = args[i];
        if (options_ended || arg.empty() || arg[0] != '-' || arg == "-") {
            // The target may stand anywhere (openssl insists on last; we need not).
            if (positional) return fail(OptionError("Extra argument: " + std::string(arg)));
            positional = std::string(arg);
            continue;
        }
        if (arg == "--") {
            options_ended = true;
            continue;
        }
        std::string_view name = arg.substr(arg.starts_with("--") ? 2 : 1);
        std::optional<std::string_view> inline_value;
        if (auto eq = name.find('='); eq != std::string_view::npos) {
            inline_value = name.substr(eq + 1);
            name = name.substr(0, eq);
        }
        const OptionSpec* spec = find_option(name == "h" ? "help" : name);
        if (spec == nullptr || spec->status == OptionStatus::AsUnknown) {
            std::string shown(arg.substr(0, arg.find('=')));
            return fail(OptionError("Unknown option: " + shown));
        }
        OptionValue value{spec->name, {}, 0, 0};
        if (spec->kind == ValueKind::None) {
            if (inline_value) return fail(OptionError("Option -" + std::string(name) + " does not take a value"));
        } else if (inline_value) {
            value.text = *inline_value;
        } else if (i + 1 < args.size()) {
            value.text = args[++i];
        } else {
            return fail(OptionError("Option -" + std::string(spec->name) + " needs a value"));
        }
        if (auto err = convert_value(*spec, value)) return fail(*err);
        if (spec->handler != nullptr) {
            if (auto err = spec->handler(cfg, value)) return fail(*err);
        }
        if (spec->status == OptionStatus::NotYet) {
            std::string shown = "-" + std::string(spec->name);
            result.error = UsageError{{std::string(kPrefix) + "Unknown option: " + shown, std::string(kUseHelp),
                                       std::string(kPrefix) + shown + " is recognised but not implemented yet"}};
            return result;
        }
        if (cfg.help) return result;
    }

    if (positional) {
        if (cfg.connect) return fail(OptionError("cannot provide both -connect option and target parameter"));
        cfg.connect = positional;
    }
    if (cfg.unix_path && (cfg.connect || cfg.host || cfg.port))
        return fail(OptionError("Intermixed protocol flags (unix and internet domains)", false));
    if (cfg.protocol_flags_given > 1) return fail(OptionError("Cannot supply multiple protocol flags", false, false));
    // The probes print text only: their reply is not a TLS connection the schema describes.
    if (cfg.json && cfg.legacy_probe != 0) return fail(OptionError("Cannot use -json with -ssl2 or -ssl3", false, false));
    // Checked after parsing, in openssl's order.
    if (cfg.noservername && cfg.dane_tlsa_domain)
        return fail(OptionError("Can't use -dane_tlsa_domain and -noservername together"));
    if (cfg.nextprotoneg && cfg.min_version == TLS1_3_VERSION)
        return fail(OptionError("Cannot supply -nextprotoneg with TLSv1.3", true, false));
    if (!cfg.dane_tlsa_domain && !cfg.dane_tlsa_rrdata.empty())
        return fail(OptionError("DANE TLSA authentication requires the -dane_tlsa_domain option.", false));
    if (cfg.unix_path && cfg.dtls) return fail(OptionError("Can't use unix sockets and datagrams together", false, false));
    return result;
}

}  // namespace sc

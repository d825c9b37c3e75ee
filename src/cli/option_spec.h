// The shape of one command-line option: what it is called, what value it
// takes, how -help shows it, and what it does to the Config.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "cli/config.h"

namespace sc {

// Value kinds, named after the placeholders openssl's -help shows.
enum class ValueKind {
    None,                // a flag
    String,              // "val"
    PositiveInt,         // "+int": a number > 0
    Int,                 // "int"
    IntMax,              // "intmax"
    InFile,              // "infile"
    OutFile,             // "outfile"
    Dir,                 // "dir": must name an existing directory
    Uri,                 // "uri"
    FormatPemDer,        // "PEM|DER"
    FormatPemDerEngine,  // "PEM|DER|ENGINE"
    Seconds,             // "secs": a non-negative decimal number (our options)
    FormatCert,          // "PEM|DER", P12 accepted too
    FormatKey,           // "PEM|DER|ENGINE", P12 accepted too
};

// What the parser hands to an option's handler: the raw text and, for
// numeric kinds, the already validated number.
struct OptionValue {
    std::string_view option;  // the option's name, without '-'
    std::string_view text;
    long long number = 0;
    double seconds = 0;
};

// Why a value was refused, worded as openssl words it: the message (without
// the "s_client: " prefix; continuation lines start with a tab or a space),
// whether "Use -help for summary." follows, and whether the prefix is used.
struct OptionError {
    OptionError(std::string text, bool hint = true, bool prefixed = true)
        : message(std::move(text)), usage_hint(hint), with_prefix(prefixed) {}
    OptionError(const char* text) : message(text) {}
    std::string message;
    bool usage_hint = true;
    bool with_prefix = true;
};

// A handler applies the option to the Config, or says why it cannot. For an
// option that is not implemented yet it may still validate the value.
using OptionHandler = std::optional<OptionError> (*)(Config&, const OptionValue&);

enum class OptionStatus {
    Implemented,
    NotYet,      // recognised, listed in -help, not implemented yet
    AsUnknown,   // answers "Unknown option" as openssl 3 does (-ssl2, -ssl3, -no_ssl2)
};

struct OptionSpec {
    std::string_view name;  // without the leading '-'
    ValueKind kind;
    std::string_view section;
    std::string_view help;
    OptionHandler handler;  // may be nullptr unless Implemented
    OptionStatus status;
};

// The whole table, in -help order.
std::span<const OptionSpec> option_table();

// The placeholder -help prints after an option name ("val", "+int", ...).
std::string_view value_placeholder(ValueKind kind);

}  // namespace sc

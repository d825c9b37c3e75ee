#include "cli/name_options.h"

#include <openssl/asn1.h>
#include <openssl/x509.h>

#include <string>

namespace sc {
namespace {

struct NameFlag {
    std::string_view name;
    unsigned long flag;
    unsigned long mask;  // bits cleared before setting; all ones: replace everything
};

constexpr unsigned long kAll = 0xffffffffUL;

constexpr NameFlag kNameFlags[] = {
    {"esc_2253", ASN1_STRFLGS_ESC_2253, 0},
    {"esc_2254", ASN1_STRFLGS_ESC_2254, 0},
    {"esc_ctrl", ASN1_STRFLGS_ESC_CTRL, 0},
    {"esc_msb", ASN1_STRFLGS_ESC_MSB, 0},
    {"use_quote", ASN1_STRFLGS_ESC_QUOTE, 0},
    {"utf8", ASN1_STRFLGS_UTF8_CONVERT, 0},
    {"ignore_type", ASN1_STRFLGS_IGNORE_TYPE, 0},
    {"show_type", ASN1_STRFLGS_SHOW_TYPE, 0},
    {"dump_all", ASN1_STRFLGS_DUMP_ALL, 0},
    {"dump_nostr", ASN1_STRFLGS_DUMP_UNKNOWN, 0},
    {"dump_der", ASN1_STRFLGS_DUMP_DER, 0},
    {"compat", XN_FLAG_COMPAT, kAll},
    {"sep_comma_plus", XN_FLAG_SEP_COMMA_PLUS, XN_FLAG_SEP_MASK},
    {"sep_comma_plus_space", XN_FLAG_SEP_CPLUS_SPC, XN_FLAG_SEP_MASK},
    {"sep_semi_plus_space", XN_FLAG_SEP_SPLUS_SPC, XN_FLAG_SEP_MASK},
    {"sep_multiline", XN_FLAG_SEP_MULTILINE, XN_FLAG_SEP_MASK},
    {"dn_rev", XN_FLAG_DN_REV, 0},
    {"nofname", XN_FLAG_FN_NONE, XN_FLAG_FN_MASK},
    {"sname", XN_FLAG_FN_SN, XN_FLAG_FN_MASK},
    {"lname", XN_FLAG_FN_LN, XN_FLAG_FN_MASK},
    {"align", XN_FLAG_FN_ALIGN, 0},
    {"oid", XN_FLAG_FN_OID, XN_FLAG_FN_MASK},
    {"space_eq", XN_FLAG_SPC_EQ, 0},
    {"dump_unknown", XN_FLAG_DUMP_UNKNOWN_FIELDS, 0},
    {"RFC2253", XN_FLAG_RFC2253, kAll},
    {"oneline", XN_FLAG_ONELINE, kAll},
    {"multiline", XN_FLAG_MULTILINE, kAll},
    {"ca_default", XN_FLAG_MULTILINE, kAll},
};

bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        auto lower = [](char ch) { return (ch >= 'A' && ch <= 'Z') ? char(ch - 'A' + 'a') : ch; };
        if (lower(a[i]) != lower(b[i])) return false;
    }
    return true;
}

// Applies one comma-separated word: "name" sets, "-name" clears, "+name" sets.
bool apply_word(unsigned long& flags, std::string_view word) {
    bool clear = false;
    if (!word.empty() && (word[0] == '-' || word[0] == '+')) {
        clear = word[0] == '-';
        word.remove_prefix(1);
    }
    for (const auto& f : kNameFlags) {
        if (!iequals(f.name, word)) continue;
        if (clear) {
            flags &= ~f.flag;
        } else {
            flags &= ~f.mask;
            flags |= f.flag;
        }
        return true;
    }
    return false;
}

}  // namespace

std::optional<unsigned long> parse_name_options(std::string_view spec) {
    unsigned long flags = 0;
    while (true) {
        auto comma = spec.find(',');
        if (!apply_word(flags, spec.substr(0, comma))) return std::nullopt;
        if (comma == std::string_view::npos) break;
        spec.remove_prefix(comma + 1);
    }
    // A separator is always needed, except by the "compat" printer.
    if (flags != XN_FLAG_COMPAT && (flags & XN_FLAG_SEP_MASK) == 0) flags |= XN_FLAG_SEP_CPLUS_SPC;
    return flags;
}

unsigned long default_name_options() { return XN_FLAG_ONELINE; }

}  // namespace sc

// The command line as a user meets it: values accepted, refusals worded as
// openssl words them (scripts grep these), exit-2 usage errors.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "cli/option_spec.h"
#include "cli/parser.h"

namespace sc {
namespace {

ParseResult parse(std::vector<std::string_view> args) { return parse_command_line(args); }

std::vector<std::string> error_of(std::vector<std::string_view> args) {
    auto r = parse(std::move(args));
    return r.error ? r.error->lines : std::vector<std::string>{};
}

TEST(Parser, UnknownOptionGivesOpensslsTwoLines) {
    EXPECT_EQ(error_of({"-bogus"}), (std::vector<std::string>{"s_client: Unknown option: -bogus",
                                                              "s_client: Use -help for summary."}));
}

TEST(Parser, NoSsl2AnswersAsUnknownLikeOpenssl3) {
    auto lines = error_of({"-no_ssl2"});
    ASSERT_EQ(lines.size(), 2u);
    EXPECT_EQ(lines[0], "s_client: Unknown option: -no_ssl2");
}

// -ssl3/-ssl2 run our probes: accepted, and one protocol flag like -tls1_2.
TEST(Parser, LegacyProbesAreProtocolFlags) {
    auto r = parse({"-ssl3"});
    ASSERT_FALSE(r.error);
    EXPECT_EQ(r.config.legacy_probe, 0x0300);
    r = parse({"-ssl2"});
    ASSERT_FALSE(r.error);
    EXPECT_EQ(r.config.legacy_probe, 0x0002);
    EXPECT_EQ(error_of({"-ssl3", "-tls1_2"})[0], "Cannot supply multiple protocol flags");
}

TEST(Parser, JsonAndTimingsFlags) {
    auto r = parse({"-json", "-timings"});
    ASSERT_FALSE(r.error);
    EXPECT_TRUE(r.config.json);
    EXPECT_TRUE(r.config.timings);
}

// Issue 7: every option of openssl s_client 3.0 -help works; none may
// answer "recognised but not implemented yet" any more.
TEST(Parser, NoOptionIsStillNotImplemented) {
    for (const OptionSpec& spec : option_table()) {
        EXPECT_NE(spec.status, OptionStatus::NotYet) << "-" << spec.name << " is still marked NotYet";
        if (spec.status == OptionStatus::Implemented) {
            EXPECT_NE(spec.handler, nullptr) << "-" << spec.name;
        }
    }
}

TEST(Parser, ServerinfoTakesCommaSeparatedTypes) {
    auto r = parse({"-serverinfo", "1000,18,x"});
    ASSERT_FALSE(r.error);
    EXPECT_EQ(r.config.serverinfo_types, (std::vector<int>{1000, 18, 0}));
}

TEST(Parser, MaxfraglenValuesAsOpenssl) {
    EXPECT_EQ(parse({"-maxfraglen", "1024"}).config.maxfraglen, 1024);
    // openssl's message has no newline before its usage hint.
    EXPECT_EQ(error_of({"-maxfraglen", "100"}),
              (std::vector<std::string>{"s_client: Max Fragment Len 100 is out of permitted valuess_client: Use -help for summary."}));
}

TEST(Parser, DaneAndNextprotonegChecksAsOpenssl) {
    EXPECT_EQ(error_of({"-dane_tlsa_domain", "x", "-noservername"})[0],
              "s_client: Can't use -dane_tlsa_domain and -noservername together");
    EXPECT_EQ(error_of({"-dane_tlsa_rrdata", "3 1 1 00"})[0],
              "s_client: DANE TLSA authentication requires the -dane_tlsa_domain option.");
    EXPECT_EQ(error_of({"-nextprotoneg", "h2", "-tls1_3"})[0], "Cannot supply -nextprotoneg with TLSv1.3");
    EXPECT_EQ(error_of({"-dtls", "-tls1_2"})[0], "Cannot supply multiple protocol flags");
}

TEST(Parser, MissingValue) {
    EXPECT_EQ(error_of({"-connect"}), (std::vector<std::string>{"s_client: Option -connect needs a value",
                                                                "s_client: Use -help for summary."}));
}

TEST(Parser, FlagWithValueRefused) {
    EXPECT_EQ(error_of({"-quiet=1"})[0], "s_client: Option -quiet does not take a value");
}

TEST(Parser, PositiveIntegers) {
    EXPECT_EQ(error_of({"-verify", "0"})[0], "s_client: Non-positive number \"0\" for option -verify");
    EXPECT_EQ(error_of({"-verify", "abc"})[0], "s_client: Can't parse \"abc\" as a number");
    EXPECT_EQ(error_of({"-verify", "09"})[0], "s_client: Can't parse \"09\" as an octal number");
    EXPECT_EQ(error_of({"-verify_depth", "0x"})[0], "s_client: Can't parse \"0x\" as a hexadecimal number");
    EXPECT_EQ(error_of({"-verify", "99999999999"})[0], "s_client: Value \"99999999999\" outside integer range");
    auto ok = parse({"-verify", "3"});
    ASSERT_FALSE(ok.error);
    EXPECT_EQ(ok.config.verify_depth_tolerance, 3);
    EXPECT_TRUE(ok.config.verify_peer);
    EXPECT_EQ(ok.config.parse_notes, std::vector<std::string>{"verify depth is 3"});
}

TEST(Parser, VerifyTakesTheNumberAsAtoiDoes) {
    // openssl validates "0x10" but then reads it with atoi().
    auto r = parse({"-verify", "0x10"});
    ASSERT_FALSE(r.error);
    EXPECT_EQ(r.config.verify_depth_tolerance, 0);
}

TEST(Parser, Formats) {
    // -certform/-keyform take P12 deliberately (openssl 3.0's help promises
    // it, its parser refuses it); -CRLform does not.
    EXPECT_EQ(parse({"-certform", "P12"}).config.cert_format, IdentityFormat::Pkcs12);
    EXPECT_EQ(parse({"-keyform", "p12"}).config.key_format, IdentityFormat::Pkcs12);
    EXPECT_EQ(parse({"-keyform", "ENGINE"}).config.key_format, IdentityFormat::Engine);
    EXPECT_EQ(parse({"-xcertform", "DER"}).config.xcert_format, IdentityFormat::Der);
    EXPECT_EQ(error_of({"-CRLform", "P12"}),
              (std::vector<std::string>{"s_client: Bad format \"P12\"; must be pem or der",
                                        "s_client: Invalid format \"P12\" for option -CRLform",
                                        "s_client: Use -help for summary."}));
    EXPECT_EQ(error_of({"-certform", "b"})[0], "s_client: Bad format \"b\"");
    EXPECT_EQ(error_of({"-xkeyform", "ENGINE"})[0], "s_client: Bad format \"ENGINE\"; must be pem or der");
    auto lines = error_of({"-keyform", "PVK"});
    ASSERT_GE(lines.size(), 4u);
    EXPECT_EQ(lines[0], "s_client: Bad format \"PVK\"; must be one of:");
    EXPECT_EQ(lines[1], "   PEM/DER");
    EXPECT_EQ(lines[2], "   engine");
}

TEST(Parser, PskMustBeHex) {
    EXPECT_EQ(error_of({"-psk", "xyz"}), std::vector<std::string>{"Not a hex number 'xyz'"});
    EXPECT_EQ(parse({"-psk", "0A1b"}).config.psk, "0A1b");
    EXPECT_EQ(parse({}).config.psk_identity, "Client_identity");
}

TEST(Parser, SessionsAndIdentityOptions) {
    auto r = parse({"-reconnect", "-sess_out", "o", "-sess_in", "i", "-cert", "c", "-key", "k", "-pass", "pass:x",
                    "-rand", "a", "-rand", "b:c", "-provider", "default", "-provider", "legacy"});
    ASSERT_FALSE(r.error);
    EXPECT_TRUE(r.config.reconnect);
    EXPECT_EQ(r.config.sess_out, "o");
    EXPECT_EQ(r.config.cert, "c");
    EXPECT_EQ(r.config.rand_files, "a:b:c");
    EXPECT_EQ(r.config.providers, (std::vector<std::string>{"default", "legacy"}));
}

TEST(Parser, StarttlsListsValidNames) {
    auto lines = error_of({"-starttls", "nosuch"});
    ASSERT_EQ(lines.size(), 15u);
    EXPECT_EQ(lines[0], "s_client: Value must be one of:");
    EXPECT_EQ(lines[1], "\tsmtp");
    EXPECT_EQ(lines[14], "\tldap");
}

TEST(Parser, DirectoryMustExist) {
    EXPECT_EQ(error_of({"-CApath", "/nonexistent-dir"})[0], "s_client: Not a directory: /nonexistent-dir");
}

TEST(Parser, ConflictingOptions) {
    EXPECT_EQ(error_of({"-4", "-6"})[0], "s_client: Can't use both -4 and -6");
    EXPECT_EQ(error_of({"-servername", "x", "-noservername"})[0],
              "s_client: Can't use -servername and -noservername together");
    EXPECT_EQ(error_of({"-tls1_2", "-tls1_3"}), std::vector<std::string>{"Cannot supply multiple protocol flags"});
    EXPECT_EQ(error_of({"-connect", "a:1", "b:2"})[0],
              "s_client: cannot provide both -connect option and target parameter");
    EXPECT_EQ(error_of({"-unix", "/x", "-connect", "a:1"})[0],
              "s_client: Intermixed protocol flags (unix and internet domains)");
}

TEST(Parser, PositionalTargetMayStandAnywhere) {
    auto r = parse({"example.org:443", "-quiet"});
    ASSERT_FALSE(r.error);
    EXPECT_EQ(r.config.connect, "example.org:443");
    EXPECT_TRUE(r.config.quiet);
    EXPECT_EQ(r.config.ign_eof, true);
}

TEST(Parser, EqualsFormAndDoubleDash) {
    auto r = parse({"--connect=127.0.0.1:1", "-CAfile=/x"});
    ASSERT_FALSE(r.error);
    EXPECT_EQ(r.config.connect, "127.0.0.1:1");
    EXPECT_EQ(r.config.ca_file, "/x");
}

TEST(Parser, SslConfCommandsKeepOrderAndDash) {
    auto r = parse({"-cipher", "AES128", "-no_tls1_3", "-groups", "X25519"});
    ASSERT_FALSE(r.error);
    ASSERT_EQ(r.config.ssl_conf.size(), 3u);
    EXPECT_EQ(r.config.ssl_conf[0].name, "-cipher");
    EXPECT_EQ(r.config.ssl_conf[0].value, "AES128");
    EXPECT_EQ(r.config.ssl_conf[1].name, "-no_tls1_3");
    EXPECT_FALSE(r.config.ssl_conf[1].value.has_value());
}

TEST(Parser, ConnectTimeoutIsOurs) {
    auto r = parse({"-connect_timeout", "2.5"});
    ASSERT_FALSE(r.error);
    EXPECT_DOUBLE_EQ(r.config.connect_timeout_seconds, 2.5);
    EXPECT_EQ(error_of({"-connect_timeout", "-1"})[0],
              "s_client: Invalid number of seconds \"-1\" for option -connect_timeout");
}

// Every option in the table takes its value form; a flag-only option given
// a value, or a valued option without one, is refused.
TEST(Parser, EveryTableOptionParsesItsValueForm) {
    for (const auto& spec : option_table()) {
        if (spec.status != OptionStatus::Implemented) continue;
        std::string flag = "-" + std::string(spec.name);
        std::vector<std::string_view> args{flag};
        std::string value;
        switch (spec.kind) {
            case ValueKind::None: break;
            case ValueKind::PositiveInt:
            case ValueKind::Int:
            case ValueKind::IntMax: value = spec.name == "maxfraglen" ? "512" : "5"; break;
            case ValueKind::Dir: value = "/"; break;
            case ValueKind::FormatPemDer:
            case ValueKind::FormatPemDerEngine:
            case ValueKind::FormatCert:
            case ValueKind::FormatKey: value = "PEM"; break;
            case ValueKind::Seconds: value = "1"; break;
            default:
                value = spec.name == "nameopt" ? "RFC2253" : spec.name == "starttls" ? "smtp" : spec.name == "psk" ? "0a1b" : "x";
                break;
        }
        if (spec.kind != ValueKind::None) args.push_back(value);
        // TLSA records need their domain (checked after parsing, as openssl does).
        if (spec.name == "dane_tlsa_rrdata") {
            args.push_back("-dane_tlsa_domain");
            args.push_back("x");
        }
        auto r = parse(args);
        if (spec.name == "help") continue;
        EXPECT_FALSE(r.error) << flag << ": " << (r.error ? r.error->lines[0] : "");
        if (spec.kind != ValueKind::None) {
            auto missing = parse({flag});
            ASSERT_TRUE(missing.error) << flag;
            EXPECT_EQ(missing.error->lines[0], "s_client: Option " + flag + " needs a value");
        }
    }
}

}  // namespace
}  // namespace sc

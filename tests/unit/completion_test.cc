// The bash completion script (completions/s_client) and the man page
// (docs/s_client.1) are written by hand: these tests fail when an option of
// the table, or a -starttls value, is missing from them.
#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include "cli/option_spec.h"
#include "starttls/starttls.h"

namespace sc {
namespace {

std::string read_file(const std::string& path) {
    std::ifstream in(path);
    std::stringstream buf;
    buf << in.rdbuf();
    return buf.str();
}

// Every "-name" word in the text.
std::set<std::string> words(const std::string& text) {
    std::set<std::string> out;
    std::regex word(R"((^|[\s|"])(-[A-Za-z0-9_-]+))");
    for (auto it = std::sregex_iterator(text.begin(), text.end(), word); it != std::sregex_iterator(); ++it)
        out.insert((*it)[2]);
    return out;
}

TEST(Completion, OffersEveryOptionOfTheTable) {
    std::string script = read_file(std::string(SC_SOURCE_DIR) + "/completions/s_client");
    ASSERT_FALSE(script.empty());
    auto offered = words(script);
    for (const auto& spec : option_table()) {
        if (spec.status == OptionStatus::AsUnknown) continue;
        EXPECT_TRUE(offered.count("-" + std::string(spec.name))) << "-" << spec.name << " missing from completions/s_client";
    }
}

TEST(Completion, OffersOnlyOptionsOfTheTable) {
    std::string script = read_file(std::string(SC_SOURCE_DIR) + "/completions/s_client");
    std::set<std::string> known;
    for (const auto& spec : option_table())
        if (spec.status != OptionStatus::AsUnknown) known.insert("-" + std::string(spec.name));
    auto start = script.find("local options=\"");
    auto end = script.find('"', start + 15);
    ASSERT_NE(start, std::string::npos);
    for (const auto& w : words(script.substr(start + 15, end - start - 15)))
        EXPECT_TRUE(known.count(w)) << w << " is offered but not an option";
}

TEST(Completion, OffersEveryStarttlsProtocol) {
    std::string script = read_file(std::string(SC_SOURCE_DIR) + "/completions/s_client");
    const std::string key = "local starttls=\"";
    auto start = script.find(key);
    ASSERT_NE(start, std::string::npos);
    start += key.size();
    std::istringstream values(script.substr(start, script.find('"', start) - start));
    std::set<std::string> offered;
    for (std::string w; values >> w;) offered.insert(w);
    for (auto p : starttls_protocol_names()) EXPECT_TRUE(offered.count(std::string(p))) << p;
    EXPECT_EQ(offered.size(), starttls_protocol_names().size());
}

TEST(ManPage, DocumentsEveryOptionOfTheTable) {
    std::string page = read_file(std::string(SC_SOURCE_DIR) + "/docs/s_client.1");
    ASSERT_FALSE(page.empty());
    for (const auto& spec : option_table()) {
        if (spec.status == OptionStatus::AsUnknown) continue;
        std::string name(spec.name);
        std::string escaped;
        for (char c : name) escaped += c == '-' ? std::string("\\-") : std::string(1, c);
        EXPECT_NE(page.find("\\fB\\-" + escaped + "\\fR"), std::string::npos) << "-" << name << " missing from docs/s_client.1";
    }
}

// The page marks exactly the options that are not implemented yet.
TEST(ManPage, MarksExactlyTheUnimplementedOptions) {
    std::string page = read_file(std::string(SC_SOURCE_DIR) + "/docs/s_client.1");
    const std::string mark = "(recognised, not implemented yet";
    for (const auto& spec : option_table()) {
        if (spec.status == OptionStatus::AsUnknown) continue;
        std::string escaped;
        for (char c : spec.name) escaped += c == '-' ? std::string("\\-") : std::string(1, c);
        std::size_t at = page.find("\\fB\\-" + escaped + "\\fR");
        ASSERT_NE(at, std::string::npos) << spec.name;
        std::size_t end = page.find(".TP", at);
        std::string entry = page.substr(at, end == std::string::npos ? std::string::npos : end - at);
        bool marked = entry.find(mark) != std::string::npos;
        EXPECT_EQ(marked, spec.status == OptionStatus::NotYet) << "-" << spec.name << " in docs/s_client.1";
    }
}

}  // namespace
}  // namespace sc

// -help is generated from the option table and must keep openssl 3.0's
// layout and wording: scripts grep it to learn what we support.
#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "cli/help.h"
#include "cli/option_spec.h"

namespace sc {
namespace {

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string l; std::getline(in, l);) out.push_back(l);
    return out;
}

// Options we add on top of openssl's.
// -ssl3/-ssl2 are our probes (openssl 3 answers "Unknown option" to them).
const std::set<std::string> kOurOptions = {"connect_timeout", "idle_timeout", "json", "timings", "ssl3", "ssl2"};

bool is_our_option_line(const std::string& line) {
    for (const auto& name : kOurOptions)
        if (line.rfind(" -" + name + " ", 0) == 0) return true;
    return false;
}

TEST(Help, MatchesOpenssl30LineForLineApartFromOurAdditions) {
    std::ifstream ref(std::string(SC_TEST_DATA_DIR) + "/openssl-3.0-help.txt");
    ASSERT_TRUE(ref) << "reference help text missing";
    std::stringstream buf;
    buf << ref.rdbuf();
    auto expected = lines_of(buf.str());

    std::vector<std::string> ours;
    for (const auto& l : lines_of(render_help())) {
        if (l == "Exit status:") break;
        if (!is_our_option_line(l)) ours.push_back(l);
    }
    while (!ours.empty() && ours.back().empty()) ours.pop_back();
    ASSERT_EQ(ours.size(), expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) EXPECT_EQ(ours[i], expected[i]) << "line " << i + 1;
}

TEST(Help, ListsEveryVisibleOptionAndTheExitCodes) {
    std::string help = render_help();
    std::size_t visible = 0;
    for (const auto& spec : option_table()) {
        if (spec.status == OptionStatus::AsUnknown) continue;
        ++visible;
        EXPECT_NE(help.find(" -" + std::string(spec.name) + " "), std::string::npos) << spec.name;
    }
    EXPECT_EQ(visible, 181u + kOurOptions.size());
    EXPECT_NE(help.find(" 3  certificate verification failed"), std::string::npos);
}

}  // namespace
}  // namespace sc

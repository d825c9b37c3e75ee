#include "util/argv_secrets.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

struct Argv {
    std::vector<std::string> store;
    std::vector<char*> ptrs;
    explicit Argv(std::vector<std::string> a) : store(std::move(a)) {
        for (auto& s : store) ptrs.push_back(s.data());
        ptrs.push_back(nullptr);
    }
    int argc() const { return static_cast<int>(store.size()); }
    char** argv() { return ptrs.data(); }
};

TEST(HidePassPhrases, HidesPassSourcesOfBothOptionsInEverySpelling) {
    Argv a({"s_client", "-connect", "h:443", "-pass", "pass:hunter2", "--proxy_pass", "pass:p@ss word",
            "-proxy_pass=pass:inline", "-proxy_user", "pass:notasecret"});
    EXPECT_EQ(sc::hide_pass_phrases(a.argc(), a.argv()), 3);
    EXPECT_EQ(a.store[4], "pass:*******");
    EXPECT_EQ(a.store[6], "pass:*********");
    EXPECT_EQ(a.store[7], "-proxy_pass=pass:******");
    EXPECT_EQ(a.store[9], "pass:notasecret");  // -proxy_user's value is not a pass-phrase source
    EXPECT_EQ(a.store[2], "h:443");
}

TEST(HidePassPhrases, LeavesOtherSourcesAndTheEndOfOptionsAlone) {
    Argv a({"s_client", "-pass", "env:KEYPASS", "-proxy_pass", "file:/run/p", "-pass", "stdin", "--", "-pass",
            "pass:x"});
    EXPECT_EQ(sc::hide_pass_phrases(a.argc(), a.argv()), 0);
    EXPECT_EQ(a.store[2], "env:KEYPASS");
    EXPECT_EQ(a.store[9], "pass:x");
}

TEST(HidePassPhrases, OptionWithoutValueAndEmptyPhrase) {
    Argv a({"s_client", "-pass", "pass:", "-proxy_pass"});
    EXPECT_EQ(sc::hide_pass_phrases(a.argc(), a.argv()), 1);
    EXPECT_EQ(a.store[2], "pass:");
}

}  // namespace

// Pass-phrase sources: openssl's forms and wording, never the secret in an error.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "util/pass_source.h"

namespace sc {
namespace {

std::string value(std::string_view src) {
    auto r = read_pass_source(src);
    if (auto* e = std::get_if<PassError>(&r)) return "ERROR: " + e->message;
    return std::get<std::string>(r);
}

TEST(PassSource, PassAndEnv) {
    EXPECT_EQ(value("pass:s3cret"), "s3cret");
    EXPECT_EQ(value("pass:"), "");
    ::setenv("SC_PASS_TEST", "from env", 1);
    EXPECT_EQ(value("env:SC_PASS_TEST"), "from env");
    EXPECT_EQ(value("env:SC_NO_SUCH_VARIABLE"), "ERROR: No environment variable SC_NO_SUCH_VARIABLE");
}

TEST(PassSource, FileAndFdReadTheFirstLine) {
    char path[] = "/tmp/sc_pass_XXXXXX";
    int fd = ::mkstemp(path);
    ASSERT_GE(fd, 0);
    ASSERT_EQ(::write(fd, "first\nsecond\n", 13), 13);
    EXPECT_EQ(value(std::string("file:") + path), "first");
    ::lseek(fd, 0, SEEK_SET);
    EXPECT_EQ(value("fd:" + std::to_string(fd)), "first");
    // fd: stops at the line feed: the rest stays in the stream.
    EXPECT_EQ(value("fd:" + std::to_string(fd)), "second");
    ::close(fd);
    ::unlink(path);
    EXPECT_EQ(value("file:/nonexistent/x"), "ERROR: Can't open file /nonexistent/x");
    EXPECT_EQ(value("fd:-1"), "ERROR: Can't access file descriptor -1");
    EXPECT_EQ(value("fd:x"), "ERROR: Can't access file descriptor x");
}

TEST(PassSource, BadSourceDoesNotRevealTheArgument) {
    EXPECT_EQ(value("hunter2"), "ERROR: Invalid password argument, missing ':' within the first 5 chars");
    EXPECT_EQ(value("abc:hunter2"), "ERROR: Invalid password argument, starting with \"abc:\"");
    EXPECT_EQ(value("longname:hunter2"), "ERROR: Invalid password argument, missing ':' within the first 5 chars");
}

}  // namespace
}  // namespace sc

// Command letters are whole lines; everything else reaches the server intact.
#include <gtest/gtest.h>

#include "relay/command_scanner.h"

namespace sc {
namespace {

std::string describe(const std::vector<StdinEvent>& events) {
    std::string s;
    for (const auto& e : events) {
        if (e.kind == StdinEvent::Kind::Data) s += "[" + e.data + "]";
        else s += std::string("{") + e.command + "}";
    }
    return s;
}

std::string scan(std::vector<std::string> chunks, bool commands = true, bool crlf = false, bool eof = true) {
    CommandScanner scanner(commands, crlf);
    std::vector<StdinEvent> out;
    for (const auto& c : chunks) scanner.feed(c, out);
    if (eof) scanner.finish(out);
    return describe(out);
}

TEST(CommandScanner, WholeLineLettersAreCommands) {
    EXPECT_EQ(scan({"Q\n"}), "{Q}");
    EXPECT_EQ(scan({"R\n"}), "{R}");
    EXPECT_EQ(scan({"K\r\n"}), "{K}");
    EXPECT_EQ(scan({"k\n"}), "{k}");
}

TEST(CommandScanner, WordsStartingWithCommandLettersAreData) {
    EXPECT_EQ(scan({"QUIT\r\n"}), "[QUIT\r\n]");
    EXPECT_EQ(scan({"RCPT TO:<a@b>\r\n"}), "[RCPT TO:<a@b>\r\n]");
    EXPECT_EQ(scan({"Key\n"}), "[Key\n]");
}

TEST(CommandScanner, OnlyAtTheStartOfALine) {
    EXPECT_EQ(scan({"hello\nQ\n"}), "[hello\n]{Q}");
    EXPECT_EQ(scan({"xQ\n"}), "[xQ\n]");
}

TEST(CommandScanner, DecisionSpansReads) {
    EXPECT_EQ(scan({"Q", "UIT\n"}), "[QUIT\n]");
    EXPECT_EQ(scan({"Q", "\n"}), "{Q}");
    EXPECT_EQ(scan({"R\r", "\n"}), "{R}");
    EXPECT_EQ(scan({"hel", "lo\n", "K", "\n"}), "[hello\n]{K}");
}

TEST(CommandScanner, BinaryDataIsData) {
    std::string bin("R\x00\x01\xffK", 5);
    EXPECT_EQ(scan({bin}), "[" + bin + "]");
}

TEST(CommandScanner, UnterminatedLetterAtEofIsACommand) {
    EXPECT_EQ(scan({"Q"}), "{Q}");
    EXPECT_EQ(scan({"Q\r"}), "[Q\r]");
}

TEST(CommandScanner, DisabledCommandsPassEverything) { EXPECT_EQ(scan({"Q\n"}, false), "[Q\n]"); }

TEST(CommandScanner, CrlfConvertsDataNotCommands) {
    EXPECT_EQ(scan({"a\nb\n"}, true, true), "[a\r\nb\r\n]");
    EXPECT_EQ(scan({"Q\n"}, true, true), "{Q}");
    EXPECT_EQ(scan({"QUIT\n"}, true, true), "[QUIT\r\n]");
}

TEST(CommandScanner, HeldLetterIsNotLostWithoutEof) {
    // Until the next byte comes, "R" may be a command: nothing is emitted yet.
    EXPECT_EQ(scan({"R"}, true, false, false), "");
}

}  // namespace
}  // namespace sc

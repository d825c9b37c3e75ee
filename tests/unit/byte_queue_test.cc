// The stdout buffer: bytes come out in the order they went in, however they
// were appended (copied, or filled in place) and consumed, and a reader that
// never empties it cannot make it grow with the stream.
#include <gtest/gtest.h>

#include <cstring>
#include <random>
#include <string>

#include "io/byte_queue.h"

namespace sc {
namespace {

std::string contents(const ByteQueue& q) { return std::string(q.data(), q.size()); }

TEST(ByteQueue, AppendConsumeKeepsOrder) {
    ByteQueue q;
    EXPECT_TRUE(q.empty());
    q.append("hello ");
    q.append("world");
    EXPECT_EQ(contents(q), "hello world");
    q.consume(6);
    EXPECT_EQ(contents(q), "world");
    q.consume(5);
    EXPECT_TRUE(q.empty());
}

TEST(ByteQueue, RoomIsFilledInPlaceAndOnlyCommittedBytesCount) {
    ByteQueue q;
    q.append("ab");
    char* p = q.room(100);
    std::memcpy(p, "cdef", 4);
    q.commit(3);  // the caller filled 4 but says 3: only 3 count
    EXPECT_EQ(contents(q), "abcde");
}

// A model check: random appends, in-place fills and partial consumes against
// a std::string doing the same; the capacity stays within a small multiple of
// the most ever held at once (a slow reader cannot make it grow without end).
TEST(ByteQueue, MatchesAStringModelAndStaysBounded) {
    std::mt19937 rng(12345);
    ByteQueue q;
    std::string model;
    std::size_t most_held = 0;
    std::size_t next_byte = 0;
    for (int step = 0; step < 20000; ++step) {
        std::size_t n = rng() % 20000;
        std::string chunk;
        for (std::size_t i = 0; i < n; ++i) chunk.push_back(static_cast<char>(next_byte++ * 131 >> 3));
        if (rng() % 2) {
            q.append(chunk);
        } else {
            std::memcpy(q.room(chunk.size() + 7), chunk.data(), chunk.size());
            q.commit(chunk.size());
        }
        model += chunk;
        most_held = std::max(most_held, model.size());
        std::size_t take = model.empty() ? 0 : rng() % (model.size() + 1);
        ASSERT_EQ(std::string(q.data(), take), model.substr(0, take));
        q.consume(take);
        model.erase(0, take);
        ASSERT_EQ(q.size(), model.size());
    }
    EXPECT_EQ(contents(q), model);
    EXPECT_GT(next_byte, 100'000'000u);  // the stream was ~200 MB...
    // ...but the block never outgrew a few times the most held at once.
    EXPECT_LE(q.capacity(), 4 * (most_held + 20007));
}

}  // namespace
}  // namespace sc

#include "core/parse.h"

#include <gtest/gtest.h>

#include <limits>

using namespace pl;

TEST(Parse, WholeNumbersAreTheWholeText) {
    long long v = 0;
    EXPECT_TRUE(parse_whole("42", 0, 100, &v));
    EXPECT_EQ(v, 42);
    EXPECT_TRUE(parse_whole("-7", -10, 10, &v));
    EXPECT_EQ(v, -7);
    for (const char* bad : {"", "-", "+3", " 3", "3 ", "3.0", "1e3", "0x10", "\xEF\xBB\xBF" "1", "--1"}) {
        EXPECT_FALSE(parse_whole(bad, -1000, 1000, &v)) << bad;
    }
    EXPECT_FALSE(parse_whole(std::string_view("1\0" "2", 3), 0, 1000, &v)) << "a NUL inside a number";
}

TEST(Parse, RangesAreInclusiveAndNothingOverflows) {
    int v = 0;
    EXPECT_TRUE(parse_whole("1", 1, 8, &v));
    EXPECT_TRUE(parse_whole("8", 1, 8, &v));
    EXPECT_FALSE(parse_whole("0", 1, 8, &v));
    EXPECT_FALSE(parse_whole("9", 1, 8, &v));
    long long w = 0;
    EXPECT_FALSE(parse_whole("99999999999999999999999", 0, std::numeric_limits<long long>::max(), &w));
    EXPECT_TRUE(parse_whole("999999999999999999", 0, std::numeric_limits<long long>::max(), &w));
    EXPECT_FALSE(parse_whole("4294967297", 0, 100, &v)) << "no wrap-around into range";
}

TEST(Parse, SizePairs) {
    int r = 0, c = 0;
    EXPECT_TRUE(parse_size_pair("3", 1, 8, &r, &c));
    EXPECT_EQ(r, 3);
    EXPECT_EQ(c, 3);
    EXPECT_TRUE(parse_size_pair("2x3", 1, 8, &r, &c));
    EXPECT_EQ(r, 2);
    EXPECT_EQ(c, 3);
    EXPECT_TRUE(parse_size_pair("4X1", 1, 8, &r, &c));
    EXPECT_EQ(r, 4);
    EXPECT_EQ(c, 1);
    for (const char* bad : {"", "x", "2x", "x2", "2x3x4", "0x2", "2x9", "-2"}) EXPECT_FALSE(parse_size_pair(bad, 1, 8, &r, &c)) << bad;
    EXPECT_EQ(size_pair_text(2, 2), "2");
    EXPECT_EQ(size_pair_text(2, 3), "2x3");
}

TEST(Parse, WholeFromDouble) {
    long long v = 0;
    EXPECT_TRUE(whole_from_double(3.0, 1, 5, &v));
    EXPECT_EQ(v, 3);
    EXPECT_FALSE(whole_from_double(3.5, 1, 5, &v));
    EXPECT_FALSE(whole_from_double(std::numeric_limits<double>::quiet_NaN(), 1, 5, &v));
    EXPECT_FALSE(whole_from_double(std::numeric_limits<double>::infinity(), 1, 5, &v));
    EXPECT_FALSE(whole_from_double(6.0, 1, 5, &v));
}

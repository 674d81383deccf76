#include <gtest/gtest.h>

#include "core/csv.h"

using namespace pl;

TEST(ParseNumber, AcceptsOrdinaryNumbersWithBlanks) {
    EXPECT_EQ(parse_number("3").value, 3.0f);
    EXPECT_EQ(parse_number("  -0.25 ").value, -0.25f);
    EXPECT_EQ(parse_number("1e3").value, 1000.0f);
    EXPECT_EQ(parse_number("1e-400").value, 0.0f);
}

TEST(ParseNumber, RejectsWithAReadableMessage) {
    EXPECT_EQ(parse_number("").error, "no number given");
    EXPECT_EQ(parse_number("abc").error, "'abc' is not a number");
    EXPECT_EQ(parse_number("3 4").error, "'3 4' is not a number");
    EXPECT_EQ(parse_number(std::string("\x7f" "ELF\x02\x01", 6)).error, "'\\x7fELF\\x02\\x01' is not a number");
    EXPECT_EQ(parse_number("abcdefghijklmnopqrstuvwxyz").error, "'abcdefghijklmnopqrstuvwx...' is not a number");
    EXPECT_EQ(parse_number("nan").error, "'nan' is not a number (NaN); enter a finite value");
    EXPECT_EQ(parse_number("-inf").error, "'-inf' is infinite; enter a finite number");
    EXPECT_EQ(parse_number("1e39").error, "'1e39' is too large; the largest allowed is about 3e38");
}

TEST(FormatValue, ShortestRoundTrip) {
    EXPECT_EQ(format_value(9.0f), "9");
    EXPECT_EQ(format_value(3.75f), "3.75");
    EXPECT_EQ(format_value(0.3f), "0.3");
    EXPECT_EQ(format_value(-0.0f), "0");
    EXPECT_EQ(format_value(1.0f / 3.0f), "0.33333334");
    EXPECT_EQ(format_value(1e-7f), "1e-07");
}

TEST(ParseCsv, ReadsRowsWithCrlfAndTrailingBlankLines) {
    Result<Grid> g = parse_csv("1, 2,3\r\n4,5 ,6\r\n\r\n\n");
    ASSERT_TRUE(g.ok()) << g.error;
    EXPECT_EQ(g.value, Grid::from_rows({{1, 2, 3}, {4, 5, 6}}));
}

TEST(ParseCsv, ErrorsNameTheLineAndValue) {
    EXPECT_EQ(parse_csv("").error, "the CSV is empty: expected rows of comma-separated numbers");
    EXPECT_EQ(parse_csv("1,2\n3\n").error, "line 2 has 1 values but line 1 has 2; every row needs the same number");
    EXPECT_EQ(parse_csv("1,2\n3,x\n").error, "line 2, value 2: 'x' is not a number");
    EXPECT_EQ(parse_csv("1,2\n\n3,4\n").error, "line 2 is blank; every row needs values");
    EXPECT_EQ(parse_csv("1,,2").error, "line 1, value 2: no number given");
    EXPECT_EQ(parse_csv("1,NaN").error, "line 1, value 2: 'NaN' is not a number (NaN); enter a finite value");
}

TEST(ParseCsv, RejectsTooManyColumns) {
    std::string wide;
    for (int i = 0; i <= kMaxGridSide; ++i) wide += i ? ",0" : "0";
    EXPECT_NE(parse_csv(wide).error.find("too large"), std::string::npos);
}

TEST(ToCsv, RoundTrips) {
    Grid g = Grid::from_rows({{0.3f, -1.5f}, {9, 1e-7f}});
    EXPECT_EQ(to_csv(g), "0.3,-1.5\n9,1e-07\n");
    EXPECT_EQ(parse_csv(to_csv(g)).value, g);
}

TEST(GroupThousands, Groups) {
    EXPECT_EQ(group_thousands(0), "0");
    EXPECT_EQ(group_thousands(999), "999");
    EXPECT_EQ(group_thousands(55744), "55,744");
    EXPECT_EQ(group_thousands(138357544), "138,357,544");
    EXPECT_EQ(group_thousands(-1234), "-1,234");
}

TEST(LongCsv, SeveralGridsInOneFile) {
    std::string out;
    append_long_csv(&out, "input", Grid::from_rows({{1, 2}}));
    append_long_csv(&out, "output", Grid::from_rows({{2.5f}}));
    EXPECT_EQ(out, "grid,row,column,value\ninput,1,1,1\ninput,1,2,2\noutput,1,1,2.5\n");
}

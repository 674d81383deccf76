#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include <cstdio>

#include "core/csv.h"
#include "core/layers.h"
#include "core/link.h"
#include "core/scene.h"

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
    EXPECT_EQ(parse_number("1e39").error, "'1e39' is too large; the largest allowed is about 3.4e38");
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
    EXPECT_EQ(parse_csv("1,2\n3\n").error, "line 2 has 1 value but line 1 has 2; every row needs the same number");
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

TEST(ParseCsv, HostileBytesAreRefusedByNameOrReadAsTheyLook) {
    using namespace std::string_literals;
    struct Case {
        std::string text;
        std::string error;  // "" for text that reads as `grid`
        Grid grid;
    };
    const std::vector<Case> cases = {
        // A NUL byte anywhere in a number (strtod would stop at it and read "2").
        {"1,2\0003,4"s, "line 1, value 2: '2\\x003' has a NUL byte (\\x00) in it, so it is not a number; is this a binary file?", {}},
        {"1,2\n3,\0004\n"s, "line 2, value 2: '\\x004' has a NUL byte (\\x00) in it, so it is not a number; is this a binary file?", {}},
        {"1,2\0\n"s, "line 1, value 2: '2\\x00' has a NUL byte (\\x00) in it, so it is not a number; is this a binary file?", {}},
        {"\0"s, "line 1, value 1: '\\x00' has a NUL byte (\\x00) in it, so it is not a number; is this a binary file?", {}},
        // A byte-order mark at the start is no part of the first number; elsewhere it is shown.
        {"\xEF\xBB\xBF" "1,2\n3,4\n", "", Grid::from_rows({{1, 2}, {3, 4}})},
        {"\xEF\xBB\xBF" " 1\r\n", "", Grid::from_rows({{1}})},
        {"\xEF\xBB\xBF", "the CSV is empty: expected rows of comma-separated numbers", {}},
        {"1,2\n\xEF\xBB\xBF" "3,4\n", "line 2, value 1: '\\uFEFF3' is not a number", {}},
        {"\xEF\xBB\xBF\xEF\xBB\xBF" "1", "line 1, value 1: '\\uFEFF1' is not a number", {}},
        // Other invisible characters are shown too.
        {"1,\xE2\x80\x8B" "2", "line 1, value 2: '\\u200B2' is not a number", {}},
        {"1,\xC2\xA0" "2", "line 1, value 2: '\\u00A02' is not a number", {}},
        // UTF-16 is said to be UTF-16.
        {"\xFF\xFE" "1\0,\0" "2\0"s, "the file is UTF-16 text; save it as UTF-8 or plain text (CSV) and try again", {}},
        {"\xFE\xFF\0" "1"s, "the file is UTF-16 text; save it as UTF-8 or plain text (CSV) and try again", {}},
    };
    for (const Case& c : cases) {
        Result<Grid> g = parse_csv(c.text);
        EXPECT_EQ(g.error, c.error) << testing::PrintToString(c.text);
        if (c.error.empty()) EXPECT_EQ(g.value, c.grid) << testing::PrintToString(c.text);
    }
}

TEST(ParseCsv, AGridTooLargeIsRefusedWithItsRealSize) {
    // Rows by columns as the file has them, whichever limit it passes, before any value is read.
    auto csv = [](int rows, int cols) {
        std::string line;
        for (int c = 0; c < cols; ++c) line += c ? ",1" : "1";
        std::string text;
        for (int r = 0; r < rows; ++r) text += line + "\n";
        return text + "\n\n";  // blank lines at the end do not count
    };
    for (auto [rows, cols] : {std::pair{5000, 5000}, {8193, 1}, {1, 8193}, {2, 9000}}) {
        const std::string error = parse_csv(csv(rows, cols)).error;
        EXPECT_EQ(error.rfind("the grid is too large (" + std::to_string(rows) + "×" + std::to_string(cols) + ")", 0), 0u) << error;
    }
    EXPECT_EQ(parse_csv(csv(8192, 1)).error, "");  // the longest side there may be
    EXPECT_EQ(parse_csv(csv(1, 8192)).error, "");
    EXPECT_EQ(parse_csv(std::string(5000, '\n') + "1").error, "line 1 is blank; every row needs values");
}

TEST(ParseNumber, TakesTheWholeTextOrNothing) {
    using namespace std::string_literals;
    for (const std::string& bad : {"2\0003"s, "2\0"s, "\0002"s, "1 2"s, "1e"s, "--1"s, "1..2"s, "\xEF\xBB\xBF" "1"s}) {
        EXPECT_FALSE(parse_number(bad).ok()) << testing::PrintToString(bad);
    }
}

TEST(Csv, ADecimalCommaIsNamed) {
    for (const char* typed : {"2,5", "-0,25", "1,5e3"}) {
        const Result<float> r = parse_number(typed);
        ASSERT_FALSE(r.ok()) << typed;
        EXPECT_NE(r.error.find("write decimals with a point"), std::string::npos) << r.error;
    }
    // Not every comma is a decimal one: those get the plain message.
    for (const char* typed : {"1,2,3", "a,b", ","}) {
        const Result<float> r = parse_number(typed);
        ASSERT_FALSE(r.ok()) << typed;
        EXPECT_EQ(r.error.find("write decimals with a point"), std::string::npos) << typed << ": " << r.error;
    }
}

// The class of characters a message must not show raw: every control byte,
// and every code point that is invisible or passes for a plain space, is
// escaped wherever a message quotes input (CSV values, link notices, model
// JSON fields), so a NUL cannot cut a banner short and a bidi mark cannot
// reorder it. Printable characters (×, é, 中) stay as they are.
TEST(Csv, EveryInvisibleCharacterIsEscapedInEveryMessage) {
    const std::pair<std::string, std::string> invisible[] = {
        {std::string(1, '\0'), "\\x00"},     {"\x01", "\\x01"},         {"\x1b", "\\x1b"},         {"\x7f", "\\x7f"},
        {"\xC2\x85", "\\u0085"},              {"\xC2\xA0", "\\u00A0"},    {"\xC2\xAD", "\\u00AD"},    {"\xCD\x8F", "\\u034F"},
        {"\xD8\x9C", "\\u061C"},              {"\xE1\x85\x9F", "\\u115F"}, {"\xE1\x9A\x80", "\\u1680"}, {"\xE1\xA0\x8E", "\\u180E"},
        {"\xE2\x80\x80", "\\u2000"},          {"\xE2\x80\x8B", "\\u200B"}, {"\xE2\x80\x8E", "\\u200E"}, {"\xE2\x80\x8F", "\\u200F"},
        {"\xE2\x80\xA8", "\\u2028"},          {"\xE2\x80\xAE", "\\u202E"}, {"\xE2\x80\xAF", "\\u202F"}, {"\xE2\x81\x9F", "\\u205F"},
        {"\xE2\x81\xA0", "\\u2060"},          {"\xE2\x81\xA3", "\\u2063"}, {"\xE2\x81\xA6", "\\u2066"}, {"\xE3\x80\x80", "\\u3000"},
        {"\xE3\x85\xA4", "\\u3164"},          {"\xEF\xB8\x8F", "\\uFE0F"}, {"\xEF\xBB\xBF", "\\uFEFF"}, {"\xEF\xBF\xB9", "\\uFFF9"},
        {"\xF3\xA0\x80\x81", "\\U000E0001"},   {"\xFF", "\\xff"},          {"\xC3", "\\xc3"},
    };
    auto percent = [](const std::string& s) {
        std::string out;
        char buf[8];
        for (unsigned char c : s) std::snprintf(buf, sizeof buf, "%%%02X", c), out += buf;
        return out;
    };
    for (const auto& [raw, escaped] : invisible) {
        const std::string where = "escaped as " + escaped;
        EXPECT_EQ(printable_text("a" + raw + "b"), "a" + escaped + "b") << where;
        // CSV: the value in the message.
        const Result<Grid> csv = parse_csv("1," + std::string("2") + raw + "3\n");
        ASSERT_FALSE(csv.ok()) << where;
        if (raw[0] != '\0') EXPECT_NE(csv.error.find(escaped), std::string::npos) << where << ": " << csv.error;
        EXPECT_EQ(csv.error.find(raw), std::string::npos) << where << ": " << csv.error;
        // A link: the banner's notices.
        std::vector<std::string> notices;
        read_link("v=1&scene=shift&fabric1=7x7:1" + percent(raw) + "*49&x" + percent(raw) + "=1", scene_set_default(), &notices);
        ASSERT_FALSE(notices.empty()) << where;
        for (const std::string& n : notices) {
            EXPECT_EQ(n.find(raw), std::string::npos) << where << ": " << n;
            EXPECT_EQ(n.find('\0'), std::string::npos) << where;
        }
        // Model JSON: an unknown field's name.
        if (raw.size() > 1 && static_cast<unsigned char>(raw[0]) >= 0xC2 && raw != "\xC3") {
            const Result<Model> m = parse_model("{\"input\": [8, 8, 1], \"layers\": [{\"type\": \"dense\", \"units\": 2, \"u" + raw + "\": 1}]}");
            ASSERT_FALSE(m.ok()) << where;
            EXPECT_NE(m.error.find("\"u" + escaped + "\""), std::string::npos) << where << ": " << m.error;
        }
    }
    for (const char* shown : {"16\xC3\x97" "16", "caf\xC3\xA9", "\xE4\xB8\xAD", "a b"}) EXPECT_EQ(printable_text(shown), shown);
}

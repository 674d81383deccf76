#include <gtest/gtest.h>

#include "core/json_value.h"

using namespace pl;

TEST(JsonValue, ParsesNestedValues) {
    Result<JsonValue> v = parse_json(R"( {"a": [1, -2.5e1, true, null], "b": {"c": "x\"\u00e9\n"}} )");
    ASSERT_TRUE(v.ok()) << v.error;
    const JsonValue* a = v.value.find("a");
    ASSERT_TRUE(a && a->is_array());
    EXPECT_EQ(a->array.size(), 4u);
    EXPECT_EQ(a->array[1].number, -25.0);
    EXPECT_TRUE(a->array[2].boolean);
    EXPECT_EQ(a->array[3].type, JsonValue::Type::Null);
    EXPECT_EQ(v.value.find("b")->find("c")->string, "x\"\xc3\xa9\n");
    EXPECT_EQ(v.value.find("nope"), nullptr);
}

TEST(JsonValue, ErrorsSayWhereAndWhat) {
    EXPECT_EQ(parse_json("{\"a\": 1,\n  \"b\" 2}").error, "JSON error at line 2, column 7: expected ':' after a name");
    EXPECT_EQ(parse_json("[1, 2").error, "JSON error at line 1, column 6: expected ',' or ']' in a list");
    EXPECT_EQ(parse_json("").error, "JSON error at line 1, column 1: unexpected end of text");
    EXPECT_EQ(parse_json("{\"a\": 1, \"a\": 2}").error, "JSON error at line 1, column 13: the name \"a\" appears twice");
    EXPECT_EQ(parse_json("[01]").error, "JSON error at line 1, column 3: expected ',' or ']' in a list");
    EXPECT_EQ(parse_json("1e999").error, "JSON error at line 1, column 6: the number 1e999 is too large");
    EXPECT_EQ(parse_json("\"abc").error, "JSON error at line 1, column 5: a string is not closed");
    EXPECT_EQ(parse_json("[1] x").error, "JSON error at line 1, column 5: unexpected text after the JSON value");
    EXPECT_EQ(parse_json("nul").error, "JSON error at line 1, column 1: expected 'null'");
}

TEST(JsonValue, RefusesDeepNestingAndHugeText) {
    EXPECT_NE(parse_json(std::string(100, '[') + std::string(100, ']')).error.find("nested more than 64 levels"), std::string::npos);
    EXPECT_TRUE(parse_json(std::string(60, '[') + std::string(60, ']')).ok());
    EXPECT_NE(parse_json(std::string(kMaxJsonBytes + 1, ' ')).error.find("too large"), std::string::npos);
}

#include <gtest/gtest.h>

#include <limits>

#include "core/json.h"

using namespace pl;

TEST(Json, NestingAndCommas) {
    JsonWriter j;
    j.begin_object().key("a").value(1).key("b").begin_array().value(true).value("x").null().end_array();
    j.key("c").begin_object().end_object().end_object();
    EXPECT_EQ(j.str(), "{\"a\":1,\"b\":[true,\"x\",null],\"c\":{}}");
}

TEST(Json, EscapesStringsAndNonFiniteNumbers) {
    EXPECT_EQ(json_quote("a\"b\\c\n\x01"), "\"a\\\"b\\\\c\\n\\u0001\"");
    JsonWriter j;
    j.begin_array().value(std::numeric_limits<float>::infinity()).value(0.3f).value(0.5).end_array();
    EXPECT_EQ(j.str(), "[null,0.3,0.5]");
}

TEST(Json, Grid) {
    JsonWriter j;
    j.grid(Grid::from_rows({{1, 2}, {3, 4.5f}}));
    EXPECT_EQ(j.str(), "{\"rows\":2,\"cols\":2,\"values\":[[1,2],[3,4.5]]}");
}

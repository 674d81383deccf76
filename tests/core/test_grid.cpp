#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "core/grid.h"

using namespace pl;

TEST(Grid, FromRowsIsRowMajor) {
    Grid g = Grid::from_rows({{1, 2, 3}, {4, 5, 6}});
    EXPECT_EQ(g.rows, 2);
    EXPECT_EQ(g.cols, 3);
    EXPECT_EQ(g.at(0, 2), 3);
    EXPECT_EQ(g.at(1, 0), 4);
    EXPECT_TRUE(g.contains(1, 2));
    EXPECT_FALSE(g.contains(2, 0));
    EXPECT_FALSE(g.contains(0, -1));
}

TEST(Grid, CheckNamesTheFirstNonFiniteCellOneBased) {
    Grid g(3, 4, 1.0f);
    EXPECT_EQ(check_grid(g), "");
    g.at(1, 2) = std::numeric_limits<float>::quiet_NaN();
    EXPECT_EQ(check_grid(g), "cell (row 2, column 3) is NaN; every cell must be a finite number");
    g.at(1, 2) = -std::numeric_limits<float>::infinity();
    EXPECT_NE(check_grid(g).find("is -inf"), std::string::npos);
}

TEST(Grid, CheckRejectsEmptyAndAbsurdSizes) {
    EXPECT_NE(check_grid(Grid()).find("empty"), std::string::npos);
    EXPECT_NE(check_grid_size(kMaxGridSide + 1, 1).find("too large"), std::string::npos);
    EXPECT_NE(check_grid_size(5000, 5000).find("too large"), std::string::npos);  // 25M cells
    EXPECT_EQ(check_grid_size(4096, 4096), "");
    Grid broken(2, 2);
    broken.values.pop_back();
    EXPECT_NE(check_grid(broken).find("holds 3 values"), std::string::npos);
}

TEST(Grid, ResizedKeepsTheTopLeftAndFillsTheRest) {
    Grid g = Grid::from_rows({{1, 2}, {3, 4}});
    Grid bigger = resized(g, 3, 3, 7.0f);
    EXPECT_EQ(bigger, Grid::from_rows({{1, 2, 7}, {3, 4, 7}, {7, 7, 7}}));
    EXPECT_EQ(resized(bigger, 1, 2), Grid::from_rows({{1, 2}}));
}

TEST(Grid, ValueRange) {
    float lo, hi;
    value_range(Grid::from_rows({{3, -2}, {8, 0}}), &lo, &hi);
    EXPECT_EQ(lo, -2);
    EXPECT_EQ(hi, 8);
    value_range(Grid(), &lo, &hi);
    EXPECT_EQ(lo, 0);
    EXPECT_EQ(hi, 0);
}

#include <gtest/gtest.h>

#include "core/steps.h"

using namespace pl;

namespace {
const Grid kCourse = Grid::from_rows({{1, 3, 4, 8}, {2, 9, 1, 2}, {6, 1, 3, 5}, {0, 4, 2, 1}});

std::vector<PoolStep> steps_for(const Grid& g, const PoolParams& p) {
    return pool_steps(g, pool2d(g, p).value, p.op);
}
}  // namespace

TEST(Steps, CourseExampleWalksRowByRow) {
    std::vector<PoolStep> s = steps_for(kCourse, PoolParams{});
    ASSERT_EQ(s.size(), 4u);
    EXPECT_EQ(s[0].arithmetic, "max(1, 3, 2, 9) = 9");
    EXPECT_EQ(s[1].arithmetic, "max(4, 8, 1, 2) = 8");
    EXPECT_EQ(s[2].arithmetic, "max(6, 1, 0, 4) = 6");
    EXPECT_EQ(s[3].arithmetic, "max(3, 5, 2, 1) = 5");
    EXPECT_EQ(s[1].out_row, 0);
    EXPECT_EQ(s[1].out_col, 1);
    EXPECT_EQ(s[1].window, (Window{0, 2, 2, 2}));
    EXPECT_EQ(s[2].window, (Window{2, 0, 2, 2}));
    EXPECT_EQ(s[3].winner_row, 2);
    EXPECT_EQ(s[3].winner_col, 3);
}

TEST(Steps, ArithmeticForEachOperation) {
    PoolParams p;
    p.op = PoolOp::Average;
    EXPECT_EQ(steps_for(kCourse, p)[0].arithmetic, "(1 + 3 + 2 + 9) / 4 = 3.75");
    p.op = PoolOp::Min;
    EXPECT_EQ(steps_for(kCourse, p)[2].arithmetic, "min(6, 1, 0, 4) = 0");
}

TEST(Steps, SentenceForNarration) {
    std::vector<PoolStep> s = steps_for(kCourse, PoolParams{});
    EXPECT_EQ(step_sentence(s[1], 1, 4, PoolOp::Max),
              "Window 2 of 4: max of 4, 8, 1, 2 is 8 (row 1, column 4), written to row 1, column 2.");
    PoolParams p;
    p.op = PoolOp::Average;
    std::vector<PoolStep> a = steps_for(kCourse, p);
    EXPECT_EQ(step_sentence(a[3], 3, 4, PoolOp::Average),
              "Window 4 of 4: average of 3, 5, 2, 1 is 2.75, written to row 2, column 2.");
}

TEST(Steps, PaddingIsLeftOutOfTheValues) {
    Grid g = Grid::from_rows({{1, 2, 3}, {4, 5, 6}, {7, 8, 9}});
    PoolParams p;
    p.padding = Padding::Same;
    p.op = PoolOp::Average;
    std::vector<PoolStep> s = steps_for(g, p);
    ASSERT_EQ(s.size(), 4u);
    EXPECT_EQ(s[1].values, (std::vector<float>{3, 6}));
    EXPECT_EQ(s[1].arithmetic, "(3 + 6) / 2 = 4.5");
    EXPECT_EQ(s[3].arithmetic, "(9) / 1 = 9");
    EXPECT_EQ(s[3].window, (Window{2, 2, 2, 2}));
    EXPECT_EQ(s[3].clipped, (Window{2, 2, 1, 1}));
}

TEST(Steps, LargeWindowsAreAbbreviated) {
    Grid g(5, 5, 1.0f);
    g.at(4, 4) = 7;
    PoolParams p;
    p.size_rows = p.size_cols = 5;
    std::vector<PoolStep> s = steps_for(g, p);
    ASSERT_EQ(s.size(), 1u);
    EXPECT_EQ(s[0].values.size(), 25u);
    EXPECT_EQ(s[0].arithmetic, "max(1, 1, 1, ... (21 more), 7) = 7");
}

TEST(Steps, ATieIsWonByTheFirstCellInRowOrder) {
    // Every window of a constant map is a tie; the winner is its top-left cell, and the sentence says so.
    for (PoolOp op : {PoolOp::Max, PoolOp::Min}) {
        PoolParams p;
        p.op = op;
        const std::vector<PoolStep> s = steps_for(Grid(4, 6, 2.0f), p);
        ASSERT_EQ(s.size(), 6u);
        for (const PoolStep& st : s) {
            EXPECT_EQ(st.ties, 4);
            EXPECT_EQ(st.winner_row, st.window.row);
            EXPECT_EQ(st.winner_col, st.window.col);
        }
        EXPECT_NE(step_sentence(s[0], 0, 6, op).find("4 cells hold it, and the first in row order wins"), std::string::npos)
            << step_sentence(s[0], 0, 6, op);
    }
    // Two equal maxima, not the first cell: the first of the two in row order wins.
    const std::vector<PoolStep> s = steps_for(Grid::from_rows({{1, 7}, {7, 3}}), PoolParams{});
    EXPECT_EQ(s[0].ties, 2);
    EXPECT_EQ(s[0].winner_row, 0);
    EXPECT_EQ(s[0].winner_col, 1);
    // No tie, no words about one; average has no winner.
    EXPECT_EQ(steps_for(kCourse, PoolParams{})[0].ties, 1);
    EXPECT_EQ(step_sentence(steps_for(kCourse, PoolParams{})[0], 0, 4, PoolOp::Max).find("first in row order"), std::string::npos);
}

#include <gtest/gtest.h>

#include <limits>
#include <random>

#include "core/pool.h"
#include "test_util.h"

using namespace pl;

namespace {

PoolParams params(PoolOp op, int size, int stride, Padding pad) {
    PoolParams p;
    p.op = op;
    p.size_rows = p.size_cols = size;
    p.stride_rows = p.stride_cols = stride;
    p.padding = pad;
    return p;
}

// A 1 x N row pooled along columns only.
PoolParams row_params(PoolOp op, int size, int stride, Padding pad) {
    PoolParams p = params(op, size, stride, pad);
    p.size_rows = p.stride_rows = 1;
    return p;
}

const Grid kCourse = Grid::from_rows({{1, 3, 4, 8}, {2, 9, 1, 2}, {6, 1, 3, 5}, {0, 4, 2, 1}});

}  // namespace

TEST(Pool, CourseExampleMaxGives9865) {
    Result<PoolResult> r = pool2d(kCourse, PoolParams{});
    ASSERT_TRUE(r.ok()) << r.error;
    EXPECT_EQ(r.value.output, Grid::from_rows({{9, 8}, {6, 5}}));
    // Winners: where the 9, 8, 6 and 5 stand.
    EXPECT_EQ(r.value.cell(0, 0).winner_row, 1);
    EXPECT_EQ(r.value.cell(0, 0).winner_col, 1);
    EXPECT_EQ(r.value.cell(0, 1).winner_row, 0);
    EXPECT_EQ(r.value.cell(0, 1).winner_col, 3);
    EXPECT_EQ(r.value.cell(1, 0).winner_row, 2);
    EXPECT_EQ(r.value.cell(1, 0).winner_col, 0);
    EXPECT_EQ(r.value.cell(1, 1).winner_row, 2);
    EXPECT_EQ(r.value.cell(1, 1).winner_col, 3);
    EXPECT_EQ(r.value.cell(1, 1).window, (Window{2, 2, 2, 2}));
}

TEST(Pool, CourseExampleAverageAndMin) {
    Result<PoolResult> avg = pool2d(kCourse, params(PoolOp::Average, 2, 2, Padding::Valid));
    EXPECT_EQ(avg.value.output, Grid::from_rows({{3.75f, 3.75f}, {2.75f, 2.75f}}));
    EXPECT_EQ(avg.value.cell(0, 0).winner_row, -1);  // no winner for an average
    Result<PoolResult> mn = pool2d(kCourse, params(PoolOp::Min, 2, 2, Padding::Valid));
    EXPECT_EQ(mn.value.output, Grid::from_rows({{1, 1}, {0, 1}}));
    EXPECT_EQ(mn.value.cell(1, 0).winner_row, 3);  // the 0
    EXPECT_EQ(mn.value.cell(1, 0).winner_col, 0);
}

TEST(Pool, MnistSevenGoldenCase) {
    // Course material: the 13x13 map is exactly the 2x2 stride-2 max pool of the 26x26 feature map.
    Grid conv = load_data_grid("mnist7_conv26.csv");
    Grid golden = load_data_grid("mnist7_maxpool13.csv");
    ASSERT_EQ(conv.rows, 26);
    ASSERT_EQ(conv.cols, 26);
    ASSERT_EQ(golden.rows, 13);
    Result<PoolResult> r = pool2d(conv, PoolParams{});
    ASSERT_TRUE(r.ok()) << r.error;
    EXPECT_EQ(r.value.output, golden);
    EXPECT_EQ(output_size_formula(26, 2, 2, Padding::Valid), "floor((26 - 2) / 2) + 1 = 13");
}

TEST(Pool, ValidOutputSizeFormula) {
    EXPECT_EQ(output_size_formula(4, 2, 2, Padding::Valid), "floor((4 - 2) / 2) + 1 = 2");
    EXPECT_EQ(output_size_formula(5, 2, 2, Padding::Valid), "floor((5 - 2) / 2) + 1 = 2");
    EXPECT_EQ(output_size_formula(7, 3, 2, Padding::Valid), "floor((7 - 3) / 2) + 1 = 3");
    EXPECT_EQ(output_size_formula(5, 1, 3, Padding::Valid), "floor((5 - 1) / 3) + 1 = 2");
    EXPECT_EQ(output_size_formula(5, 2, 2, Padding::Same), "ceil(5 / 2) = 3");
    EXPECT_EQ(output_size_formula(4, 3, 1, Padding::Same), "ceil(4 / 1) = 4");
}

TEST(Pool, SamePaddingPutsTheExtraCellAfter) {
    // in 5, window 2, stride 2: out 3, padding 1 in all, 0 before and 1 after (TensorFlow).
    Result<PoolAxis> a = pool_axis(5, 2, 2, Padding::Same);
    EXPECT_EQ(a.value.out, 3);
    EXPECT_EQ(a.value.pad_before, 0);
    EXPECT_EQ(a.value.pad_after, 1);
    // in 6, window 3, stride 2: out 3, padding 1: 0 before, 1 after.
    a = pool_axis(6, 3, 2, Padding::Same);
    EXPECT_EQ(a.value.out, 3);
    EXPECT_EQ(a.value.pad_before, 0);
    EXPECT_EQ(a.value.pad_after, 1);
    // in 5, window 4, stride 1: out 5, padding 3: 1 before, 2 after.
    a = pool_axis(5, 4, 1, Padding::Same);
    EXPECT_EQ(a.value.out, 5);
    EXPECT_EQ(a.value.pad_before, 1);
    EXPECT_EQ(a.value.pad_after, 2);
    // Stride larger than the window: no padding at all.
    a = pool_axis(5, 1, 2, Padding::Same);
    EXPECT_EQ(a.value.out, 3);
    EXPECT_EQ(a.value.pad_before + a.value.pad_after, 0);
}

TEST(Pool, SamePaddingCellsTakeNoPartInMaxMinOrAverage) {
    // [1 2 3 4 5], window 2, stride 2, same: windows {1,2} {3,4} {5,pad}.
    Grid row = Grid::from_rows({{1, 2, 3, 4, 5}});
    EXPECT_EQ(pool2d(row, row_params(PoolOp::Max, 2, 2, Padding::Same)).value.output, Grid::from_rows({{2, 4, 5}}));
    EXPECT_EQ(pool2d(row, row_params(PoolOp::Average, 2, 2, Padding::Same)).value.output, Grid::from_rows({{1.5f, 3.5f, 5}}));
    // Negative values: a zero pad would win a max if it took part.
    Grid neg = Grid::from_rows({{-1, -2, -3, -4, -5}});
    EXPECT_EQ(pool2d(neg, row_params(PoolOp::Max, 2, 2, Padding::Same)).value.output, Grid::from_rows({{-1, -3, -5}}));
    EXPECT_EQ(pool2d(row, row_params(PoolOp::Min, 2, 2, Padding::Same)).value.output, Grid::from_rows({{1, 3, 5}}));
}

TEST(Pool, SamePaddingWindow3Stride1ByHand) {
    // [1 5 2 0], window 3, stride 1, same: pad 1 before, 1 after.
    // windows {p,1,5} {1,5,2} {5,2,0} {2,0,p}
    Grid row = Grid::from_rows({{1, 5, 2, 0}});
    Result<PoolResult> mx = pool2d(row, row_params(PoolOp::Max, 3, 1, Padding::Same));
    EXPECT_EQ(mx.value.output, Grid::from_rows({{5, 5, 5, 2}}));
    EXPECT_EQ(mx.value.cells[0].window, (Window{0, -1, 1, 3}));
    EXPECT_EQ(mx.value.cells[0].clipped, (Window{0, 0, 1, 2}));
    Result<PoolResult> avg = pool2d(row, row_params(PoolOp::Average, 3, 1, Padding::Same));
    EXPECT_FLOAT_EQ(avg.value.output.at(0, 0), 3.0f);
    EXPECT_FLOAT_EQ(avg.value.output.at(0, 1), 8.0f / 3.0f);
    EXPECT_FLOAT_EQ(avg.value.output.at(0, 2), 7.0f / 3.0f);
    EXPECT_FLOAT_EQ(avg.value.output.at(0, 3), 1.0f);
    EXPECT_EQ(pool2d(row, row_params(PoolOp::Min, 3, 1, Padding::Same)).value.output, Grid::from_rows({{1, 1, 0, 0}}));
}

TEST(Pool, SamePadding2DByHand) {
    // 3x3, window 2, stride 2, same: one padded row below and one padded column right.
    Grid g = Grid::from_rows({{1, 2, 3}, {4, 5, 6}, {7, 8, 9}});
    Result<PoolResult> mx = pool2d(g, params(PoolOp::Max, 2, 2, Padding::Same));
    ASSERT_TRUE(mx.ok());
    EXPECT_EQ(mx.value.output, Grid::from_rows({{5, 6}, {8, 9}}));
    EXPECT_EQ(mx.value.rows_axis.pad_after, 1);
    EXPECT_EQ(mx.value.cols_axis.pad_before, 0);
    Result<PoolResult> avg = pool2d(g, params(PoolOp::Average, 2, 2, Padding::Same));
    EXPECT_EQ(avg.value.output, Grid::from_rows({{3, 4.5f}, {7.5f, 9}}));
}

TEST(Pool, SameAllowsAWindowLargerThanTheInput) {
    Grid g = Grid::from_rows({{1, 2}, {3, 4}});
    Result<PoolResult> r = pool2d(g, params(PoolOp::Max, 3, 1, Padding::Same));
    ASSERT_TRUE(r.ok()) << r.error;
    EXPECT_EQ(r.value.output, Grid::from_rows({{4, 4}, {4, 4}}));
}

TEST(Pool, NonSquareWindowAndStride) {
    PoolParams p;
    p.size_rows = 1;
    p.size_cols = 3;
    p.stride_rows = 2;
    p.stride_cols = 1;
    Grid g = Grid::from_rows({{1, 2, 3, 4}, {5, 6, 7, 8}, {9, 1, 2, 3}});
    Result<PoolResult> r = pool2d(g, p);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r.value.output, Grid::from_rows({{3, 4}, {9, 3}}));
}

TEST(Pool, TiesGoToTheFirstCellRowMajor) {
    Grid g(2, 2, 5.0f);
    Result<PoolResult> r = pool2d(g, PoolParams{});
    EXPECT_EQ(r.value.cells[0].winner_row, 0);
    EXPECT_EQ(r.value.cells[0].winner_col, 0);
}

TEST(Pool, StrideLargerThanWindowSkipsCells) {
    Grid row = Grid::from_rows({{1, 9, 9, 4, 9}});
    EXPECT_EQ(pool2d(row, row_params(PoolOp::Max, 1, 3, Padding::Valid)).value.output, Grid::from_rows({{1, 4}}));
}

TEST(Pool, OutputsFedByOverlappingWindows) {
    Grid g(3, 3, 0.0f);
    Result<PoolResult> r = pool2d(g, params(PoolOp::Max, 2, 1, Padding::Valid));
    ASSERT_EQ(r.value.output.rows, 2);
    EXPECT_EQ(outputs_fed_by(r.value, 1, 1), (std::vector<int>{0, 1, 2, 3}));
    EXPECT_EQ(outputs_fed_by(r.value, 0, 0), (std::vector<int>{0}));
    EXPECT_EQ(outputs_fed_by(r.value, 2, 1), (std::vector<int>{2, 3}));
    // With stride > window, some cells feed nothing.
    Result<PoolResult> gap = pool2d(Grid(1, 5), row_params(PoolOp::Max, 1, 3, Padding::Valid));
    EXPECT_TRUE(outputs_fed_by(gap.value, 0, 1).empty());
}

TEST(Pool, InvalidConfigurationsGiveMessagesNotCrashes) {
    Grid g(4, 4, 1.0f);
    EXPECT_EQ(pool2d(g, params(PoolOp::Max, 0, 2, Padding::Valid)).error, "the window height must be at least 1 (it is 0)");
    EXPECT_EQ(pool2d(g, params(PoolOp::Max, 2, 0, Padding::Valid)).error, "the stride along rows must be at least 1 (it is 0)");
    EXPECT_EQ(pool2d(g, params(PoolOp::Max, -3, 2, Padding::Same)).error, "the window height must be at least 1 (it is -3)");
    EXPECT_EQ(pool2d(g, params(PoolOp::Max, 5, 1, Padding::Valid)).error,
              "the window (5 rows) is larger than the input (4 rows); with 'valid' padding every window must fit. "
              "Use a smaller window or 'same' padding.");
    EXPECT_NE(pool2d(g, params(PoolOp::Max, 2, 1 << 20, Padding::Valid)).error.find("at most 1024"), std::string::npos);
    PoolParams wide = params(PoolOp::Max, 2, 2, Padding::Valid);
    wide.size_cols = 9;
    EXPECT_NE(pool2d(g, wide).error.find("4 columns"), std::string::npos);
    g.at(2, 1) = std::numeric_limits<float>::quiet_NaN();
    EXPECT_EQ(pool2d(g, PoolParams{}).error, "cell (row 3, column 2) is NaN; every cell must be a finite number");
    EXPECT_NE(pool2d(Grid(), PoolParams{}).error.find("empty"), std::string::npos);
    EXPECT_EQ(output_size_formula(4, 0, 2, Padding::Valid), "the window height must be at least 1 (it is 0)");
    EXPECT_EQ(output_size_formula(4, 0, 2, Padding::Valid, "columns"), "the window width must be at least 1 (it is 0)");
    EXPECT_NE(output_size_formula(3, 5, 1, Padding::Valid, "columns").find("(5 columns) is larger than the input (3 columns)"),
              std::string::npos);
}

TEST(Pool, NamesParseBothWays) {
    PoolOp op;
    Padding pad;
    EXPECT_TRUE(parse_op("avg", &op));
    EXPECT_EQ(op, PoolOp::Average);
    EXPECT_STREQ(op_name(op), "average");
    EXPECT_FALSE(parse_op("median", &op));
    EXPECT_TRUE(parse_padding("same", &pad));
    EXPECT_STREQ(padding_name(pad), "same");
    EXPECT_FALSE(parse_padding("full", &pad));
}

TEST(Pool, ValuesOnlyMatchesPool2dOnRandomConfigurations) {
    std::mt19937 rng(99);
    std::uniform_real_distribution<float> u(-3.0f, 3.0f);
    std::uniform_int_distribution<int> side(1, 13), win(1, 5), stride(1, 4);
    int compared = 0;
    for (int t = 0; t < 300; ++t) {
        Grid g(side(rng), side(rng));
        for (float& v : g.values) v = u(rng);
        PoolParams p = params(static_cast<PoolOp>(t % 3), 1, 1, t % 2 ? Padding::Same : Padding::Valid);
        p.size_rows = win(rng);
        p.size_cols = win(rng);
        p.stride_rows = stride(rng);
        p.stride_cols = stride(rng);
        Result<PoolResult> full = pool2d(g, p);
        Result<Grid> fast = pool_values(g, p);
        ASSERT_EQ(full.error, fast.error);
        if (!full.ok()) continue;
        EXPECT_EQ(full.value.output, fast.value) << "case " << t;
        ++compared;
    }
    EXPECT_GT(compared, 150);
}

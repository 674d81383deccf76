#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>

#include "core/shift.h"
#include "test_util.h"

using namespace pl;

namespace {

Grid row(std::initializer_list<float> v) { return Grid::from_rows({v}); }

DownsampleParams along_columns(int size, int stride) {
    DownsampleParams p;
    p.pool.size_rows = p.pool.stride_rows = 1;
    p.pool.size_cols = size;
    p.pool.stride_cols = stride;
    return p;
}

Grid random_grid(int rows, int cols, unsigned seed) {
    std::mt19937 rng(seed);
    std::uniform_real_distribution<float> u(-1.0f, 1.0f);
    Grid g(rows, cols);
    for (float& v : g.values) v = u(rng);
    return g;
}

Grid pooled(const Grid& g, Downsample op, const DownsampleParams& p) { return downsample(g, op, p).value; }

}  // namespace

TEST(Shift, ZeroAndCircularFill) {
    Grid g = Grid::from_rows({{1, 2, 3}, {4, 5, 6}});
    EXPECT_EQ(shift_grid(g, 1, 0, ShiftFill::Zero), Grid::from_rows({{0, 1, 2}, {0, 4, 5}}));
    EXPECT_EQ(shift_grid(g, -1, 1, ShiftFill::Zero), Grid::from_rows({{0, 0, 0}, {2, 3, 0}}));
    EXPECT_EQ(shift_grid(g, 1, 0, ShiftFill::Circular), Grid::from_rows({{3, 1, 2}, {6, 4, 5}}));
    EXPECT_EQ(shift_grid(g, -4, -3, ShiftFill::Circular), Grid::from_rows({{5, 6, 4}, {2, 3, 1}}));
    EXPECT_EQ(shift_grid(g, 0, 0, ShiftFill::Zero), g);
}

TEST(Shift, CourseSignalMaxPooledUnderCircularShifts) {
    // [0,0,1,1,0,0,1,1] max-pooled 2/2 gives [0,1,0,1]; shifted by one, [1,1,1,1]; by two, [1,0,1,0].
    const Grid x = row({0, 0, 1, 1, 0, 0, 1, 1});
    const DownsampleParams p = along_columns(2, 2);
    EXPECT_EQ(pooled(x, Downsample::MaxPool, p), row({0, 1, 0, 1}));
    EXPECT_EQ(pooled(shift_grid(x, 1, 0, ShiftFill::Circular), Downsample::MaxPool, p), row({1, 1, 1, 1}));
    EXPECT_EQ(pooled(shift_grid(x, 2, 0, ShiftFill::Circular), Downsample::MaxPool, p), row({1, 0, 1, 0}));
    // By two it is the same map moved one output cell: consistent up to a shift.
    Grid a = pooled(x, Downsample::MaxPool, p), b = pooled(shift_grid(x, 2, 0, ShiftFill::Circular), Downsample::MaxPool, p);
    ShiftMetrics m = compare_downsampled(a, b, ShiftFill::Circular, output_offsets(Downsample::MaxPool, p, 2, 0));
    EXPECT_EQ(m.verdict, ShiftVerdict::Shifted);
    EXPECT_EQ(m.out_dx, 1);
    EXPECT_EQ(m.consistency, 1.0f);
    EXPECT_EQ(m.unchanged_fraction, 0.0f);
    // By one: changed in shape, half the cells the same, consistency below 1.
    Grid c = pooled(shift_grid(x, 1, 0, ShiftFill::Circular), Downsample::MaxPool, p);
    ShiftMetrics m1 = compare_downsampled(a, c, ShiftFill::Circular, output_offsets(Downsample::MaxPool, p, 1, 0));
    EXPECT_EQ(m1.verdict, ShiftVerdict::Changed);
    EXPECT_EQ(m1.unchanged_fraction, 0.5f);
    EXPECT_FLOAT_EQ(m1.l2, std::sqrt(2.0f));
    EXPECT_EQ(m1.max_abs_change, 1.0f);
    EXPECT_LT(m1.consistency, 1.0f);
}

TEST(Shift, FabricRipSurvivesGlobalMaxButNotGlobalAverage) {
    Grid rip(7, 7, 0.0f);
    rip.at(3, 4) = 2.0f;
    Grid plain(7, 7, 0.04f);
    DownsampleParams p;
    EXPECT_EQ(pooled(rip, Downsample::GlobalMax, p).at(0, 0), 2.0f);
    EXPECT_FLOAT_EQ(pooled(plain, Downsample::GlobalMax, p).at(0, 0), 0.04f);
    EXPECT_NEAR(pooled(rip, Downsample::GlobalAvg, p).at(0, 0), 0.04f, 0.001f);  // 2 / 49 = 0.0408
    EXPECT_FLOAT_EQ(pooled(plain, Downsample::GlobalAvg, p).at(0, 0), 0.04f);
}

TEST(Shift, GlobalPoolingIsInvariantToEveryCircularShift) {
    const Grid x = random_grid(9, 11, 7);
    DownsampleParams p;
    for (Downsample op : {Downsample::GlobalMax, Downsample::GlobalAvg}) {
        const float base = pooled(x, op, p).at(0, 0);
        for (int dy = -9; dy <= 9; ++dy) {
            for (int dx = -11; dx <= 11; ++dx) {
                EXPECT_NEAR(pooled(shift_grid(x, dx, dy, ShiftFill::Circular), op, p).at(0, 0), base, 1e-6f)
                    << downsample_name(op) << " dx " << dx << " dy " << dy;
            }
        }
    }
}

TEST(Shift, StrideSMaxPoolCommutesWithShiftsByMultiplesOfS) {
    for (int s : {2, 3}) {
        const Grid x = random_grid(4 * s, 5 * s, 100u + static_cast<unsigned>(s));
        DownsampleParams p;
        p.pool.size_rows = p.pool.size_cols = p.pool.stride_rows = p.pool.stride_cols = s;
        const Grid base = pooled(x, Downsample::MaxPool, p);
        for (int a = -3; a <= 3; ++a) {
            for (int b = -2; b <= 2; ++b) {
                Grid moved = pooled(shift_grid(x, a * s, b * s, ShiftFill::Circular), Downsample::MaxPool, p);
                EXPECT_EQ(moved, shift_grid(base, a, b, ShiftFill::Circular)) << "s " << s << " shift " << a * s << "," << b * s;
            }
        }
        // ...and not with a shift by 1 (random data makes a coincidence vanishingly unlikely).
        EXPECT_NE(pooled(shift_grid(x, 1, 0, ShiftFill::Circular), Downsample::MaxPool, p), base);
    }
}

TEST(Shift, BinomialFilters) {
    EXPECT_EQ(binomial_filter(2), (std::vector<float>{1, 1}));
    EXPECT_EQ(binomial_filter(3), (std::vector<float>{1, 2, 1}));
    EXPECT_EQ(binomial_filter(4), (std::vector<float>{1, 3, 3, 1}));
    EXPECT_EQ(binomial_filter(5), (std::vector<float>{1, 4, 6, 4, 1}));
}

TEST(Shift, BlurPoolShapeAndHandWorkedRow) {
    DownsampleParams p = along_columns(2, 2);
    p.blur_size = 3;
    // [0 0 0 4 0 0 0 0]: max at stride 1 (window 2) -> [0 0 4 4 0 0 0] (7 wide);
    // reflect-pad 1 each side -> [0 | 0 0 4 4 0 0 0 | 0]; blur [1 2 1]/4 at stride 2, centred on 0, 2, 4, 6:
    // (0+0+0)/4 = 0, (0+8+4)/4 = 3, (4+0+0)/4 = 1, (0+0+0)/4 = 0.
    // (Rows: window 1, blur [1 2 1] on a single row reflects onto itself: weights sum to 1.)
    Grid out = pooled(row({0, 0, 0, 4, 0, 0, 0, 0}), Downsample::BlurPool, p);
    EXPECT_EQ(out.cols, 4);  // as the 2x2 max pool: floor((8 - 2) / 2) + 1
    EXPECT_FLOAT_EQ(out.at(0, 0), 0.0f);
    EXPECT_FLOAT_EQ(out.at(0, 1), 3.0f);
    EXPECT_FLOAT_EQ(out.at(0, 2), 1.0f);
    EXPECT_FLOAT_EQ(out.at(0, 3), 0.0f);
    // A constant map stays constant (the filter is normalised).
    DownsampleParams sq;
    for (int f = 2; f <= 5; ++f) {
        sq.blur_size = f;
        Grid c = pooled(Grid(8, 8, 3.0f), Downsample::BlurPool, sq);
        EXPECT_EQ(c.rows, 4);
        for (float v : c.values) EXPECT_FLOAT_EQ(v, 3.0f);
    }
    sq.blur_size = 6;
    EXPECT_NE(downsample(Grid(8, 8), Downsample::BlurPool, sq).error.find("2 to 5"), std::string::npos);
}

TEST(Shift, BlurPoolIsMoreConsistentThanMaxPoolForOddShifts) {
    // A small blob in a 32x32 map, moved an odd number of pixels: max pool's
    // output changes in steps, blur pool's less (Zhang 2019 compares exactly these two).
    Grid x(32, 32, 0.0f);
    x.at(10, 11) = 1.0f;
    x.at(10, 12) = 0.6f;
    x.at(11, 11) = 0.8f;
    DownsampleParams p;
    for (int d : {1, 3}) {
        Grid moved = shift_grid(x, d, 0, ShiftFill::Zero);
        auto consistency = [&](Downsample op) {
            return compare_downsampled(pooled(x, op, p), pooled(moved, op, p), ShiftFill::Zero, output_offsets(op, p, d, 0)).consistency;
        };
        EXPECT_GT(consistency(Downsample::BlurPool), consistency(Downsample::MaxPool)) << "shift " << d;
    }
}

TEST(Shift, OutputOffsetsRoundDownAndUp) {
    DownsampleParams p;  // stride 2
    auto offs = output_offsets(Downsample::MaxPool, p, 3, -2);
    ASSERT_EQ(offs.size(), 2u);
    EXPECT_EQ(offs[0].dx, 1);
    EXPECT_EQ(offs[1].dx, 2);
    EXPECT_EQ(offs[0].dy, -1);
    offs = output_offsets(Downsample::MaxPool, p, -1, 0);
    ASSERT_EQ(offs.size(), 2u);
    EXPECT_EQ(offs[0].dx, -1);
    EXPECT_EQ(offs[1].dx, 0);
    EXPECT_EQ(output_offsets(Downsample::GlobalMax, p, 5, 5).size(), 1u);
}

TEST(Shift, VerdictsAndExplanations) {
    Grid x(8, 8, 0.0f);
    x.at(2, 2) = 1.0f;  // a two-pixel feature filling the top row of one 2x2 window
    x.at(2, 3) = 0.5f;
    DownsampleParams p;
    auto metrics = [&](int dx, int dy) {
        Grid b = pooled(shift_grid(x, dx, dy, ShiftFill::Zero), Downsample::MaxPool, p);
        return compare_downsampled(pooled(x, Downsample::MaxPool, p), b, ShiftFill::Zero, output_offsets(Downsample::MaxPool, p, dx, dy));
    };
    ShiftMetrics stay = metrics(0, 1);  // one row down: still inside the same window
    EXPECT_EQ(stay.verdict, ShiftVerdict::Unchanged);
    EXPECT_EQ(explain_shift(Downsample::MaxPool, p, 0, 1, stay),
              "The feature stayed inside the same windows, so every window kept its maximum.");
    ShiftMetrics moved = metrics(2, 0);
    EXPECT_EQ(moved.verdict, ShiftVerdict::Shifted);
    EXPECT_EQ(explain_shift(Downsample::MaxPool, p, 2, 0, moved),
              "The shift is a multiple of the stride 2: every window sees the same values, so the output is the same map moved 1 cell right.");
    ShiftMetrics crossed = metrics(-1, 0);  // the 1 and the 0.5 now fall into different windows
    EXPECT_EQ(crossed.verdict, ShiftVerdict::Changed);
    EXPECT_NE(explain_shift(Downsample::MaxPool, p, -1, 0, crossed).find("crossed a window boundary"), std::string::npos);
    EXPECT_STREQ(verdict_name(crossed.verdict), "changed");

    // A single pixel crossing a boundary: the output jumps a whole cell for a 1-pixel move.
    Grid dot(8, 8, 0.0f);
    dot.at(2, 2) = 1.0f;
    Grid b = pooled(shift_grid(dot, -1, 0, ShiftFill::Zero), Downsample::MaxPool, p);
    ShiftMetrics jump = compare_downsampled(pooled(dot, Downsample::MaxPool, p), b, ShiftFill::Zero,
                                            output_offsets(Downsample::MaxPool, p, -1, 0));
    EXPECT_EQ(jump.verdict, ShiftVerdict::Shifted);
    EXPECT_EQ(jump.out_dx, -1);
    EXPECT_EQ(explain_shift(Downsample::MaxPool, p, -1, 0, jump),
              "The feature crossed a window boundary: the output jumped 1 cell left although the input moved less than a "
              "stride (2) - position is only known to within a window.");
}

TEST(Shift, SweepIsExactlyConsistentAtMultiplesOfTheStrideOnly) {
    Grid x(16, 16, 0.0f);
    x.at(6, 6) = 1.0f;
    x.at(6, 7) = 0.5f;
    x.at(7, 6) = 0.25f;
    DownsampleParams p;
    std::vector<Downsample> ops(std::begin(kAllDownsamples), std::end(kAllDownsamples));
    Result<ShiftSweep> sw = shift_sweep(x, ops, p, ShiftFill::Zero, 4);
    ASSERT_TRUE(sw.ok()) << sw.error;
    for (int dx = -4; dx <= 4; ++dx) {
        const float max_c = sw.value.at(0, dx, 0);
        if (dx % 2 == 0) EXPECT_EQ(max_c, 1.0f) << "max pool, dx " << dx;
        EXPECT_EQ(sw.value.at(5, dx, 0), 1.0f) << "global max, dx " << dx;  // the feature stays in the map
        EXPECT_EQ(sw.value.at(6, dx, 0), 1.0f) << "global average, dx " << dx;
    }
    EXPECT_LT(sw.value.at(0, 1, 0), 1.0f);  // this blob straddles windows: an odd shift changes max pool
    EXPECT_NE(shift_sweep(x, ops, p, ShiftFill::Zero, 17).error, "");
}

TEST(Shift, StackedPoolingLetsAFeatureMove2_4_8Pixels) {
    Grid x(64, 64, 0.0f);
    x.at(20, 16) = 1.0f;  // column 16 is a multiple of 8: the start of a window at every layer
    PoolParams p;
    for (int layers = 1; layers <= 3; ++layers) {
        Result<InvarianceSpan> span = invariance_span(x, p, layers, ShiftFill::Zero, 16);
        ASSERT_TRUE(span.ok()) << span.error;
        EXPECT_EQ(span.value.width(), 1 << layers) << layers << " layers";
        EXPECT_EQ(span.value.left, 0);
        EXPECT_EQ(span.value.right, (1 << layers) - 1);
    }
    EXPECT_EQ(pool_layers(x, p, 3).value.rows, 8);
    EXPECT_NE(pool_layers(Grid(4, 4), p, 3).error.find("layer 3"), std::string::npos);
}

TEST(Shift, FastSweepMatchesTheDirectOneOnRandomMapsAndSetUps) {
    std::mt19937 rng(2026);
    std::uniform_int_distribution<int> side(6, 20), win(1, 4), stride(1, 3), blur(2, 5), range(0, 5);
    std::uniform_real_distribution<float> u(0.0f, 1.0f);
    const std::vector<Downsample> ops(std::begin(kAllDownsamples), std::end(kAllDownsamples));
    int compared = 0;
    for (int t = 0; t < 60; ++t) {
        Grid x(side(rng), side(rng), 0.0f);
        for (float& v : x.values) v = u(rng) < 0.2f ? u(rng) * 2.0f - 0.5f : 0.0f;  // sparse, some negative
        DownsampleParams p;
        p.pool.size_rows = win(rng);
        p.pool.size_cols = win(rng);
        p.pool.stride_rows = stride(rng);
        p.pool.stride_cols = stride(rng);
        p.blur_size = blur(rng);
        const int r = range(rng);
        Result<ShiftSweep> fast = shift_sweep(x, ops, p, ShiftFill::Zero, r);
        Result<ShiftSweep> direct = shift_sweep_direct(x, ops, p, ShiftFill::Zero, r);
        ASSERT_EQ(fast.error, direct.error) << "case " << t;
        if (!fast.ok()) continue;
        for (size_t k = 0; k < ops.size(); ++k) {
            for (int dy = -r; dy <= r; ++dy) {
                for (int dx = -r; dx <= r; ++dx) {
                    ASSERT_NEAR(fast.value.at(k, dx, dy), direct.value.at(k, dx, dy), 1e-4f)
                        << "case " << t << " " << downsample_name(ops[k]) << " shift " << dx << "," << dy << " map " << x.rows << "x"
                        << x.cols << " window " << p.pool.size_rows << "x" << p.pool.size_cols << " stride " << p.pool.stride_rows
                        << "x" << p.pool.stride_cols << " blur " << p.blur_size;
                    ++compared;
                }
            }
        }
    }
    EXPECT_GT(compared, 3000);
}

// Values near the largest float (3.4e38) differ by more than a float holds:
// the metrics are worked out in double and stay finite, and the lab's text never says inf.
TEST(Shift, MetricsOfValuesNearTheLargestFloatAreFiniteAndWritten) {
    for (float big : {3e38f, 3.4e38f, -3.4e38f}) {
        const Grid a = Grid::from_rows({{big, -big}, {big, -big}}), b = Grid::from_rows({{-big, big}, {-big, big}});
        const ShiftMetrics m = compare_downsampled(a, b, ShiftFill::Zero, {Offset{0, 0}, Offset{1, 0}});
        EXPECT_NEAR(m.max_abs_change, 2.0 * std::fabs(static_cast<double>(big)), 1e32) << big;
        EXPECT_NEAR(m.l2, 4.0 * std::fabs(static_cast<double>(big)), 1e32) << big;  // sqrt(4 * (2 big)^2)
        EXPECT_TRUE(std::isfinite(m.consistency));
        EXPECT_GE(m.consistency, 0.0f);
        EXPECT_LE(m.consistency, 1.0f);
        for (double x : {m.max_abs_change, m.l2, static_cast<double>(m.consistency)}) {
            const std::string said = metric_text(x);
            EXPECT_EQ(said.find("inf"), std::string::npos) << said;
            EXPECT_EQ(said.find("nan"), std::string::npos) << said;
        }
    }
    EXPECT_EQ(metric_text(6.8e38), "6.8e+38");
    EXPECT_EQ(metric_text(0.29312), "0.293");
    // Were a value ever beyond a double, it would be said so in words.
    EXPECT_EQ(metric_text(std::numeric_limits<double>::infinity()), "too large to show (beyond 1.8e308)");
    EXPECT_EQ(metric_text(std::nan("")).find("nan"), std::string::npos);
}

// Blur pool takes its max with 'valid' padding whatever the padding is set to:
// a window larger than the map is refused with that reason, never "use 'same' padding".
TEST(Shift, BlurPoolRefusesAWindowLargerThanTheMapWithTheTrueReason) {
    const Grid g(4, 4, 1.0f);
    for (Padding padding : {Padding::Valid, Padding::Same}) {
        for (auto [rows, cols] : {std::pair{5, 2}, {2, 5}, {6, 6}}) {
            DownsampleParams p;
            p.pool.size_rows = rows;
            p.pool.size_cols = cols;
            p.pool.stride_rows = p.pool.stride_cols = 2;
            p.pool.padding = padding;
            const Result<Grid> r = downsample(g, Downsample::BlurPool, p);
            ASSERT_FALSE(r.ok());
            EXPECT_EQ(r.error.find("'same' padding"), std::string::npos) << r.error;
            EXPECT_NE(r.error.find("whatever the padding is set to"), std::string::npos) << r.error;
            EXPECT_NE(r.error.find("(" + std::to_string(rows) + "\u00D7" + std::to_string(cols) + ")"), std::string::npos) << r.error;
            // Max pooling with 'same' padding takes the same window.
            if (padding == Padding::Same) EXPECT_TRUE(downsample(g, Downsample::MaxPool, p).ok());
        }
    }
}

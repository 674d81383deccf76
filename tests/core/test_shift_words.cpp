// The shift lab's sentences say what the numbers on screen say: the shift as
// it is, whether it is a multiple of the stride, and a feature that left the grid.
#include <gtest/gtest.h>

#include "core/scenes/shift/shift_scene.h"
#include "core/shift.h"

using namespace pl;

namespace {

// A 16 x 16 map, zero but for `ones` cells of 1 at (row, col), shifted by (dx, dy); 2 x 2 windows, stride 2.
ShiftScene moved(std::initializer_list<std::pair<int, int>> ones, int dx, int dy) {
    ShiftScene s = shift_scene_default();
    s.feature = Grid(16, 16, 0.0f);
    for (auto [r, c] : ones) s.feature.at(r, c) = 1.0f;
    s.preset = "custom";
    s.dx = dx;
    s.dy = dy;
    shift_refresh(s);
    return s;
}
const std::initializer_list<std::pair<int, int>> kPixel = {{8, 8}};
const std::initializer_list<std::pair<int, int>> kBlob = {{7, 7}, {7, 8}, {8, 7}, {8, 8}};

std::string said(const ShiftScene& s, Downsample op) {
    return explain_shift(op, s.params, s.dx, s.dy, s.metrics[static_cast<size_t>(op_index(op))]);
}

}  // namespace

TEST(ShiftWords, AShiftIsDescribedAsItIsNotAsLessThanAStride) {
    // Shifts that are not multiples of the stride 2, smaller and larger than it.
    for (int dx : {-1, 3, 5, -3, 7}) {
        const ShiftScene s = moved(kPixel, dx, 0);
        const ShiftMetrics& m = s.metrics[static_cast<size_t>(op_index(Downsample::MaxPool))];
        ASSERT_EQ(m.verdict, ShiftVerdict::Shifted) << dx << ": a single pixel's max moves to another window";
        const std::string text = said(s, Downsample::MaxPool);
        if (std::abs(dx) < 2) {
            EXPECT_NE(text.find("less than a stride (2)"), std::string::npos) << dx << ": " << text;
        } else {
            EXPECT_EQ(text.find("less than a stride"), std::string::npos) << dx << ": " << text;
            EXPECT_NE(text.find("moved " + std::to_string(std::abs(dx)) + " pixels " + (dx > 0 ? "right" : "left") + ", not a multiple of the stride (2)"),
                      std::string::npos)
                << dx << ": " << text;
        }
    }
    const ShiftScene s = moved(kPixel, 4, 2);
    EXPECT_NE(said(s, Downsample::MaxPool).find("multiple of the stride 2"), std::string::npos) << said(s, Downsample::MaxPool);
}

TEST(ShiftWords, AFeatureShiftedOffTheGridLeftIt) {
    const Grid input = Grid::from_rows({{0, 0, 0, 0}, {0, 5, 1, 0}, {0, 2, 3, 0}, {0, 0, 0, 0}});
    DownsampleParams p;
    for (int dx : {4, 50, 5000, -4, -5000}) {
        const Grid shifted = shift_grid(input, dx, 0, ShiftFill::Zero);
        const Grid a = downsample(input, Downsample::MaxPool, p).value, b = downsample(shifted, Downsample::MaxPool, p).value;
        const ShiftMetrics m = compare_shift(input, dx, 0, ShiftFill::Zero, Downsample::MaxPool, p, a, b);
        EXPECT_EQ(m.left, FeatureLeft::Wholly) << dx;
        EXPECT_EQ(m.verdict, ShiftVerdict::Changed) << dx;
        EXPECT_EQ(m.consistency, 0.0f) << dx;
        const std::string text = explain_shift(Downsample::MaxPool, p, dx, 0, m);
        EXPECT_NE(text.find("left the grid"), std::string::npos) << text;
        EXPECT_EQ(text.find("same map moved"), std::string::npos) << text;
    }
    // Within the map, or with circular fill, the feature is still there (3
    // right would carry columns 1 and 2 to 4 and 5, off the grid).
    for (auto [dx, fill] : {std::pair{1, ShiftFill::Zero}, {5000, ShiftFill::Circular}}) {
        const Grid shifted = shift_grid(input, dx, 0, fill);
        const Grid a = downsample(input, Downsample::MaxPool, p).value, b = downsample(shifted, Downsample::MaxPool, p).value;
        EXPECT_EQ(compare_shift(input, dx, 0, fill, Downsample::MaxPool, p, a, b).left, FeatureLeft::No) << dx;
    }
}

// The class: every zero-filled shift smaller than the map, of a feature
// anywhere on it (at the border, one cell from it, inside), by every local
// operation. Whenever the move pushes any of the feature off the grid, the
// verdict is not "the same map moved", the sentence says it left the grid,
// and the consistency is below 1; the sweep gives the per-op number.
TEST(ShiftWords, AFeaturePushedOffTheGridBySmallerShiftsIsNeverTheSameMapMoved) {
    const Downsample ops[] = {Downsample::MaxPool, Downsample::AvgPool, Downsample::MinPool, Downsample::Subsample, Downsample::BlurPool};
    int left_partly = 0, left_wholly = 0;
    for (int at : {0, 1, 4, 8, 14, 15}) {
        for (bool blob : {false, true}) {
            Grid input(16, 16, 0.0f);
            input.at(at, at) = 1.0f;
            if (blob && at < 15) input.at(at, at + 1) = input.at(at + 1, at) = input.at(at + 1, at + 1) = 1.0f;
            DownsampleParams p;
            const int range = 15;
            for (Downsample op : ops) {
                const Grid shape = input;
                if (op == Downsample::MinPool) input = Grid(16, 16, 1.0f), input.at(at, at) = -1.0f;  // a dip, for min pooling
                const ShiftSweep sw = shift_sweep(input, {op}, p, ShiftFill::Zero, range).value;
                const Grid a = downsample(input, op, p).value;
                for (int dy = -range; dy <= range; dy += 3) {
                    for (int dx = -range; dx <= range; ++dx) {
                        const Grid b = downsample(shift_grid(input, dx, dy, ShiftFill::Zero), op, p).value;
                        const ShiftMetrics m = compare_shift(input, dx, dy, ShiftFill::Zero, op, p, a, b);
                        const std::string where = std::string(downsample_name(op)) + " feature at " + std::to_string(at) +
                                                  (blob ? " (blob)" : "") + " shift " + std::to_string(dx) + "," + std::to_string(dy);
                        ASSERT_NEAR(sw.at(0, dx, dy), m.consistency, 1e-4f) << where << ": the sweep and the verdict disagree";
                        if (m.verdict == ShiftVerdict::Shifted) {
                            // Every nonzero output cell of A has a place in B after the move.
                            for (int r = 0; r < a.rows; ++r)
                                for (int c = 0; c < a.cols; ++c)
                                    if (a.at(r, c) != 0.0f) ASSERT_TRUE(b.contains(r + m.out_dy, c + m.out_dx)) << where;
                        }
                        if (m.left == FeatureLeft::No) continue;
                        (m.left == FeatureLeft::Partly ? left_partly : left_wholly) += 1;
                        ASSERT_EQ(m.verdict, ShiftVerdict::Changed) << where;
                        ASSERT_LT(m.consistency, 1.0f) << where;
                        if (m.left == FeatureLeft::Wholly) ASSERT_EQ(m.consistency, 0.0f) << where;
                        const std::string text = explain_shift(op, p, dx, dy, m);
                        ASSERT_NE(text.find("left the grid"), std::string::npos) << where << ": " << text;
                        ASSERT_EQ(text.find("is the same map moved"), std::string::npos) << where << ": " << text;
                    }
                }
                input = shape;
            }
        }
    }
    EXPECT_GT(left_partly, 20);
    EXPECT_GT(left_wholly, 100);
}

// The audit's case: a pixel at column 8 of 16 moved 8 right is at column 16, off the grid.
TEST(ShiftWords, APixelMovedToTheEdgeAndBeyondLeftTheGrid) {
    const ShiftScene s = moved(kPixel, 8, 0);
    for (Downsample op : {Downsample::MaxPool, Downsample::Subsample}) {
        const ShiftMetrics& m = s.metrics[static_cast<size_t>(op_index(op))];
        EXPECT_EQ(m.left, FeatureLeft::Wholly) << downsample_name(op);
        EXPECT_EQ(m.consistency, 0.0f) << downsample_name(op);
        EXPECT_NE(said(s, op).find("carried the feature past the border: it left the grid"), std::string::npos) << said(s, op);
    }
}

TEST(ShiftWords, SubsamplingThatMissesAMoveSaysSo) {
    const ShiftScene s = moved(kBlob, 1, 0);
    const ShiftMetrics& m = s.metrics[static_cast<size_t>(op_index(Downsample::Subsample))];
    ASSERT_EQ(m.verdict, ShiftVerdict::Unchanged) << "the course's case: the 2x2 blob moved 1 px, subsampling scores 1";
    EXPECT_NE(said(s, Downsample::Subsample).find("missed it"), std::string::npos) << said(s, Downsample::Subsample);
    // A multiple of the stride is seen, and said plainly.
    const ShiftScene t = moved(kBlob, 2, 0);
    EXPECT_EQ(said(t, Downsample::Subsample).find("missed it"), std::string::npos) << said(t, Downsample::Subsample);
    // Three pixels, landing on kept cells: said as such, not as a window boundary subsampling does not have.
    const ShiftScene u = moved(kBlob, 3, 0);
    ASSERT_EQ(u.metrics[static_cast<size_t>(op_index(Downsample::Subsample))].verdict, ShiftVerdict::Shifted);
    EXPECT_NE(said(u, Downsample::Subsample).find("landed on cells the stride keeps"), std::string::npos) << said(u, Downsample::Subsample);
    EXPECT_EQ(said(u, Downsample::Subsample).find("window"), std::string::npos) << said(u, Downsample::Subsample);
}

TEST(ShiftWords, TheStackingSpanNeverContradictsItself) {
    // A lone point: spans of 2, 4, 8 pixels for 1, 2, 3 layers, which is the most they can give.
    for (int layers = 1; layers <= 3; ++layers) {
        const int cover = 1 << layers;
        const std::string t = explain_invariance_span(InvarianceSpan{0, cover - 1}, 2, layers);
        EXPECT_NE(t.find("a span of " + std::to_string(cover) + " pixels, the most"), std::string::npos) << t;
    }
    // A real feature: only the shift 0 keeps it. No "span of 1 pixels", no "from 0 to +0".
    const std::string t = explain_invariance_span(InvarianceSpan{0, 0}, 2, 1);
    EXPECT_EQ(t.find("span of 1 pixels"), std::string::npos) << t;
    EXPECT_EQ(t.find("+0"), std::string::npos) << t;
    EXPECT_NE(t.find("No shift along x but 0"), std::string::npos) << t;
    EXPECT_NE(t.find("2 pixels"), std::string::npos) << t;
    // Less than a lone point's, and more.
    EXPECT_NE(explain_invariance_span(InvarianceSpan{-1, 1}, 2, 2).find("less than the stride 2 to the power 2, 4 pixels"), std::string::npos);
    EXPECT_NE(explain_invariance_span(InvarianceSpan{-3, 3}, 2, 1).find("more than the stride 2, 2 pixels"), std::string::npos);
    EXPECT_NE(explain_invariance_span(InvarianceSpan{-1, 2}, 2, 2).find("by -1 to +2 pixels"), std::string::npos);
}

TEST(ShiftWords, TheSweepIsToldFromItsNumbers) {
    // A lone pixel: max pooling gives the same map, moved, at every shift; no "in between it drops".
    const ShiftScene pixel = moved(kPixel, 0, 0);
    std::string t = explain_sweep(pixel.sweep, Downsample::MaxPool, 2, 2);
    EXPECT_NE(t.find("exactly consistent at every shift"), std::string::npos) << t;
    EXPECT_EQ(t.find("drops"), std::string::npos) << t;
    // The 2x2 blob: consistent on multiples of the stride, lower between them, and blur pool does better there.
    const ShiftScene blob = moved(kBlob, 0, 0);
    t = explain_sweep(blob.sweep, Downsample::MaxPool, 2, 2);
    EXPECT_NE(t.find("only where the shift is a multiple of 2; in between it drops, to "), std::string::npos) << t;
    EXPECT_NE(t.find("Global pooling is 1 everywhere"), std::string::npos) << t;
    const size_t mx = static_cast<size_t>(op_index(Downsample::MaxPool)), bl = static_cast<size_t>(op_index(Downsample::BlurPool));
    double max_off = 0, blur_off = 0;
    for (int dx = -blob.sweep.range; dx <= blob.sweep.range; ++dx) {
        for (int dy = -blob.sweep.range; dy <= blob.sweep.range; ++dy) {
            if (dx % 2 == 0 && dy % 2 == 0) continue;
            max_off += blob.sweep.at(mx, dx, dy);
            blur_off += blob.sweep.at(bl, dx, dy);
        }
    }
    EXPECT_EQ(t.find("Blur pool stays higher") != std::string::npos, blur_off > max_off) << t;
}

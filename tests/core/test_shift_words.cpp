// The shift lab's sentences say what the numbers on screen say: the shift as
// it is, whether it is a multiple of the stride, and a feature that left the grid.
#include <gtest/gtest.h>

#include "core/scenes/shift/shift_scene.h"
#include "core/pool.h"
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

// The class for "stayed inside the same windows": whatever the feature (a
// pixel, a blob, a dip, of either sign), the operation (max, average, min),
// the window, stride and padding, the sentence says so only when every
// nonzero cell is in a window, and in the same ones before and after the move,
// counted from the windows pooling itself reports; otherwise it says the
// feature moved and pooling did not see it.
TEST(ShiftWords, StayedInsideTheSameWindowsOnlyWhenItDid) {
    int stayed = 0, moved_unseen = 0;
    for (float value : {1.0f, -1.0f}) {
        for (bool blob : {false, true}) {
            Grid input(9, 9, 0.0f);
            input.at(4, 4) = value;
            if (blob) input.at(4, 5) = input.at(5, 4) = input.at(5, 5) = value;
            for (int size : {1, 2, 3}) {
                for (int stride : {1, 2, 3}) {
                    for (Padding pad : {Padding::Valid, Padding::Same}) {
                        DownsampleParams p;
                        p.pool.size_rows = p.pool.size_cols = size;
                        p.pool.stride_rows = p.pool.stride_cols = stride;
                        p.pool.padding = pad;
                        const PoolResult pooled = pool2d(input, p.pool).value;
                        auto windows_of = [&](int r, int c) {
                            std::vector<size_t> w;
                            for (size_t k = 0; k < pooled.cells.size(); ++k) if (pooled.cells[k].window.contains(r, c)) w.push_back(k);
                            return w;
                        };
                        for (Downsample op : {Downsample::MaxPool, Downsample::AvgPool, Downsample::MinPool}) {
                            const Grid a = downsample(input, op, p).value;
                            for (int dx = -3; dx <= 3; ++dx) {
                                if (dx == 0) continue;
                                const Grid b = downsample(shift_grid(input, dx, 0, ShiftFill::Zero), op, p).value;
                                const ShiftMetrics m = compare_shift(input, dx, 0, ShiftFill::Zero, op, p, a, b);
                                if (m.verdict != ShiftVerdict::Unchanged) continue;
                                bool same = true;
                                for (int r = 0; r < 9; ++r)
                                    for (int c = 0; c < 9; ++c)
                                        if (input.at(r, c) != 0.0f) same = same && !windows_of(r, c).empty() && windows_of(r, c) == windows_of(r, c + dx);
                                const std::string text = explain_shift(op, p, dx, 0, m);
                                const std::string where = std::string(downsample_name(op)) + " size " + std::to_string(size) + " stride " +
                                                          std::to_string(stride) + " dx " + std::to_string(dx) + ": " + text;
                                EXPECT_EQ(text.find("stayed inside the same windows") != std::string::npos, same) << where;
                                if (!same) EXPECT_NE(text.find("does not see this move"), std::string::npos) << where;
                                (same ? stayed : moved_unseen) += 1;
                            }
                        }
                    }
                }
            }
        }
    }
    EXPECT_GT(stayed, 10);
    EXPECT_GT(moved_unseen, 10);  // a bright pixel under min pooling, a dark one under max
}

// The class for circular fill: nothing leaves the map, so no sentence blames
// the border for it, whatever the map's size, window, stride and shift; a
// shift by a multiple of the stride that still changes the output says why.
TEST(ShiftWords, CircularFillNeverSaysTheFeatureLeft) {
    int explained = 0;
    for (int cols : {4, 5, 6, 7}) {
        Grid input(2, cols, 0.0f);
        for (int c = 0; c < cols; ++c) input.at(0, c) = static_cast<float>(c + 1), input.at(1, c) = static_cast<float>((c * 7) % 5);
        for (int size : {1, 2, 3}) {
            for (int stride : {1, 2, 3}) {
                for (Padding pad : {Padding::Valid, Padding::Same}) {
                    DownsampleParams p;
                    p.pool.size_rows = p.pool.stride_rows = 1;
                    p.pool.size_cols = size;
                    p.pool.stride_cols = stride;
                    p.pool.padding = pad;
                    for (Downsample op : kAllDownsamples) {
                        const Result<Grid> a = downsample(input, op, p);
                        if (!a.ok()) continue;
                        for (int dx = -2 * cols; dx <= 2 * cols; ++dx) {
                            const Grid b = downsample(shift_grid(input, dx, 0, ShiftFill::Circular), op, p).value;
                            const ShiftMetrics m = compare_shift(input, dx, 0, ShiftFill::Circular, op, p, a.value, b);
                            const std::string text = explain_shift(op, p, dx, 0, m);
                            for (const char* wrong : {"left the", "leaves the map", "cells shifted in are zero", "zero fill"}) {
                                ASSERT_EQ(text.find(wrong), std::string::npos)
                                    << downsample_name(op) << " cols " << cols << " size " << size << " stride " << stride << " dx " << dx << ": " << text;
                            }
                            if (m.verdict == ShiftVerdict::Changed && dx % stride == 0 && op != Downsample::GlobalMax && op != Downsample::GlobalAvg) {
                                EXPECT_NE(text.find("circular fill"), std::string::npos) << text;
                                ++explained;
                            }
                        }
                    }
                }
            }
        }
    }
    EXPECT_GT(explained, 20);
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

// The class for the stacking sentence: features 1 to 5 pixels wide at every
// place in a row, through 1 to 3 layers of 2-wide windows at stride 2. The
// sentence says the feature fills its window, spans window boundaries or
// reaches across windows only when its first and last column say so (the
// final windows are 2^layers wide, from column 0), never the wrong one.
TEST(ShiftWords, TheStackingSentenceSaysWhereTheFeatureSits) {
    PoolParams p;
    int fills = 0, spans = 0;
    for (int layers = 1; layers <= 3; ++layers) {
        const int cover = 1 << layers;
        for (int width = 1; width <= 5; ++width) {
            for (int first = 0; first + width <= 24 && first < 12; ++first) {
                Grid input(8, 24, 0.0f);
                for (int c = first; c < first + width; ++c) input.at(0, c) = 1.0f;
                const InvarianceSpan span = invariance_span(input, p, layers, ShiftFill::Zero, 16).value;
                const std::string t = explain_invariance_span(span, 2, layers);
                const int last = first + width - 1;
                const bool one_window = first / cover == last / cover;
                const std::string where = std::to_string(layers) + " layers, columns " + std::to_string(first) + "-" + std::to_string(last) + ": " + t;
                EXPECT_EQ(span.in_one_window, one_window) << where;
                if (t.find("fills its window") != std::string::npos) {
                    EXPECT_TRUE(one_window && width == cover) << where;
                    ++fills;
                }
                if (t.find("spans window boundaries") != std::string::npos || t.find("reaches across windows") != std::string::npos) {
                    EXPECT_FALSE(one_window) << where;
                    ++spans;
                }
                if (one_window && width == cover && span.width() <= 1) EXPECT_NE(t.find("fills its window"), std::string::npos) << where;
            }
        }
    }
    EXPECT_GT(fills, 5);
    EXPECT_GT(spans, 20);
}

// The audit's case: the 2x2 blob on a window corner fills one window; it does not span two.
TEST(ShiftWords, TheBlobFillsItsWindow) {
    ShiftScene s = shift_scene_default();
    s.tab = ShiftTab::Stacking;
    shift_refresh(s);
    const std::string t = explain_invariance_span(s.spans[0], s.params.pool.stride_cols, 1);
    EXPECT_NE(t.find("the feature fills its window (2 pixels wide"), std::string::npos) << t;
    EXPECT_EQ(t.find("spans window boundaries"), std::string::npos) << t;
}

// What stacking loses, with rows and columns apart: each output cell stands
// for stride_rows^layers x stride_cols^layers input pixels.
TEST(ShiftWords, TheStackingLossCountsRowsAndColumnsApart) {
    for (int sr = 1; sr <= 3; ++sr) {
        for (int sc = 1; sc <= 3; ++sc) {
            int pr = 1, pc = 1;
            for (int layers = 1; layers <= 3; ++layers) {
                pr *= sr, pc *= sc;
                const std::string t = explain_stacking_loss(5, 7, sr, sc, layers);
                EXPECT_NE(t.find("output is 5\u00d77;"), std::string::npos) << t;
                EXPECT_NE(t.find("a " + std::to_string(pr) + "\u00d7" + std::to_string(pc) + " patch"), std::string::npos) << t;
            }
        }
    }
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

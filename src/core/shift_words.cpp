// The shift lab's sentences: each worked out from the numbers it explains
// (a shift's verdict, a stacking span, a sweep), so it stays true for the state on screen.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "core/csv.h"
#include "core/shift.h"

namespace pl {

namespace {

// "1 cell right", "2 cells left and 1 down".
std::string describe_offset(int dx, int dy) {
    auto part = [](int n, const char* pos, const char* neg) {
        return count_text(std::abs(n), "cell") + " " + (n > 0 ? pos : neg);
    };
    if (dx && dy) return part(dx, "right", "left") + " and " + count_text(std::abs(dy)) + (dy > 0 ? " down" : " up");
    return dx ? part(dx, "right", "left") : part(dy, "down", "up");
}

}  // namespace

namespace {

// "3 pixels right", "1 pixel left and 2 down".
std::string describe_pixels(int dx, int dy) {
    auto part = [](int n, const char* pos, const char* neg) {
        return count_text(std::abs(n), "pixel") + " " + (n > 0 ? pos : neg);
    };
    if (dx && dy) return part(dx, "right", "left") + " and " + count_text(std::abs(dy)) + (dy > 0 ? " down" : " up");
    return dx ? part(dx, "right", "left") : part(dy, "down", "up");
}

// Why a shift by a multiple of the stride still changed the output, when no
// part of the feature left the grid: the windows do not tile the map, or
// blur pool's reflection at the border.
std::string multiple_yet_changed(const DownsampleParams& p, int dx, int dy, const ShiftMetrics& m) {
    // The first shifted axis whose windows do not tile the map exactly.
    std::string untiled;
    auto check = [&](int d, int n, int size, int stride, const char* along) {
        if (d == 0 || !untiled.empty() || n <= 0) return;
        if (n % stride != 0) {
            untiled = count_text(n) + " " + along + " are not a whole number of strides of " + count_text(stride);
        } else if (size != stride) {
            untiled = "windows " + count_text(size) + " " + (along[0] == 'c' ? "wide" : "high") + " at stride " + count_text(stride) +
                      (size > stride ? " overlap" : " leave gaps");
        }
    };
    check(dx, m.in_cols, p.pool.size_cols, p.pool.stride_cols, "columns");
    check(dy, m.in_rows, p.pool.size_rows, p.pool.stride_rows, "rows");
    const std::string start = "The shift is a multiple of the stride, but ";
    if (m.fill == ShiftFill::Circular) {
        if (!untiled.empty()) {
            return start + "with circular fill what leaves one side comes back on the other, and the windows do not tile the map (" +
                   untiled + "): the cells that wrapped around now share windows with other neighbours, so the output changed.";
        }
        return start + "blur pool reflects the map at its border: with circular fill the cells that wrapped around are blurred " +
               "with other neighbours there, so the output changed.";
    }
    if (!untiled.empty()) {
        return start + "the windows do not tile the map (" + untiled + "): at the border a window now covers cells that " +
               "another window, or none, covered before, so the output is not the original moved.";
    }
    return start + "blur pool reflects the map at its border: cells near it are blurred with other neighbours after the move, " +
           "so the output is not the original moved.";
}

}  // namespace

std::string metric_text(double x) {
    if (std::isnan(x)) return "not a number (the inputs are too large to compare)";
    if (std::isinf(x)) return "too large to show (beyond 1.8e308)";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.3g", x);
    return buf;
}

std::string explain_shift(Downsample op, const DownsampleParams& p, int dx, int dy, const ShiftMetrics& m) {
    const bool global = op == Downsample::GlobalMax || op == Downsample::GlobalAvg;
    const int sx = p.pool.stride_cols, sy = p.pool.stride_rows;
    const bool multiple = dx % sx == 0 && dy % sy == 0;
    const std::string stride = sx == sy ? count_text(sx) : size_text(sy, sx);
    if (dx == 0 && dy == 0) return "No shift yet: move the feature with the arrow keys or by dragging it.";
    if (m.left == FeatureLeft::Wholly) {
        return "The shift (" + describe_pixels(dx, dy) + ") carried the feature past the border: it left the grid, and with " +
               "zero fill only zeros are left, so nothing of the original output is there to compare.";
    }
    if (m.left == FeatureLeft::Partly) {
        return "The output is the original moved " + describe_offset(m.out_dx, m.out_dy) + " on every cell it still has, but part of " +
               "the feature left the grid: the shift (" + describe_pixels(dx, dy) + ") pushed it off the grid (zero fill), so what " +
               "is left is not all of it.";
    }
    const bool within_stride = std::abs(dx) < sx && std::abs(dy) < sy;
    switch (m.verdict) {
        case ShiftVerdict::Unchanged:
            if (global) return "Global pooling keeps no position: wherever the feature is in the map, the one number is the same.";
            if (op == Downsample::Subsample) {
                if (multiple) return "The cells the stride samples hold the same values as before.";
                return "The cells the stride keeps hold the same values as before: the move fell between them, so subsampling "
                       "missed it. It does not see what lies between the cells it keeps - blindness, not invariance.";
            }
            if (op == Downsample::BlurPool) return "Every value blur pool keeps came out as before: the move changed nothing it samples.";
            if (m.same_windows) {
                return "The feature stayed inside the same windows, so every window kept its " +
                       std::string(op == Downsample::AvgPool ? "average" : op == Downsample::MinPool ? "minimum" : "maximum") + ".";
            }
            return std::string("The feature moved, but every window's ") +
                   (op == Downsample::AvgPool ? "average" : op == Downsample::MinPool ? "minimum" : "maximum") + " came out as before, so " +
                   (op == Downsample::AvgPool ? "average" : op == Downsample::MinPool ? "min" : "max") + " pooling does not see this move.";
        case ShiftVerdict::Shifted:
            if (!multiple && op == Downsample::Subsample) {
                return "The input moved " + describe_pixels(dx, dy) + ", not a multiple of the stride (" + stride +
                       "), and the feature landed on cells the stride keeps: the output moved " + describe_offset(m.out_dx, m.out_dy) +
                       ". Another shift can miss it - position is only known to within a stride.";
            }
            if (!multiple) {
                if (within_stride) {
                    return "The feature crossed a window boundary: the output jumped " + describe_offset(m.out_dx, m.out_dy) +
                           " although the input moved less than a stride (" + stride + ") - position is only known to within a window.";
                }
                return "The input moved " + describe_pixels(dx, dy) + ", not a multiple of the stride (" + stride +
                       "): the feature crossed a window boundary and the output jumped " + describe_offset(m.out_dx, m.out_dy) +
                       " - position is only known to within a window.";
            }
            return "The shift is a multiple of the stride " + stride + ": every window sees the same values, so the output " +
                   "is the same map moved " + describe_offset(m.out_dx, m.out_dy) + ".";
        case ShiftVerdict::Changed:
            if (global) return "Part of the feature left the map (cells shifted in are zero), so the global value changed.";
            if (multiple) return multiple_yet_changed(p, dx, dy, m);
            if (op == Downsample::BlurPool) return "The feature crossed a window boundary, but the blur spreads it first, so the output changes gradually.";
            if (op == Downsample::Subsample) return "The stride now samples other cells: subsampling sees a different part of the feature.";
            return "The feature crossed a window boundary: its values now fall into other windows, so the output changed shape.";
    }
    return {};
}

namespace {
std::string signed_pixels(int n) { return n > 0 ? "+" + count_text(n) : count_text(n); }
}  // namespace

std::string explain_invariance_span(const InvarianceSpan& span, int stride, int layers) {
    long long cover = 1;
    for (int i = 0; i < layers && cover < (1LL << 40); ++i) cover *= stride;
    const std::string best = "stride " + count_text(stride) + (layers == 1 ? "" : " to the power " + count_text(layers)) + ", " +
                             count_text(cover, "pixel");
    const int w = span.width();
    if (w <= 1) {
        const std::string lone = " A lone point would keep it over at most " + best + ".";
        if (span.feature_width > 0 && span.in_one_window && span.feature_width == span.window_width) {
            return "No shift along x but 0 keeps this output exactly: the feature fills its window (" + count_text(span.feature_width, "pixel") +
                   " wide, as the window is), so any move pushes part of it into the next window." + lone;
        }
        if (span.feature_width > 0 && !span.in_one_window) {
            return "No shift along x but 0 keeps this output exactly: the feature spans window boundaries, so any move changes "
                   "some window." + lone;
        }
        return "No shift along x but 0 keeps this output exactly: any move changes some window." + lone;
    }
    const std::string moves = "Moving the feature along x by " + signed_pixels(span.left) + " to " + signed_pixels(span.right) +
                              " pixels keeps this output exactly: a span of " + count_text(w, "pixel");
    if (w == cover) return moves + ", the most " + count_text(layers, "layer") + " can give (" + best + ").";
    if (w < cover) {
        const std::string less = moves + ", less than the " + best + " a lone point would get";
        if (span.feature_width > 0 && !span.in_one_window) return less + ": the feature reaches across windows.";
        if (span.feature_width > 1) {
            return less + ": the feature is " + count_text(span.feature_width, "pixel") + " wide, so it has fewer places in its window.";
        }
        return less + ".";
    }
    return moves + ", more than the " + best + " of one cell: the feature's values repeat, so other windows see the same ones.";
}

std::string explain_stacking_loss(int out_rows, int out_cols, int stride_rows, int stride_cols, int layers) {
    long long patch_rows = 1, patch_cols = 1;
    for (int i = 0; i < layers; ++i) {
        patch_rows = std::min(patch_rows * stride_rows, 1LL << 40);
        patch_cols = std::min(patch_cols * stride_cols, 1LL << 40);
    }
    return "What is lost: the output is " + size_text(out_rows, out_cols) + "; each cell stands for a " +
           size_text(patch_rows, patch_cols) + " patch of the input, and where in that patch the feature is, is gone.";
}

namespace {

// The lowest and mean consistency of one operation over the sweep's shifts, on or off the stride's multiples.
struct SweepStats {
    float min_on = 1, min_off = 1, mean_off = 1;
    int off = 0;
};
SweepStats sweep_stats(const ShiftSweep& sw, size_t op, int sx, int sy) {
    SweepStats st;
    double sum_off = 0;
    for (int dy = -sw.range; dy <= sw.range; ++dy) {
        for (int dx = -sw.range; dx <= sw.range; ++dx) {
            const float c = sw.at(op, dx, dy);
            if (dx % sx == 0 && dy % sy == 0) {
                st.min_on = std::min(st.min_on, c);
            } else {
                st.min_off = std::min(st.min_off, c);
                sum_off += c;
                ++st.off;
            }
        }
    }
    st.mean_off = st.off ? static_cast<float>(sum_off / st.off) : 1.0f;
    return st;
}

std::string two_digits(float v) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%.2f", static_cast<double>(v));
    return buf;
}

int index_of(const ShiftSweep& sw, Downsample op) {
    for (size_t k = 0; k < sw.ops.size(); ++k) if (sw.ops[k] == op) return static_cast<int>(k);
    return -1;
}

}  // namespace

std::string explain_sweep(const ShiftSweep& sw, Downsample focus, int stride_x, int stride_y) {
    const int f = index_of(sw, focus);
    if (f < 0 || sw.range == 0) return {};
    constexpr float kExact = 0.999f;
    const std::string stride = stride_x == stride_y ? count_text(stride_x) : size_text(stride_y, stride_x);
    const SweepStats st = sweep_stats(sw, static_cast<size_t>(f), stride_x, stride_y);
    const std::string name = downsample_title(focus);
    std::string t;
    const bool global = focus == Downsample::GlobalMax || focus == Downsample::GlobalAvg;
    if (st.min_on >= kExact && st.min_off >= kExact) {
        t = name + " is exactly consistent at every shift here: whatever the shift, its output is the original's, " +
            (global ? "as global pooling keeps no position." : "perhaps moved by whole cells.");
    } else if (st.min_on >= kExact) {
        t = name + " with stride " + stride + " is exactly consistent only where the shift is a multiple of " + stride +
            "; in between it drops, to " + two_digits(st.min_off) + " at worst.";
    } else {
        t = name + " drops to " + two_digits(std::min(st.min_on, st.min_off)) +
            " even where the shift is a multiple of the stride: part of the feature leaves the map at the border.";
    }
    const int b = index_of(sw, Downsample::BlurPool);
    if (b >= 0 && focus != Downsample::BlurPool && st.off > 0 && st.mean_off < kExact) {
        const SweepStats bs = sweep_stats(sw, static_cast<size_t>(b), stride_x, stride_y);
        t += bs.mean_off > st.mean_off ? " Blur pool stays higher between the multiples (" + two_digits(bs.mean_off) + " on average, against " +
                                             two_digits(st.mean_off) + ")."
                                       : " Blur pool does no better here (" + two_digits(bs.mean_off) + " on average between the multiples).";
    }
    const int g = index_of(sw, Downsample::GlobalMax);
    if (g >= 0 && !global) {
        const SweepStats gs = sweep_stats(sw, static_cast<size_t>(g), stride_x, stride_y);
        t += std::min(gs.min_on, gs.min_off) >= kExact ? " Global pooling is 1 everywhere, because it keeps no position at all."
                                                       : " Global max drops to " + two_digits(std::min(gs.min_on, gs.min_off)) +
                                                             " where the feature leaves the map.";
    }
    return t;
}

}  // namespace pl

#include "core/shift.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

#include "core/shift_blur.h"

namespace pl {

namespace {

int wrap(int i, int n) { return ((i % n) + n) % n; }

// The value of `g` at (r, c) when cells outside are filled as `fill` says.
float filled_at(const Grid& g, int r, int c, ShiftFill fill) {
    if (fill == ShiftFill::Circular) return g.at(wrap(r, g.rows), wrap(c, g.cols));
    return g.contains(r, c) ? g.at(r, c) : 0.0f;
}

// "1 cell right", "2 cells left and 1 down".
std::string describe_offset(int dx, int dy) {
    auto part = [](int n, const char* pos, const char* neg) {
        return std::to_string(std::abs(n)) + (std::abs(n) == 1 ? " cell " : " cells ") + (n > 0 ? pos : neg);
    };
    if (dx && dy) return part(dx, "right", "left") + " and " + std::to_string(std::abs(dy)) + (dy > 0 ? " down" : " up");
    return dx ? part(dx, "right", "left") : part(dy, "down", "up");
}

int floor_div(int a, int b) { return a >= 0 ? a / b : -((-a + b - 1) / b); }

float norm(const Grid& g) {
    double s = 0;
    for (float v : g.values) s += static_cast<double>(v) * v;
    return static_cast<float>(std::sqrt(s));
}

// Reflect padding as PyTorch's ReflectionPad (the edge is not repeated).
int reflect(int i, int n) {
    if (n == 1) return 0;
    const int period = 2 * (n - 1);
    i = wrap(i, period);
    return i < n ? i : period - i;
}

Result<Grid> blur_pool(const Grid& input, const DownsampleParams& p) {
    if (p.blur_size < 2 || p.blur_size > 5) {
        return Result<Grid>::failure("the blur filter size must be 2 to 5 (it is " + std::to_string(p.blur_size) + ")");
    }
    const int sr = p.pool.stride_rows, sc = p.pool.stride_cols;
    if (sr < 1 || sc < 1) return Result<Grid>::failure("the stride must be at least 1");
    PoolParams dense = p.pool;
    dense.op = PoolOp::Max;
    dense.stride_rows = dense.stride_cols = 1;
    dense.padding = Padding::Valid;
    Result<Grid> m = pool_values(input, dense);
    if (!m.ok()) return Result<Grid>::failure("blur pool: " + m.error);
    const Grid& mx = m.value;
    // Normalised binomial taps; padding floor((fs - 1) / 2) before and the
    // rest after, reflected, as antialiased-cnns does. Separable: along rows
    // at the column stride, then down columns at the row stride.
    const int fs = p.blur_size;
    const std::vector<double> w = blur_weights(fs);
    const int out_r = (mx.rows - 1) / sr + 1, out_c = (mx.cols - 1) / sc + 1;
    const std::vector<int> col_taps = blur_taps(out_c, sc, mx.cols, fs), row_taps = blur_taps(out_r, sr, mx.rows, fs);
    std::vector<double> across(static_cast<size_t>(mx.rows) * out_c);
    for (int r = 0; r < mx.rows; ++r) {
        const float* row = &mx.values[static_cast<size_t>(r) * mx.cols];
        for (int j = 0; j < out_c; ++j) {
            double acc = 0;
            for (int b = 0; b < fs; ++b) acc += w[b] * row[col_taps[static_cast<size_t>(j) * fs + b]];
            across[static_cast<size_t>(r) * out_c + j] = acc;
        }
    }
    Grid out(out_r, out_c);
    for (int i = 0; i < out_r; ++i) {
        for (int j = 0; j < out_c; ++j) {
            double acc = 0;
            for (int a = 0; a < fs; ++a) acc += w[a] * across[static_cast<size_t>(row_taps[static_cast<size_t>(i) * fs + a]) * out_c + j];
            out.at(i, j) = static_cast<float>(acc);
        }
    }
    return Result<Grid>::success(std::move(out));
}

}  // namespace

Grid shift_grid(const Grid& g, int dx, int dy, ShiftFill fill) {
    Grid out(g.rows, g.cols, 0.0f);
    if (g.empty()) return out;
    // Row by row: each output row is a source row moved dx, in at most two pieces.
    for (int r = 0; r < g.rows; ++r) {
        int src = r - dy;
        if (fill == ShiftFill::Circular) src = wrap(src, g.rows);
        if (src < 0 || src >= g.rows) continue;
        const float* from = &g.values[static_cast<size_t>(src) * g.cols];
        float* to = &out.values[static_cast<size_t>(r) * g.cols];
        const int n = g.cols;
        const int d = fill == ShiftFill::Circular ? wrap(dx, n) : dx;
        if (d >= n || d <= -n) continue;
        if (d >= 0) {
            std::copy(from, from + (n - d), to + d);
            if (fill == ShiftFill::Circular) std::copy(from + (n - d), from + n, to);
        } else {
            std::copy(from - d, from + n, to);
        }
    }
    return out;
}

const char* downsample_name(Downsample op) {
    switch (op) {
        case Downsample::MaxPool: return "max";
        case Downsample::AvgPool: return "average";
        case Downsample::MinPool: return "min";
        case Downsample::Subsample: return "subsample";
        case Downsample::BlurPool: return "blurpool";
        case Downsample::GlobalMax: return "global-max";
        case Downsample::GlobalAvg: return "global-average";
    }
    return "?";
}

const char* downsample_title(Downsample op) {
    switch (op) {
        case Downsample::MaxPool: return "Max pool";
        case Downsample::AvgPool: return "Average pool";
        case Downsample::MinPool: return "Min pool";
        case Downsample::Subsample: return "Subsample";
        case Downsample::BlurPool: return "Blur pool";
        case Downsample::GlobalMax: return "Global max";
        case Downsample::GlobalAvg: return "Global average";
    }
    return "?";
}

bool parse_downsample(const std::string& s, Downsample* op) {
    for (Downsample d : kAllDownsamples) {
        if (s == downsample_name(d)) {
            *op = d;
            return true;
        }
    }
    if (s == "avg") *op = Downsample::AvgPool;
    else if (s == "blur") *op = Downsample::BlurPool;
    else if (s == "global-avg") *op = Downsample::GlobalAvg;
    else return false;
    return true;
}

std::vector<float> binomial_filter(int size) {
    std::vector<float> f(1, 1.0f);
    for (int n = 1; n < size; ++n) {  // Pascal's triangle
        std::vector<float> next(f.size() + 1, 0.0f);
        for (size_t i = 0; i < f.size(); ++i) {
            next[i] += f[i];
            next[i + 1] += f[i];
        }
        f = next;
    }
    return f;
}

std::vector<double> blur_weights(int size) {
    const std::vector<float> f = binomial_filter(size);
    float fsum = 0;
    for (float v : f) fsum += v;
    std::vector<double> w(f.begin(), f.end());
    for (double& x : w) x /= fsum;
    return w;
}

std::vector<int> blur_taps(int outputs, int stride, int n, int size) {
    const int before = (size - 1) / 2;
    std::vector<int> idx(static_cast<size_t>(outputs) * size);
    for (int i = 0; i < outputs; ++i)
        for (int a = 0; a < size; ++a) idx[static_cast<size_t>(i) * size + a] = reflect(i * stride + a - before, n);
    return idx;
}

Result<Grid> downsample(const Grid& input, Downsample op, const DownsampleParams& p) {
    using R = Result<Grid>;
    if (std::string e = check_grid(input); !e.empty()) return R::failure(e);
    PoolParams pp = p.pool;
    switch (op) {
        case Downsample::MaxPool: pp.op = PoolOp::Max; break;
        case Downsample::AvgPool: pp.op = PoolOp::Average; break;
        case Downsample::MinPool: pp.op = PoolOp::Min; break;
        case Downsample::Subsample:
            pp.op = PoolOp::Max;
            pp.size_rows = pp.size_cols = 1;
            break;
        case Downsample::BlurPool: return blur_pool(input, p);
        case Downsample::GlobalMax:
        case Downsample::GlobalAvg: {
            double sum = 0;
            float mx = input.values[0];
            for (float v : input.values) {
                sum += v;
                mx = std::max(mx, v);
            }
            float v = op == Downsample::GlobalMax ? mx : static_cast<float>(sum / static_cast<double>(input.values.size()));
            return R::success(Grid(1, 1, v));
        }
    }
    return pool_values(input, pp);
}

const char* verdict_name(ShiftVerdict v) {
    switch (v) {
        case ShiftVerdict::Unchanged: return "unchanged";
        case ShiftVerdict::Shifted: return "shifted";
        case ShiftVerdict::Changed: return "changed";
    }
    return "?";
}

std::vector<Offset> output_offsets(Downsample op, const DownsampleParams& p, int dx, int dy) {
    if (op == Downsample::GlobalMax || op == Downsample::GlobalAvg) return {Offset{}};
    const int sx = std::max(1, p.pool.stride_cols), sy = std::max(1, p.pool.stride_rows);
    const int x0 = floor_div(dx, sx), y0 = floor_div(dy, sy);
    const int x1 = x0 + (dx % sx != 0), y1 = y0 + (dy % sy != 0);
    std::vector<Offset> out;
    for (int y = y0; y <= y1; ++y) {
        for (int x = x0; x <= x1; ++x) out.push_back({x, y});
    }
    return out;
}

ShiftMetrics compare_downsampled(const Grid& a, const Grid& b, ShiftFill fill, const std::vector<Offset>& offsets) {
    ShiftMetrics m;
    if (a.rows != b.rows || a.cols != b.cols || a.empty()) {
        m.unchanged_fraction = 0;
        m.verdict = ShiftVerdict::Changed;
        m.consistency = 0;
        return m;
    }
    float scale = 1.0f;
    for (float v : a.values) scale = std::max(scale, std::fabs(v));
    for (float v : b.values) scale = std::max(scale, std::fabs(v));
    const float tol = 1e-5f * scale;
    size_t same = 0;
    double sq = 0;
    for (size_t i = 0; i < a.values.size(); ++i) {
        const float d = std::fabs(a.values[i] - b.values[i]);
        same += d <= tol;
        m.max_abs_change = std::max(m.max_abs_change, d);
        sq += static_cast<double>(d) * d;
    }
    m.unchanged_fraction = static_cast<float>(same) / static_cast<float>(a.values.size());
    m.l2 = static_cast<float>(std::sqrt(sq));
    if (same == a.values.size()) return m;  // unchanged, consistency 1

    // Is B one of A's shifts by the candidate offsets? The closest one gives
    // the consistency (without offsets to try, the distance as it stands).
    const float denom = std::max({norm(a), norm(b), 1e-12f});
    float best = offsets.empty() ? m.l2 : std::numeric_limits<float>::max();
    m.verdict = ShiftVerdict::Changed;
    for (const Offset& o : offsets) {
        if (o.dx == 0 && o.dy == 0) {
            best = std::min(best, m.l2);
            continue;
        }
        double dist = 0;
        bool exact = true;
        for (int r = 0; r < b.rows; ++r) {
            for (int c = 0; c < b.cols; ++c) {
                const float d = std::fabs(b.at(r, c) - filled_at(a, r - o.dy, c - o.dx, fill));
                exact = exact && d <= tol;
                dist += static_cast<double>(d) * d;
            }
        }
        if (exact && m.verdict != ShiftVerdict::Shifted) {
            m.verdict = ShiftVerdict::Shifted;
            m.out_dx = o.dx;
            m.out_dy = o.dy;
        }
        best = std::min(best, static_cast<float>(std::sqrt(dist)));
    }
    m.consistency = m.verdict == ShiftVerdict::Shifted ? 1.0f : std::max(0.0f, 1.0f - best / denom);
    return m;
}

ShiftMetrics compare_shift(const Grid& input, int dx, int dy, ShiftFill fill, Downsample op, const DownsampleParams& p,
                           const Grid& a, const Grid& b) {
    ShiftMetrics m = compare_downsampled(a, b, fill, output_offsets(op, p, dx, dy));
    const bool gone = fill == ShiftFill::Zero && (std::abs(static_cast<long long>(dx)) >= input.cols || std::abs(static_cast<long long>(dy)) >= input.rows);
    if (!gone) return m;
    m.feature_left = true;
    const bool a_empty = std::all_of(a.values.begin(), a.values.end(), [](float v) { return v == 0.0f; });
    if (!a_empty) {  // something was there and nothing is: no shift of A gives B in any useful sense
        m.verdict = ShiftVerdict::Changed;
        m.out_dx = m.out_dy = 0;
        m.consistency = 0.0f;
    }
    return m;
}

namespace {

// "3 pixels right", "1 pixel left and 2 down".
std::string describe_pixels(int dx, int dy) {
    auto part = [](int n, const char* pos, const char* neg) {
        return std::to_string(std::abs(n)) + (std::abs(n) == 1 ? " pixel " : " pixels ") + (n > 0 ? pos : neg);
    };
    if (dx && dy) return part(dx, "right", "left") + " and " + std::to_string(std::abs(dy)) + (dy > 0 ? " down" : " up");
    return dx ? part(dx, "right", "left") : part(dy, "down", "up");
}

}  // namespace

std::string explain_shift(Downsample op, const DownsampleParams& p, int dx, int dy, const ShiftMetrics& m) {
    const bool global = op == Downsample::GlobalMax || op == Downsample::GlobalAvg;
    const int sx = p.pool.stride_cols, sy = p.pool.stride_rows;
    const bool multiple = dx % sx == 0 && dy % sy == 0;
    const std::string stride = sx == sy ? std::to_string(sx) : std::to_string(sy) + " x " + std::to_string(sx);
    if (dx == 0 && dy == 0) return "No shift yet: move the feature with the arrow keys or by dragging it.";
    if (m.feature_left) {
        return "The shift (" + describe_pixels(dx, dy) + ") is as large as the map or larger: with zero fill the feature left " +
               "the grid entirely and only zeros are left, so there is nothing to compare.";
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
            return "The feature stayed inside the same windows, so every window kept its " +
                   std::string(op == Downsample::AvgPool ? "average" : op == Downsample::MinPool ? "minimum" : "maximum") + ".";
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
            if (multiple) return "The shift is a multiple of the stride, but part of the feature left the map at the border.";
            if (op == Downsample::BlurPool) return "The feature crossed a window boundary, but the blur spreads it first, so the output changes gradually.";
            if (op == Downsample::Subsample) return "The stride now samples other cells: subsampling sees a different part of the feature.";
            return "The feature crossed a window boundary: its values now fall into other windows, so the output changed shape.";
    }
    return {};
}

Result<ShiftSweep> empty_sweep(const std::vector<Downsample>& ops, int range) {
    if (range < 0 || range > kMaxSweepRange) {
        return Result<ShiftSweep>::failure("the sweep range must be 0 to " + std::to_string(kMaxSweepRange) + " (it is " +
                                           std::to_string(range) + ")");
    }
    ShiftSweep sw;
    sw.range = range;
    sw.ops = ops;
    const size_t side = static_cast<size_t>(2 * range + 1);
    sw.consistency.assign(ops.size() * side * side, 0.0f);
    return Result<ShiftSweep>::success(std::move(sw));
}

Result<ShiftSweep> shift_sweep_direct(const Grid& input, const std::vector<Downsample>& ops, const DownsampleParams& p,
                                      ShiftFill fill, int range) {
    using R = Result<ShiftSweep>;
    Result<ShiftSweep> made = empty_sweep(ops, range);
    if (!made.ok()) return made;
    ShiftSweep& sw = made.value;
    const int side = 2 * range + 1;
    std::vector<Grid> base;
    for (Downsample op : ops) {
        Result<Grid> b = downsample(input, op, p);
        if (!b.ok()) return R::failure(std::string(downsample_title(op)) + ": " + b.error);
        base.push_back(std::move(b.value));
    }
    for (int dy = -range; dy <= range; ++dy) {
        for (int dx = -range; dx <= range; ++dx) {
            const Grid shifted = shift_grid(input, dx, dy, fill);
            for (size_t k = 0; k < ops.size(); ++k) {
                Result<Grid> b = downsample(shifted, ops[k], p);
                ShiftMetrics m = compare_downsampled(base[k], b.value, fill, output_offsets(ops[k], p, dx, dy));
                sw.consistency[(k * side + static_cast<size_t>(dy + range)) * side + static_cast<size_t>(dx + range)] = m.consistency;
            }
        }
    }
    return made;
}

Result<Grid> pool_layers(const Grid& input, const PoolParams& p, int layers) {
    if (layers < 1 || layers > 8) return Result<Grid>::failure("the number of layers must be 1 to 8");
    Grid g = input;
    for (int l = 0; l < layers; ++l) {
        Result<PoolResult> r = pool2d(g, p);
        if (!r.ok()) return Result<Grid>::failure("layer " + std::to_string(l + 1) + ": " + r.error);
        g = std::move(r.value.output);
    }
    return Result<Grid>::success(std::move(g));
}

Result<InvarianceSpan> invariance_span(const Grid& input, const PoolParams& p, int layers, ShiftFill fill, int search) {
    Result<Grid> base = pool_layers(input, p, layers);
    if (!base.ok()) return Result<InvarianceSpan>::failure(base.error);
    InvarianceSpan span;
    for (int dir : {1, -1}) {
        int extent = 0;
        for (int d = 1; d <= search; ++d) {
            Result<Grid> moved = pool_layers(shift_grid(input, dir * d, 0, fill), p, layers);
            if (!(moved.value == base.value)) break;
            extent = d;
        }
        (dir > 0 ? span.right : span.left) = dir * extent;
    }
    return Result<InvarianceSpan>::success(span);
}

}  // namespace pl

namespace pl {

namespace {
std::string signed_pixels(int n) { return n > 0 ? "+" + std::to_string(n) : std::to_string(n); }
}  // namespace

std::string explain_invariance_span(const InvarianceSpan& span, int stride, int layers) {
    long long cover = 1;
    for (int i = 0; i < layers && cover < (1LL << 40); ++i) cover *= stride;
    const std::string best = "stride " + std::to_string(stride) + (layers == 1 ? "" : " to the power " + std::to_string(layers)) + ", " +
                             std::to_string(cover) + " pixels";
    const int w = span.width();
    if (w <= 1) {
        return "No shift along x but 0 keeps this output exactly: the feature spans window boundaries, so any move changes "
               "some window. A lone point would keep it over at most " + best + ".";
    }
    const std::string moves = "Moving the feature along x by " + signed_pixels(span.left) + " to " + signed_pixels(span.right) +
                              " pixels keeps this output exactly: a span of " + std::to_string(w) + " pixels";
    if (w == cover) return moves + ", the most " + std::to_string(layers) + (layers == 1 ? " layer" : " layers") + " can give (" + best + ").";
    if (w < cover) return moves + ", less than the " + best + " a lone point would get: the feature reaches across windows.";
    return moves + ", more than the " + best + " of one cell: the feature's values repeat, so other windows see the same ones.";
}

}  // namespace pl

namespace pl {

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
    const std::string stride = stride_x == stride_y ? std::to_string(stride_x) : std::to_string(stride_y) + " x " + std::to_string(stride_x);
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

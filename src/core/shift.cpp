#include "core/shift.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <utility>

#include "core/csv.h"
#include "core/shift_blur.h"

namespace pl {

namespace {

int wrap(int i, int n) { return ((i % n) + n) % n; }

// The value of `g` at (r, c) when cells outside are filled as `fill` says.
float filled_at(const Grid& g, int r, int c, ShiftFill fill) {
    if (fill == ShiftFill::Circular) return g.at(wrap(r, g.rows), wrap(c, g.cols));
    return g.contains(r, c) ? g.at(r, c) : 0.0f;
}

int floor_div(int a, int b) { return a >= 0 ? a / b : -((-a + b - 1) / b); }

double norm(const Grid& g) {
    double s = 0;
    for (float v : g.values) s += static_cast<double>(v) * v;
    return std::sqrt(s);
}

// Reflect padding as PyTorch's ReflectionPad (the edge is not repeated).
int reflect(int i, int n) {
    if (n == 1) return 0;
    const int period = 2 * (n - 1);
    i = wrap(i, period);
    return i < n ? i : period - i;
}

// The first and last window along one axis that hold position x (first >
// last: none does, as past the last window with valid padding).
std::pair<long long, long long> windows_holding(long long x, int size, int stride, const PoolAxis& axis) {
    const long long q = x + axis.pad_before;  // in the padded line
    const long long from = q - size + 1;
    const long long first = from <= 0 ? 0 : (from + stride - 1) / stride;
    const long long last = std::min<long long>(q < 0 ? -1 : q / stride, axis.out - 1);
    return {first, last};
}

// Whether every nonzero cell of `input` lies in some window and, after the
// shift, in the same windows as before: then, and only then, "the feature
// stayed inside the same windows".
bool stays_in_same_windows(const Grid& input, int dx, int dy, ShiftFill fill, const PoolParams& p) {
    const Result<PoolAxis> rows = pool_axis(input.rows, p.size_rows, p.stride_rows, p.padding);
    const Result<PoolAxis> cols = pool_axis(input.cols, p.size_cols, p.stride_cols, p.padding, "columns");
    if (!rows.ok() || !cols.ok()) return false;
    for (int r = 0; r < input.rows; ++r) {
        for (int c = 0; c < input.cols; ++c) {
            if (input.at(r, c) == 0.0f) continue;
            long long r2 = static_cast<long long>(r) + dy, c2 = static_cast<long long>(c) + dx;
            if (fill == ShiftFill::Circular) {
                r2 = ((r2 % input.rows) + input.rows) % input.rows;
                c2 = ((c2 % input.cols) + input.cols) % input.cols;
            } else if (r2 < 0 || r2 >= input.rows || c2 < 0 || c2 >= input.cols) {
                return false;
            }
            const auto wr = windows_holding(r, p.size_rows, p.stride_rows, rows.value), wc = windows_holding(c, p.size_cols, p.stride_cols, cols.value);
            // A cell in no window (a gap between windows) is not "inside" any.
            if (wr.first > wr.second || wc.first > wc.second) return false;
            if (wr != windows_holding(r2, p.size_rows, p.stride_rows, rows.value) || wc != windows_holding(c2, p.size_cols, p.stride_cols, cols.value)) {
                return false;
            }
        }
    }
    return true;
}

Result<Grid> blur_pool(const Grid& input, const DownsampleParams& p) {
    if (p.blur_size < 2 || p.blur_size > 5) {
        return Result<Grid>::failure("the blur filter size must be 2 to 5 (it is " + count_text(p.blur_size) + ")");
    }
    const int sr = p.pool.stride_rows, sc = p.pool.stride_cols;
    if (sr < 1 || sc < 1) return Result<Grid>::failure("the stride must be at least 1");
    // The max is taken with 'valid' padding whatever the padding is set to (as
    // antialiased-cnns does), so "use 'same' padding" would be no advice here.
    if (p.pool.size_rows > input.rows || p.pool.size_cols > input.cols) {
        return Result<Grid>::failure("blur pool takes the max of each window with 'valid' padding whatever the padding is set to, so the window (" +
                                     size_text(p.pool.size_rows, p.pool.size_cols) + ") must fit in the map (" + size_text(input.rows, input.cols) +
                                     "); use a smaller window");
    }
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
    // Differences, sums and norms in double: no finite input makes them overflow.
    double scale = 1.0;
    for (float v : a.values) scale = std::max(scale, static_cast<double>(std::fabs(v)));
    for (float v : b.values) scale = std::max(scale, static_cast<double>(std::fabs(v)));
    const double tol = 1e-5 * scale;
    size_t same = 0;
    double sq = 0;
    for (size_t i = 0; i < a.values.size(); ++i) {
        const double d = std::fabs(static_cast<double>(a.values[i]) - b.values[i]);
        same += d <= tol;
        m.max_abs_change = std::max(m.max_abs_change, d);
        sq += d * d;
    }
    m.unchanged_fraction = static_cast<float>(same) / static_cast<float>(a.values.size());
    m.l2 = std::sqrt(sq);
    if (same == a.values.size()) return m;  // unchanged, consistency 1

    // Is B one of A's shifts by the candidate offsets? The closest one gives
    // the consistency (without offsets to try, the distance as it stands).
    // With zero fill, what a shift pushes off the grid counts as a difference:
    // B can equal A moved on every cell and still have lost the feature.
    const double denom = std::max({norm(a), norm(b), 1e-12});
    double best = offsets.empty() ? m.l2 : std::numeric_limits<double>::max();
    m.verdict = ShiftVerdict::Changed;
    bool moved_off = false;
    for (const Offset& o : offsets) {
        if (o.dx == 0 && o.dy == 0) {
            best = std::min(best, m.l2);
            continue;
        }
        double dist = 0;
        bool exact = true;
        for (int r = 0; r < b.rows; ++r) {
            for (int c = 0; c < b.cols; ++c) {
                const double d = std::fabs(static_cast<double>(b.at(r, c)) - filled_at(a, r - o.dy, c - o.dx, fill));
                exact = exact && d <= tol;
                dist += d * d;
            }
        }
        bool lost = false;
        if (fill == ShiftFill::Zero) {
            for (int r = 0; r < a.rows; ++r) {
                for (int c = 0; c < a.cols; ++c) {
                    if (b.contains(r + o.dy, c + o.dx)) continue;
                    const double v = a.at(r, c);
                    lost = lost || std::fabs(v) > tol;
                    dist += v * v;
                }
            }
        }
        if (exact && !lost && m.verdict != ShiftVerdict::Shifted) {
            m.verdict = ShiftVerdict::Shifted;
            m.out_dx = o.dx;
            m.out_dy = o.dy;
        } else if (exact && lost && !moved_off && m.verdict != ShiftVerdict::Shifted) {
            moved_off = true;
            m.out_dx = o.dx;
            m.out_dy = o.dy;
        }
        best = std::min(best, std::sqrt(dist));
    }
    if (m.verdict == ShiftVerdict::Shifted) {
        m.consistency = 1.0f;
        return m;
    }
    m.consistency = static_cast<float>(std::max(0.0, 1.0 - best / denom));
    if (moved_off) {
        const bool nothing_left = std::all_of(b.values.begin(), b.values.end(), [&](float v) { return std::fabs(v) <= tol; });
        m.left = nothing_left ? FeatureLeft::Wholly : FeatureLeft::Partly;
    } else {
        m.out_dx = m.out_dy = 0;
    }
    return m;
}

ShiftMetrics compare_shift(const Grid& input, int dx, int dy, ShiftFill fill, Downsample op, const DownsampleParams& p,
                           const Grid& a, const Grid& b) {
    ShiftMetrics m = compare_downsampled(a, b, fill, output_offsets(op, p, dx, dy));
    m.fill = fill;
    m.in_rows = input.rows;
    m.in_cols = input.cols;
    if (op == Downsample::MaxPool || op == Downsample::AvgPool || op == Downsample::MinPool) {
        m.same_windows = stays_in_same_windows(input, dx, dy, fill, p.pool);
    }
    const bool gone = fill == ShiftFill::Zero && (std::abs(static_cast<long long>(dx)) >= input.cols || std::abs(static_cast<long long>(dy)) >= input.rows);
    const bool a_empty = std::all_of(a.values.begin(), a.values.end(), [](float v) { return v == 0.0f; });
    if (!gone || a_empty) return m;
    // Something was there and nothing is: no shift of A gives B in any useful sense.
    m.left = FeatureLeft::Wholly;
    m.verdict = ShiftVerdict::Changed;
    m.out_dx = m.out_dy = 0;
    m.consistency = 0.0f;
    return m;
}

Result<ShiftSweep> empty_sweep(const std::vector<Downsample>& ops, int range) {
    if (range < 0 || range > kMaxSweepRange) {
        return Result<ShiftSweep>::failure("the sweep range must be 0 to " + count_text(kMaxSweepRange) + " (it is " +
                                           count_text(range) + ")");
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
        if (!r.ok()) return Result<Grid>::failure("layer " + count_text(l + 1) + ": " + r.error);
        g = std::move(r.value.output);
    }
    return Result<Grid>::success(std::move(g));
}

namespace {

// Where the feature (the nonzero cells) lies among the final windows along x.
void place_feature(const Grid& input, const PoolParams& p, int layers, InvarianceSpan* span) {
    int first = input.cols, last = -1;
    for (int r = 0; r < input.rows; ++r) {
        for (int c = 0; c < input.cols; ++c) {
            if (input.at(r, c) != 0.0f) first = std::min(first, c), last = std::max(last, c);
        }
    }
    if (last < 0) return;
    // The receptive field along x of the final output's cell j: [start + j * jump, start + j * jump + size).
    long long size = 1, jump = 1, start = 0;
    int n = input.cols;
    for (int l = 0; l < layers; ++l) {
        const Result<PoolAxis> axis = pool_axis(n, p.size_cols, p.stride_cols, p.padding, "columns");
        if (!axis.ok()) return;
        size += static_cast<long long>(p.size_cols - 1) * jump;
        start -= static_cast<long long>(axis.value.pad_before) * jump;
        jump *= p.stride_cols;
        n = axis.value.out;
    }
    span->feature_width = last - first + 1;
    span->window_width = size;
    for (int j = 0; j < n && !span->in_one_window; ++j) {
        const long long a = start + j * jump;
        span->in_one_window = a <= first && last < a + size;
    }
}

}  // namespace

Result<InvarianceSpan> invariance_span(const Grid& input, const PoolParams& p, int layers, ShiftFill fill, int search) {
    Result<Grid> base = pool_layers(input, p, layers);
    if (!base.ok()) return Result<InvarianceSpan>::failure(base.error);
    InvarianceSpan span;
    place_feature(input, p, layers, &span);
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

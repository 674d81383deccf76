// The fast shift sweep. With zero fill, the downsampled shifted map is a
// strided sample of one dense map D of the unshifted input:
//   B_d(i, j) = D(i*sr - dy, j*sc - dx)
// (D = the operation at every position of the zero-extended input). The
// distance between B_d and the unshifted output A moved by o output cells
// then depends on the residue r = d - o*s and on rectangle bounds, so 2-D
// prefix sums of a few residue tables give every (shift, offset) in O(1).
// Output cells that do not follow the formula (blur pool's reflected border,
// A's zero fill) are summed directly; there are only a few lines of them.
// D is computed in exactly the arithmetic of pool_values and blur_pool, so
// equal cells are equal to the bit.
//
// The parts: shift_sweep_maps.cpp makes D, shift_sweep_metrics.cpp sums the
// distances; this file picks the path for each operation and describes it.
#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>

#include "core/shift.h"
#include "core/shift_sweep_dense.h"

namespace pl {

using namespace sweep_detail;  // the parts' private types, used throughout this file

namespace {

// Global max or average of every zero-filled shift, from per-row prefix tables.
void sweep_global(const Grid& x, Downsample op, int range, float* out) {
    const int nr = x.rows, nc = x.cols;
    std::vector<double> psum(static_cast<size_t>(nr) * (nc + 1)), pmax(static_cast<size_t>(nr) * (nc + 1)),
        smax(static_cast<size_t>(nr) * (nc + 1));
    const double lowest = -std::numeric_limits<double>::infinity();
    for (int r = 0; r < nr; ++r) {
        double* ps = &psum[static_cast<size_t>(r) * (nc + 1)];
        double* pm = &pmax[static_cast<size_t>(r) * (nc + 1)];
        double* sm = &smax[static_cast<size_t>(r) * (nc + 1)];
        ps[0] = 0, pm[0] = lowest, sm[nc] = lowest;
        for (int c = 0; c < nc; ++c) {
            ps[c + 1] = ps[c] + x.at(r, c);
            pm[c + 1] = std::max(pm[c], static_cast<double>(x.at(r, c)));
        }
        for (int c = nc - 1; c >= 0; --c) sm[c] = std::max(sm[c + 1], static_cast<double>(x.at(r, c)));
    }
    auto global = [&](int dx, int dy) {
        // The part of x still in view, and whether zeros came in.
        const int r0 = std::max(0, -dy), r1 = std::min(nr, nr - dy), c0 = std::max(0, -dx), c1 = std::min(nc, nc - dx);
        double sum = 0, mx = (dx || dy) ? 0.0 : lowest;
        for (int r = r0; r < r1 && c0 < c1; ++r) {
            const size_t row = static_cast<size_t>(r) * (nc + 1);
            sum += psum[row + c1] - psum[row + c0];
            mx = std::max(mx, c0 == 0 ? pmax[row + c1] : smax[row + c0]);
        }
        if (r0 >= r1 || c0 >= c1) mx = 0;
        return op == Downsample::GlobalMax ? static_cast<float>(mx) : static_cast<float>(sum / (static_cast<double>(nr) * nc));
    };
    const float a = global(0, 0);
    const int side = 2 * range + 1;
    for (int dy = -range; dy <= range; ++dy) {
        for (int dx = -range; dx <= range; ++dx) {
            const float b = global(dx, dy);
            const float tol = 1e-5f * std::max({1.0f, std::fabs(a), std::fabs(b)});
            const float diff = std::fabs(a - b);
            out[static_cast<size_t>(dy + range) * side + static_cast<size_t>(dx + range)] =
                diff <= tol ? 1.0f : std::max(0.0f, 1.0f - diff / std::max({std::fabs(a), std::fabs(b), 1e-12f}));
        }
    }
}

int reflect_index(int i, int n) {
    if (n == 1) return 0;
    const int period = 2 * (n - 1);
    i = ((i % period) + period) % period;
    return i < n ? i : period - i;
}

}  // namespace

Result<ShiftSweep> shift_sweep(const Grid& input, const std::vector<Downsample>& ops, const DownsampleParams& p,
                               ShiftFill fill, int range) {
    using R = Result<ShiftSweep>;
    Result<ShiftSweep> made = empty_sweep(ops, range);
    if (!made.ok()) return made;
    ShiftSweep& sw = made.value;
    const size_t side = static_cast<size_t>(2 * range + 1);
    const std::string input_error = check_grid(input);
    // Max pool and blur pool both need the dense max with the same window: made once,
    // over the larger span blur pool reads.
    std::shared_ptr<Table> shared_max;
    auto dense_max = [&](int y0, int y1, int x0, int x1) {
        if (!shared_max) {
            const int fs = p.blur_size;
            shared_max = std::make_shared<Table>(
                dense_pool(input, PoolOp::Max, p.pool.size_rows, p.pool.size_cols, y0 - fs, y1 + fs, x0 - fs, x1 + fs));
        }
        return shared_max;
    };
    for (size_t k = 0; k < ops.size(); ++k) {
        const Downsample op = ops[k];
        const bool global = op == Downsample::GlobalMax || op == Downsample::GlobalAvg;
        const bool pooling = op == Downsample::MaxPool || op == Downsample::AvgPool || op == Downsample::MinPool ||
                             op == Downsample::Subsample;
        const bool dense = fill == ShiftFill::Zero && !(pooling && p.pool.padding != Padding::Valid);
        // The unshifted output: for dense pooling it is read off the dense map below,
        // after the same checks downsample makes.
        Result<Grid> a;
        if (global && dense) {
            a.error = input_error;
        } else if (pooling && dense) {
            PoolParams pp = p.pool;
            if (op == Downsample::Subsample) pp.size_rows = pp.size_cols = 1;
            a.error = input_error.empty() ? check_pool(input.rows, input.cols, pp) : input_error;
        } else {
            a = downsample(input, op, p);
        }
        if (!a.ok()) return R::failure(std::string(downsample_title(op)) + ": " + a.error);
        float* out = &sw.consistency[k * side * side];
        if (!dense) {
            Result<ShiftSweep> direct = shift_sweep_direct(input, {op}, p, fill, range);
            if (!direct.ok()) return R::failure(direct.error);
            std::copy(direct.value.consistency.begin(), direct.value.consistency.end(), out);
            continue;
        }
        if (global) {
            sweep_global(input, op, range, out);
            continue;
        }
        Dense d;
        d.a = &a.value;
        d.sr = p.pool.stride_rows;
        d.sc = p.pool.stride_cols;
        if (pooling) {  // the output size of valid pooling
            const int kr = op == Downsample::Subsample ? 1 : p.pool.size_rows, kc = op == Downsample::Subsample ? 1 : p.pool.size_cols;
            a.value = Grid((input.rows - kr) / d.sr + 1, (input.cols - kc) / d.sc + 1);
        }
        const int mr = a.value.rows, mc = a.value.cols;
        const int pad_r = (range / d.sr + 3) * d.sr, pad_c = (range / d.sc + 3) * d.sc;
        const int y0 = -pad_r, y1 = (mr - 1) * d.sr + pad_r + 1, x0 = -pad_c, x1 = (mc - 1) * d.sc + pad_c + 1;
        if (pooling) {
            const bool sub = op == Downsample::Subsample;
            const PoolOp pop = op == Downsample::AvgPool ? PoolOp::Average : op == Downsample::MinPool ? PoolOp::Min : PoolOp::Max;
            d.d = (pop == PoolOp::Max && !sub)
                      ? dense_max(y0, y1, x0, x1)
                      : std::make_shared<Table>(dense_pool(input, pop, sub ? 1 : p.pool.size_rows, sub ? 1 : p.pool.size_cols, y0, y1, x0, x1));
            d.reg_r = {0, mr};
            d.reg_c = {0, mc};
            d.irregular = [](const std::vector<Span>&, Span, Span, int, int, float*) {};  // every cell is regular
            for (int i = 0; i < mr; ++i)
                for (int j = 0; j < mc; ++j) a.value.at(i, j) = d.d->at(i * d.sr, j * d.sc);
        } else {  // blur pool: the dense max, blurred at every position
            const int kr = p.pool.size_rows, kc = p.pool.size_cols, fs = p.blur_size, before = (fs - 1) / 2;
            const int qr = input.rows - kr + 1, qc = input.cols - kc + 1;  // the max map's size
            // Blurring at y reads the max at y - before .. y - before + fs - 1; the reflected
            // border reads positions in [-range, q + range), inside the same span.
            std::shared_ptr<const Table> dmax = dense_max(y0, y1, x0, x1);
            std::vector<double> w;
            {
                const std::vector<float> f = binomial_filter(fs);
                float fsum = 0;
                for (float v : f) fsum += v;
                for (float v : f) w.push_back(static_cast<double>(v) / fsum);
            }
            // Separable, along rows first, in blur_pool's arithmetic.
            const int cols = x1 - x0, arows = y1 - y0 + fs - 1;
            Buffer<double> rows_blurred(static_cast<size_t>(arows) * cols);
            for (int u = 0; u < arows; ++u) {
                const float* row = &dmax->at(y0 - before + u, x0 - before);
                for (int x = 0; x < cols; ++x) {
                    double acc = 0;
                    for (int b = 0; b < fs; ++b) acc += w[b] * row[x + b];
                    rows_blurred[static_cast<size_t>(u) * cols + x] = acc;
                }
            }
            auto blurred = std::make_shared<Table>(Table{y0, x0, y1 - y0, cols, Buffer<float>(static_cast<size_t>(y1 - y0) * cols)});
            for (int y = 0; y < y1 - y0; ++y) {
                for (int x = 0; x < cols; ++x) {
                    double acc = 0;
                    for (int aa = 0; aa < fs; ++aa) acc += w[aa] * rows_blurred[static_cast<size_t>(y + aa) * cols + x];
                    blurred->v[static_cast<size_t>(y) * cols + x] = static_cast<float>(acc);
                }
            }
            d.d = blurred;
            // Rows whose taps all fall inside the max map need no reflection.
            auto regular = [&](int stride, int q, int m) {
                const int lo = (before + stride - 1) / stride;
                const int hi = q - fs + before >= 0 ? (q - fs + before) / stride + 1 : 0;
                return Span{std::min(lo, m), std::clamp(hi, std::min(lo, m), m)};
            };
            d.reg_r = regular(d.sr, qr, mr);
            d.reg_c = regular(d.sc, qc, mc);
            // The reflected taps of every output row and column, as blur_pool takes them.
            auto taps = [&](int m, int stride, int q) {
                std::vector<int> t(static_cast<size_t>(m) * fs);
                for (int i = 0; i < m; ++i)
                    for (int aa = 0; aa < fs; ++aa) t[static_cast<size_t>(i) * fs + aa] = reflect_index(i * stride + aa - before, q);
                return t;
            };
            const Span reg_r = d.reg_r;
            d.irregular = [dmax, w, fs, mc, reg_r, rt = taps(mr, d.sr, qr), ct = taps(mc, d.sc, qc)](
                              const std::vector<Span>& rows, Span lo, Span hi, int dx, int dy, float* cache) {
                auto cell = [&](int i, int j) {
                    double acc = 0;
                    for (int aa = 0; aa < fs; ++aa) {
                        const float* row = &dmax->at(rt[static_cast<size_t>(i) * fs + aa] - dy, -dx);
                        double across = 0;
                        for (int b = 0; b < fs; ++b) across += w[b] * row[ct[static_cast<size_t>(j) * fs + b]];
                        acc += w[aa] * across;
                    }
                    cache[static_cast<size_t>(i) * mc + j] = static_cast<float>(acc);
                };
                for (Span r : rows)  // whole irregular rows
                    for (int i = r.a; i < r.b; ++i)
                        for (int j = 0; j < mc; ++j) cell(i, j);
                for (int i = reg_r.a; i < reg_r.b; ++i) {  // irregular ends of the regular rows
                    for (int j = lo.a; j < lo.b; ++j) cell(i, j);
                    for (int j = hi.a; j < hi.b; ++j) cell(i, j);
                }
            };
        }
        sweep_dense(d, [&](int dx, int dy) { return output_offsets(op, p, dx, dy); }, range, out);
    }
    return made;
}

}  // namespace pl

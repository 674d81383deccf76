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
#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <memory>

#include "core/shift.h"

namespace pl {

namespace {

// An array whose elements are written before they are read: allocated without
// the zero fill a std::vector would do (it showed up in profiles).
template <class T>
struct Buffer {
    std::unique_ptr<T[]> p;
    size_t n = 0;
    Buffer() = default;
    explicit Buffer(size_t n_) : p(new T[n_]), n(n_) {}
    T& operator[](size_t i) { return p[i]; }
    const T& operator[](size_t i) const { return p[i]; }
    T* begin() { return p.get(); }
    T* end() { return p.get() + n; }
    const T* begin() const { return p.get(); }
    const T* end() const { return p.get() + n; }
};

// Values at positions y in [y0, y0 + rows), x in [x0, x0 + cols).
struct Table {
    int y0 = 0, x0 = 0, rows = 0, cols = 0;
    Buffer<float> v;
    const float& at(int y, int x) const { return v[static_cast<size_t>(y - y0) * cols + static_cast<size_t>(x - x0)]; }
};

// The input copied into a zero border wide enough for every window read below.
struct Padded {
    int y0, x0, rows, cols;  // position of element 0 and size
    std::vector<float> v;
    const float* row(int y) const { return &v[static_cast<size_t>(y - y0) * cols - x0]; }  // index with x directly
};

Padded zero_padded(const Grid& g, int y0, int y1, int x0, int x1) {
    Padded p{y0, x0, y1 - y0, x1 - x0, std::vector<float>(static_cast<size_t>(y1 - y0) * (x1 - x0), 0.0f)};
    for (int r = std::max(0, y0); r < std::min(g.rows, y1); ++r) {
        for (int c = std::max(0, x0); c < std::min(g.cols, x1); ++c) p.v[static_cast<size_t>(r - y0) * p.cols + (c - x0)] = g.at(r, c);
    }
    return p;
}

template <PoolOp Op>
double fold(double acc, double v) {
    if constexpr (Op == PoolOp::Max) return std::max(acc, v);
    if constexpr (Op == PoolOp::Min) return std::min(acc, v);
    return acc + v;
}

// D(y, x) = op over the kr x kc window at (y, x) of the zero-extended input,
// along rows first, in double, as pool_values does.
template <PoolOp Op>
Table dense_pool_as(const Grid& g, int kr, int kc, int y0, int y1, int x0, int x1) {
    const Padded in = zero_padded(g, y0, y1 + kr - 1, x0, x1 + kc - 1);
    const int urows = y1 - y0 + kr - 1, cols = x1 - x0;
    Buffer<double> across(static_cast<size_t>(urows) * cols);
    for (int u = 0; u < urows; ++u) {
        const float* row = in.row(y0 + u);
        double* out = &across[static_cast<size_t>(u) * cols];
        for (int x = 0; x < cols; ++x) {
            double acc = row[x0 + x];
            for (int b = 1; b < kc; ++b) acc = fold<Op>(acc, row[x0 + x + b]);
            out[x] = acc;
        }
    }
    Table t{y0, x0, y1 - y0, cols, Buffer<float>(static_cast<size_t>(y1 - y0) * cols)};
    for (int y = 0; y < t.rows; ++y) {
        float* out = &t.v[static_cast<size_t>(y) * cols];
        for (int x = 0; x < cols; ++x) {
            double acc = across[static_cast<size_t>(y) * cols + x];
            for (int a = 1; a < kr; ++a) acc = fold<Op>(acc, across[static_cast<size_t>(y + a) * cols + x]);
            if constexpr (Op == PoolOp::Average) acc /= static_cast<double>(kr) * kc;
            out[x] = static_cast<float>(acc);
        }
    }
    return t;
}

Table dense_pool(const Grid& g, PoolOp op, int kr, int kc, int y0, int y1, int x0, int x1) {
    switch (op) {
        case PoolOp::Max: return dense_pool_as<PoolOp::Max>(g, kr, kc, y0, y1, x0, x1);
        case PoolOp::Min: return dense_pool_as<PoolOp::Min>(g, kr, kc, y0, y1, x0, x1);
        case PoolOp::Average: return dense_pool_as<PoolOp::Average>(g, kr, kc, y0, y1, x0, x1);
    }
    return {};
}

// 2-D prefix sums of f(i, j) over i in [i0, i0 + rows), j in [j0, j0 + cols).
struct Prefix {
    int i0 = 0, j0 = 0, rows = 0, cols = 0;
    Buffer<double> s;  // (rows + 1) x (cols + 1)
    // row_values(i, out) writes f(i, j0 .. j0 + cols - 1) into out.
    template <class RowValues>
    void build(int i0_, int j0_, int rows_, int cols_, RowValues row_values) {
        i0 = i0_, j0 = j0_, rows = rows_, cols = cols_;
        s = Buffer<double>(static_cast<size_t>(rows + 1) * (cols + 1));
        for (int j = 0; j <= cols; ++j) s[static_cast<size_t>(j)] = 0.0;  // the first row and column are zero
        for (int i = 1; i <= rows; ++i) s[static_cast<size_t>(i) * (cols + 1)] = 0.0;
        std::vector<double> f(static_cast<size_t>(cols));
        for (int i = 0; i < rows; ++i) {
            row_values(i0 + i, f.data());
            const double* above = &s[static_cast<size_t>(i) * (cols + 1)];
            double* here = &s[static_cast<size_t>(i + 1) * (cols + 1)];
            double run = 0;
            for (int j = 0; j < cols; ++j) {
                run += f[static_cast<size_t>(j)];
                here[j + 1] = above[j + 1] + run;
            }
        }
    }
    // The sum over [ia, ib) x [ja, jb), clipped to the table.
    double sum(int ia, int ib, int ja, int jb) const {
        ia = std::clamp(ia - i0, 0, rows), ib = std::clamp(ib - i0, 0, rows);
        ja = std::clamp(ja - j0, 0, cols), jb = std::clamp(jb - j0, 0, cols);
        if (ia >= ib || ja >= jb) return 0.0;
        auto at = [&](int i, int j) { return s[static_cast<size_t>(i) * (cols + 1) + j]; };
        return at(ib, jb) - at(ia, jb) - at(ib, ja) + at(ia, ja);
    }
};

struct Span {
    int a, b;  // [a, b)
};

Span intersect(Span x, Span y) { return {std::max(x.a, y.a), std::min(x.b, y.b)}; }

// One operation, described so the sweep can run without downsampling any shifted map.
struct Dense {
    const Grid* a = nullptr;    // the unshifted output
    std::shared_ptr<const Table> d;  // B_d(i, j) = d->at(i*sr - dy, j*sc - dx) for regular cells
    int sr = 1, sc = 1;
    Span reg_r, reg_c;          // regular output rows and columns
    // Writes B_d for the irregular cells of the listed rows and columns into
    // cache (row-major, mc wide); called once per shift.
    std::function<void(const std::vector<Span>& rows, Span cols_of_regular_rows_lo, Span cols_of_regular_rows_hi,
                       int dx, int dy, float* cache)> irregular;
    std::vector<float>* cache = nullptr;  // B_d at the irregular cells for the current shift

    bool is_regular(int i, int j) const { return i >= reg_r.a && i < reg_r.b && j >= reg_c.a && j < reg_c.b; }
    float b_at(int i, int j, int dx, int dy) const {
        return is_regular(i, j) ? d->at(i * sr - dy, j * sc - dx) : (*cache)[static_cast<size_t>(i) * cache_cols + static_cast<size_t>(j)];
    }
    size_t cache_cols = 0;
};

// Consistency of every shift for one operation described by `op`.
void sweep_dense(Dense& op, const std::function<std::vector<Offset>(int, int)>& offsets, int range, float* out) {
    const Grid& a = *op.a;
    const int mr = a.rows, mc = a.cols, sr = op.sr, sc = op.sc;
    const int ey = range / sr + 2, ex = range / sc + 2;  // output shifts reach at most this far
    double a2 = 0, amax = 0;
    for (float v : a.values) {
        a2 += static_cast<double>(v) * v;
        amax = std::max(amax, static_cast<double>(std::fabs(v)));
    }
    double dmax = 0;
    for (float v : op.d->v) dmax = std::max(dmax, static_cast<double>(std::fabs(v)));

    // Residue tables, made when first needed: E = (D(i s - r) - D(i s))^2 on A's
    // cells, and F = D(i s - r)^2 on A's cells extended by the reach of the
    // output shifts. F for r and r - s differ only by one cell of index, so F
    // is kept for r in [0, s) only.
    std::vector<std::unique_ptr<Prefix>> e_tables(static_cast<size_t>(2 * sr - 1) * (2 * sc - 1));
    std::vector<std::unique_ptr<Prefix>> f_tables(static_cast<size_t>(sr) * sc);
    auto e_table = [&](int ry, int rx) -> const Prefix& {
        std::unique_ptr<Prefix>& t = e_tables[static_cast<size_t>(ry + sr - 1) * (2 * sc - 1) + static_cast<size_t>(rx + sc - 1)];
        if (!t) {
            t = std::make_unique<Prefix>();
            const Table& d = *op.d;
            t->build(0, 0, mr, mc, [&](int i, double* values) {
                const float* moved = &d.at(i * sr - ry, -rx);
                const float* still = &d.at(i * sr, 0);
                for (int j = 0; j < mc; ++j) {
                    const double diff = static_cast<double>(moved[j * sc]) - still[j * sc];
                    values[j] = diff * diff;
                }
            });
        }
        return *t;
    };
    // The sum of F_r over [ia, ib) x [ja, jb).
    auto f_sum = [&](int ry, int rx, int ia, int ib, int ja, int jb) {
        const int my = ry < 0 ? ry + sr : ry, mx = rx < 0 ? rx + sc : rx;  // F_r(i) = F_{r+s}(i + 1)
        const int qy = ry < 0 ? 1 : 0, qx = rx < 0 ? 1 : 0;
        std::unique_ptr<Prefix>& t = f_tables[static_cast<size_t>(my) * sc + static_cast<size_t>(mx)];
        if (!t) {
            t = std::make_unique<Prefix>();
            const Table& d = *op.d;
            t->build(-ey, -ex, mr + 2 * ey + 1, mc + 2 * ex + 1, [&](int i, double* values) {
                const float* moved = &d.at(i * sr - my, -ex * sc - mx);
                for (int j = 0; j < mc + 2 * ex + 1; ++j) {
                    const double v = moved[j * sc];
                    values[j] = v * v;
                }
            });
        }
        return t->sum(ia + qy, ib + qy, ja + qx, jb + qx);
    };
    // Output rows split by how a cell is summed: E (both from D), Z (A is zero there), or directly.
    auto classes = [](Span reg, int o, int m, std::vector<Span>* e, std::vector<Span>* ez) {
        e->clear();
        ez->clear();
        const Span es = intersect(reg, {reg.a + o, reg.b + o});
        constexpr int kFar = 1 << 29;
        const Span z1 = intersect(reg, {-kFar, o}), z2 = intersect(reg, {m + o, kFar});
        if (es.a < es.b) e->push_back(es);
        for (Span x : {z1, es, z2}) {
            if (x.a < x.b) ez->push_back(x);
        }
    };
    // [0, m) less the sorted, disjoint spans.
    auto complement = [](const std::vector<Span>& spans, int m) {
        std::vector<Span> gaps;
        int at = 0;
        for (Span s : spans) {
            if (s.a > at) gaps.push_back({at, s.a});
            at = std::max(at, s.b);
        }
        if (at < m) gaps.push_back({at, m});
        return gaps;
    };
    // Adds (B_d - A moved by o)^2 over the cells of rows x cols, one by one.
    auto direct = [&](const std::vector<Span>& rows, const std::vector<Span>& cols, int dx, int dy, Offset o) {
        double sum = 0;
        for (Span r : rows) {
            for (int i = r.a; i < r.b; ++i) {
                for (Span c : cols) {
                    for (int j = c.a; j < c.b; ++j) {
                        const float av = a.contains(i - o.dy, j - o.dx) ? a.at(i - o.dy, j - o.dx) : 0.0f;
                        const double diff = static_cast<double>(op.b_at(i, j, dx, dy)) - av;
                        sum += diff * diff;
                    }
                }
            }
        }
        return sum;
    };
    const std::vector<Span> all_r{{0, mr}}, all_c{{0, mc}};
    const std::vector<Span> irr_r = complement({op.reg_r}, mr), irr_c = complement({op.reg_c}, mc);

    const int side = 2 * range + 1;
    std::vector<Span> e_rows, ez_rows, e_cols, ez_cols;
    std::vector<float> cache(static_cast<size_t>(mr) * mc);
    op.cache = &cache;
    op.cache_cols = static_cast<size_t>(mc);
    for (int dy = -range; dy <= range; ++dy) {
        for (int dx = -range; dx <= range; ++dx) {
            // B_d at the irregular cells, once for this shift.
            if (!irr_r.empty() || !irr_c.empty()) {
                op.irregular(irr_r, Span{0, op.reg_c.a}, Span{op.reg_c.b, mc}, dx, dy, cache.data());
            }
            const std::vector<Offset> cands = offsets(dx, dy);
            double best = -1, b2 = -1;
            bool exact = false;
            for (const Offset& o : cands) {
                const int ry = dy - o.dy * sr, rx = dx - o.dx * sc;
                const Prefix& e = e_table(ry, rx);
                classes(op.reg_r, o.dy, mr, &e_rows, &ez_rows);
                classes(op.reg_c, o.dx, mc, &e_cols, &ez_cols);
                double dist = 0;
                for (Span r : ez_rows)
                    for (Span c : ez_cols) dist += f_sum(ry, rx, r.a - o.dy, r.b - o.dy, c.a - o.dx, c.b - o.dx);
                for (Span r : e_rows) {
                    for (Span c : e_cols) {
                        dist += e.sum(r.a - o.dy, r.b - o.dy, c.a - o.dx, c.b - o.dx);
                        dist -= f_sum(ry, rx, r.a - o.dy, r.b - o.dy, c.a - o.dx, c.b - o.dx);
                    }
                }
                // Cells outside the E/Z classes (a few border lines), one by one.
                const std::vector<Span> other_r = complement(ez_rows, mr), other_c = complement(ez_cols, mc);
                dist += direct(other_r, all_c, dx, dy, o) + direct(ez_rows, other_c, dx, dy, o);
                dist = std::max(dist, 0.0);
                if (b2 < 0) {  // |B_d|^2: regular cells from F, the rest directly (A taken as zero there)
                    const Offset far{1 << 20, 1 << 20};
                    b2 = f_sum(ry, rx, op.reg_r.a - o.dy, op.reg_r.b - o.dy, op.reg_c.a - o.dx, op.reg_c.b - o.dx) +
                         direct(irr_r, all_c, dx, dy, far) + direct({op.reg_r}, irr_c, dx, dy, far);
                }
                const double scale = std::max({1.0, amax, dmax});
                const double tol = 1e-5 * scale;
                if (dist <= tol * tol + 1e-12 * (a2 + b2)) exact = true;
                best = best < 0 ? dist : std::min(best, dist);
            }
            const double denom = std::max({std::sqrt(a2), std::sqrt(std::max(b2, 0.0)), 1e-12});
            const float c = exact ? 1.0f : static_cast<float>(std::max(0.0, 1.0 - std::sqrt(best) / denom));
            out[static_cast<size_t>(dy + range) * side + static_cast<size_t>(dx + range)] = c;
        }
    }
}

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

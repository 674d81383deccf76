// The per-shift metrics of the fast shift sweep: the distance between each
// shifted output B_d and A moved by a candidate output shift, from 2-D prefix
// sums of residue tables of D, and the consistency compare_downsampled gives.
#include <algorithm>
#include <cmath>
#include <functional>
#include <memory>
#include <vector>

#include "core/shift_sweep_dense.h"

namespace pl::sweep_detail {

namespace {

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

}  // namespace

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

}  // namespace pl::sweep_detail

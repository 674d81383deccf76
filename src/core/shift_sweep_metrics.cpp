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

// [0, m) less the sorted, disjoint spans.
std::vector<Span> complement(const std::vector<Span>& spans, int m) {
    std::vector<Span> gaps;
    int at = 0;
    for (Span s : spans) {
        if (s.a > at) gaps.push_back({at, s.a});
        at = std::max(at, s.b);
    }
    if (at < m) gaps.push_back({at, m});
    return gaps;
}

// Output rows (or columns) split by how a cell is summed against A moved by
// o: into e where both B_d and A come from D (E tables), into ez those and the
// ones where A is zero (F tables). The rest of [0, m) is summed directly.
void classify(Span reg, int o, int m, std::vector<Span>* e, std::vector<Span>* ez) {
    e->clear();
    ez->clear();
    const Span es = intersect(reg, {reg.a + o, reg.b + o});
    constexpr int kFar = 1 << 29;
    const Span z1 = intersect(reg, {-kFar, o}), z2 = intersect(reg, {m + o, kFar});
    if (es.a < es.b) e->push_back(es);
    for (Span x : {z1, es, z2}) {
        if (x.a < x.b) ez->push_back(x);
    }
}

// |A|^2 and the largest |A| and |D|: the scale of the tolerance and of the denominator.
struct Magnitudes {
    double a2 = 0, amax = 0, dmax = 0;
};

Magnitudes magnitudes(const Grid& a, const Table& d) {
    Magnitudes m;
    for (float v : a.values) {
        m.a2 += static_cast<double>(v) * v;
        m.amax = std::max(m.amax, static_cast<double>(std::fabs(v)));
    }
    for (float v : d.v) m.dmax = std::max(m.dmax, static_cast<double>(std::fabs(v)));
    return m;
}

// Prefix sums of the residue tables, each made when first needed (a sweep
// uses only the residues its shifts and candidates reach): E = (D(i s - r) -
// D(i s))^2 on A's cells, and F = D(i s - r)^2 on A's cells extended by the
// reach ey, ex of the output shifts. F for r and r - s differ only by one cell
// of index, so F is kept for r in [0, s) only.
class ResidueTables {
public:
    ResidueTables(const Table& d, int mr, int mc, int sr, int sc, int ey, int ex)
        : d_(d), mr_(mr), mc_(mc), sr_(sr), sc_(sc), ey_(ey), ex_(ex),
          e_(static_cast<size_t>(2 * sr - 1) * (2 * sc - 1)), f_(static_cast<size_t>(sr) * sc) {}

    // E for the residue (ry, rx), in (-s, s) on each axis.
    const Prefix& e(int ry, int rx) {
        std::unique_ptr<Prefix>& t = e_[static_cast<size_t>(ry + sr_ - 1) * (2 * sc_ - 1) + static_cast<size_t>(rx + sc_ - 1)];
        if (!t) {
            t = std::make_unique<Prefix>();
            t->build(0, 0, mr_, mc_, [&](int i, double* values) {
                const float* moved = &d_.at(i * sr_ - ry, -rx);
                const float* still = &d_.at(i * sr_, 0);
                for (int j = 0; j < mc_; ++j) {
                    const double diff = static_cast<double>(moved[j * sc_]) - still[j * sc_];
                    values[j] = diff * diff;
                }
            });
        }
        return *t;
    }

    // The sum of F for the residue (ry, rx) over [ia, ib) x [ja, jb).
    double f_sum(int ry, int rx, int ia, int ib, int ja, int jb) {
        const int my = ry < 0 ? ry + sr_ : ry, mx = rx < 0 ? rx + sc_ : rx;  // F_r(i) = F_{r+s}(i + 1)
        const int qy = ry < 0 ? 1 : 0, qx = rx < 0 ? 1 : 0;
        std::unique_ptr<Prefix>& t = f_[static_cast<size_t>(my) * sc_ + static_cast<size_t>(mx)];
        if (!t) {
            t = std::make_unique<Prefix>();
            t->build(-ey_, -ex_, mr_ + 2 * ey_ + 1, mc_ + 2 * ex_ + 1, [&](int i, double* values) {
                const float* moved = &d_.at(i * sr_ - my, -ex_ * sc_ - mx);
                for (int j = 0; j < mc_ + 2 * ex_ + 1; ++j) {
                    const double v = moved[j * sc_];
                    values[j] = v * v;
                }
            });
        }
        return t->sum(ia + qy, ib + qy, ja + qx, jb + qx);
    }

private:
    const Table& d_;
    int mr_, mc_, sr_, sc_, ey_, ex_;
    std::vector<std::unique_ptr<Prefix>> e_, f_;
};

// One operation's sweep, one input shift at a time: the distance from B_d to
// A moved by each candidate output shift, from the residue tables where the
// formula holds and cell by cell where it does not.
class DenseSweep {
public:
    DenseSweep(const Dense& op, int range)
        : op_(op), a_(*op.a), mr_(a_.rows), mc_(a_.cols), sr_(op.sr), sc_(op.sc), magnitudes_(magnitudes(a_, *op.d)),
          residues_(*op.d, mr_, mc_, sr_, sc_, range / sr_ + 2, range / sc_ + 2),  // output shifts reach at most this far
          all_c_{{0, mc_}}, irr_r_(complement({op.reg_r}, mr_)), irr_c_(complement({op.reg_c}, mc_)),
          irregular_b_(static_cast<size_t>(mr_) * mc_) {
        a2_.build(0, 0, mr_, mc_, [&](int i, double* values) {
            for (int j = 0; j < mc_; ++j) values[j] = static_cast<double>(a_.at(i, j)) * a_.at(i, j);
        });
    }

    // The consistency of the input shift (dx, dy) whose candidate output shifts are `offsets`.
    float consistency(int dx, int dy, const std::vector<Offset>& offsets) {
        if (!irr_r_.empty() || !irr_c_.empty()) {  // B_d at the irregular cells, once for this shift
            op_.irregular(irr_r_, Span{0, op_.reg_c.a}, Span{op_.reg_c.b, mc_}, dx, dy, irregular_b_.data());
        }
        const double tol = 1e-5 * std::max({1.0, magnitudes_.amax, magnitudes_.dmax});
        double best = -1, b2 = -1;
        bool exact = false;
        for (const Offset& o : offsets) {
            const int ry = dy - o.dy * sr_, rx = dx - o.dx * sc_;
            const double dist = distance(dx, dy, o, ry, rx) + pushed_off(o);
            if (b2 < 0) b2 = b_norm2(dx, dy, o, ry, rx);
            if (dist <= tol * tol + 1e-12 * (magnitudes_.a2 + b2)) exact = true;
            best = best < 0 ? dist : std::min(best, dist);
        }
        const double denom = std::max({std::sqrt(magnitudes_.a2), std::sqrt(std::max(b2, 0.0)), 1e-12});
        return exact ? 1.0f : static_cast<float>(std::max(0.0, 1.0 - std::sqrt(best) / denom));
    }

private:
    const Dense& op_;
    const Grid& a_;
    int mr_, mc_, sr_, sc_;
    Magnitudes magnitudes_;
    ResidueTables residues_;
    std::vector<Span> all_c_, irr_r_, irr_c_;  // every column; the rows and columns that are not regular
    std::vector<Span> e_rows_, ez_rows_, e_cols_, ez_cols_;  // classify's, kept to reuse their memory
    std::vector<float> irregular_b_;  // B_d at the irregular cells for the current shift, mr x mc
    Prefix a2_;  // A^2, for what a move pushes off the grid

    // |the cells of A that moving by o pushes off the grid|^2: a difference
    // too, or a feature carried off the grid would look like A moved.
    double pushed_off(Offset o) const {
        if (o.dx == 0 && o.dy == 0) return 0.0;
        return std::max(0.0, magnitudes_.a2 - a2_.sum(-o.dy, mr_ - o.dy, -o.dx, mc_ - o.dx));
    }

    float b_at(int i, int j, int dx, int dy) const {
        return op_.is_regular(i, j) ? op_.d->at(i * sr_ - dy, j * sc_ - dx)
                                    : irregular_b_[static_cast<size_t>(i) * mc_ + static_cast<size_t>(j)];
    }

    // The sum of (B_d - A moved by o)^2 over the cells of rows x cols, one by one.
    double direct(const std::vector<Span>& rows, const std::vector<Span>& cols, int dx, int dy, Offset o) const {
        double sum = 0;
        for (Span r : rows) {
            for (int i = r.a; i < r.b; ++i) {
                for (Span c : cols) {
                    for (int j = c.a; j < c.b; ++j) {
                        const float av = a_.contains(i - o.dy, j - o.dx) ? a_.at(i - o.dy, j - o.dx) : 0.0f;
                        const double diff = static_cast<double>(b_at(i, j, dx, dy)) - av;
                        sum += diff * diff;
                    }
                }
            }
        }
        return sum;
    }

    // |B_d - A moved by o|^2, where (ry, rx) is the residue of the shift less o.
    double distance(int dx, int dy, Offset o, int ry, int rx) {
        const Prefix& e = residues_.e(ry, rx);
        classify(op_.reg_r, o.dy, mr_, &e_rows_, &ez_rows_);
        classify(op_.reg_c, o.dx, mc_, &e_cols_, &ez_cols_);
        double dist = 0;
        for (Span r : ez_rows_)
            for (Span c : ez_cols_) dist += residues_.f_sum(ry, rx, r.a - o.dy, r.b - o.dy, c.a - o.dx, c.b - o.dx);
        // Where A is not zero the F term took it as zero: E replaces it.
        for (Span r : e_rows_) {
            for (Span c : e_cols_) {
                dist += e.sum(r.a - o.dy, r.b - o.dy, c.a - o.dx, c.b - o.dx);
                dist -= residues_.f_sum(ry, rx, r.a - o.dy, r.b - o.dy, c.a - o.dx, c.b - o.dx);
            }
        }
        // Cells outside the E/Z classes (a few border lines), one by one.
        const std::vector<Span> other_r = complement(ez_rows_, mr_), other_c = complement(ez_cols_, mc_);
        dist += direct(other_r, all_c_, dx, dy, o) + direct(ez_rows_, other_c, dx, dy, o);
        return std::max(dist, 0.0);
    }

    // |B_d|^2: regular cells from F, the rest directly with A moved out of sight.
    double b_norm2(int dx, int dy, Offset o, int ry, int rx) {
        const Offset far{1 << 20, 1 << 20};
        return residues_.f_sum(ry, rx, op_.reg_r.a - o.dy, op_.reg_r.b - o.dy, op_.reg_c.a - o.dx, op_.reg_c.b - o.dx) +
               direct(irr_r_, all_c_, dx, dy, far) + direct({op_.reg_r}, irr_c_, dx, dy, far);
    }
};

}  // namespace

void sweep_dense(const Dense& op, const std::function<std::vector<Offset>(int, int)>& offsets, int range, float* out) {
    DenseSweep sweep(op, range);
    const int side = 2 * range + 1;
    for (int dy = -range; dy <= range; ++dy) {
        for (int dx = -range; dx <= range; ++dx) {
            out[static_cast<size_t>(dy + range) * side + static_cast<size_t>(dx + range)] = sweep.consistency(dx, dy, offsets(dx, dy));
        }
    }
}

}  // namespace pl::sweep_detail

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
#include <string>
#include <vector>

#include "core/shift.h"
#include "core/shift_blur.h"
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

// The operations that keep one value and no position.
bool is_global(Downsample op) { return op == Downsample::GlobalMax || op == Downsample::GlobalAvg; }

// The operations pool_values computes: max, average and min pool and subsample.
bool is_pooling(Downsample op) {
    return op == Downsample::MaxPool || op == Downsample::AvgPool || op == Downsample::MinPool || op == Downsample::Subsample;
}

// Positions y in [y0, y1), x in [x0, x1) of a dense map.
struct Bounds {
    int y0, y1, x0, x1;
};

// What a dense map must cover for mr x mc outputs at stride sr x sc: every
// position they sample under shifts up to `range`, with a margin of strides.
Bounds dense_bounds(int mr, int mc, int sr, int sc, int range) {
    const int pad_r = (range / sr + 3) * sr, pad_c = (range / sc + 3) * sc;
    return {-pad_r, (mr - 1) * sr + pad_r + 1, -pad_c, (mc - 1) * sc + pad_c + 1};
}

// The fast sweep of one input, one operation at a time.
class FastSweep {
public:
    FastSweep(const Grid& input, const DownsampleParams& p, ShiftFill fill, int range)
        : input_(input), p_(p), fill_(fill), range_(range), input_error_(check_grid(input)) {}

    // Writes op's consistency for every shift into out ([dy + range][dx + range]),
    // or returns why op cannot run on this input ("" when it ran).
    std::string run(Downsample op, float* out) {
        const bool dense = has_dense_form(op);
        Result<Grid> a = unshifted_output(op, dense);
        if (!a.ok()) return std::string(downsample_title(op)) + ": " + a.error;
        if (!dense) {
            Result<ShiftSweep> direct = shift_sweep_direct(input_, {op}, p_, fill_, range_);
            if (!direct.ok()) return direct.error;
            std::copy(direct.value.consistency.begin(), direct.value.consistency.end(), out);
            return {};
        }
        if (is_global(op)) {
            sweep_global(input_, op, range_, out);
            return {};
        }
        const Dense d = is_pooling(op) ? describe_pooling(op, &a.value) : describe_blur(&a.value);
        sweep_dense(d, [&](int dx, int dy) { return output_offsets(op, p_, dx, dy); }, range_, out);
        return {};
    }

private:
    const Grid& input_;
    const DownsampleParams& p_;
    ShiftFill fill_;
    int range_;
    std::string input_error_;  // check_grid's, asked once for every operation
    std::shared_ptr<const Table> dense_max_;  // see dense_max

    // Whether op's shifted outputs are samples of one dense map. Circular fill
    // brings the far edge in, and padded pooling's border windows are cut
    // short, so neither is.
    bool has_dense_form(Downsample op) const {
        return fill_ == ShiftFill::Zero && !(is_pooling(op) && p_.pool.padding != Padding::Valid);
    }

    // The unshifted output A, or why downsample would refuse the input. With a
    // dense form, pooling's A is only checked and sized here: describe_pooling
    // reads it off the dense map, and the global path needs none.
    Result<Grid> unshifted_output(Downsample op, bool dense) const {
        if (!dense) return downsample(input_, op, p_);
        if (is_global(op)) return input_error_.empty() ? Result<Grid>::success(Grid()) : Result<Grid>::failure(input_error_);
        if (!is_pooling(op)) return downsample(input_, op, p_);
        PoolParams pp = p_.pool;
        if (op == Downsample::Subsample) pp.size_rows = pp.size_cols = 1;
        const std::string error = input_error_.empty() ? check_pool(input_.rows, input_.cols, pp) : input_error_;
        if (!error.empty()) return Result<Grid>::failure(error);
        return Result<Grid>::success(Grid((input_.rows - pp.size_rows) / pp.stride_rows + 1, (input_.cols - pp.size_cols) / pp.stride_cols + 1));
    }

    // Max pool and blur pool both need the dense max with the same window: made
    // once, for whichever asks first, over the larger span blur pool reads.
    std::shared_ptr<const Table> dense_max(const Bounds& b) {
        if (!dense_max_) {
            const int fs = p_.blur_size;
            dense_max_ = std::make_shared<Table>(
                dense_pool(input_, PoolOp::Max, p_.pool.size_rows, p_.pool.size_cols, b.y0 - fs, b.y1 + fs, b.x0 - fs, b.x1 + fs));
        }
        return dense_max_;
    }

    // Max, average or min pool or subsample: every output cell is regular, and
    // A (sized by unshifted_output) is D sampled at the stride.
    Dense describe_pooling(Downsample op, Grid* a) {
        Dense d;
        d.a = a;
        d.sr = p_.pool.stride_rows;
        d.sc = p_.pool.stride_cols;
        const int mr = a->rows, mc = a->cols;
        const Bounds b = dense_bounds(mr, mc, d.sr, d.sc, range_);
        const bool sub = op == Downsample::Subsample;
        const PoolOp pop = op == Downsample::AvgPool ? PoolOp::Average : op == Downsample::MinPool ? PoolOp::Min : PoolOp::Max;
        if (pop == PoolOp::Max && !sub) {
            d.d = dense_max(b);
        } else {
            d.d = std::make_shared<Table>(dense_pool(input_, pop, sub ? 1 : p_.pool.size_rows, sub ? 1 : p_.pool.size_cols, b.y0, b.y1, b.x0, b.x1));
        }
        d.reg_r = {0, mr};
        d.reg_c = {0, mc};
        d.irregular = [](const std::vector<Span>&, Span, Span, int, int, float*) {};  // every cell is regular
        for (int i = 0; i < mr; ++i)
            for (int j = 0; j < mc; ++j) a->at(i, j) = d.d->at(i * d.sr, j * d.sc);
        return d;
    }

    // Blur pool: the dense max, blurred at every position; the outputs whose
    // taps reflect at the max map's border are irregular.
    Dense describe_blur(const Grid* a) {
        Dense d;
        d.a = a;
        d.sr = p_.pool.stride_rows;
        d.sc = p_.pool.stride_cols;
        const int mr = a->rows, mc = a->cols, fs = p_.blur_size;
        const int qr = input_.rows - p_.pool.size_rows + 1, qc = input_.cols - p_.pool.size_cols + 1;  // the max map's size
        const Bounds b = dense_bounds(mr, mc, d.sr, d.sc, range_);
        // Blurring at y reads the max at y - before .. y - before + fs - 1; the reflected
        // border reads positions in [-range, q + range), inside the same span.
        std::shared_ptr<const Table> dmax = dense_max(b);
        const std::vector<double> w = blur_weights(fs);
        d.d = std::make_shared<Table>(dense_blur(*dmax, w, b.y0, b.y1, b.x0, b.x1));
        d.reg_r = unreflected(d.sr, qr, mr, fs);
        d.reg_c = unreflected(d.sc, qc, mc, fs);
        d.irregular = ReflectedBorder{dmax, w, mc, d.reg_r, blur_taps(mr, d.sr, qr, fs), blur_taps(mc, d.sc, qc, fs)};
        return d;
    }
};

}  // namespace

Result<ShiftSweep> shift_sweep(const Grid& input, const std::vector<Downsample>& ops, const DownsampleParams& p,
                               ShiftFill fill, int range) {
    Result<ShiftSweep> made = empty_sweep(ops, range);
    if (!made.ok()) return made;
    const size_t side = static_cast<size_t>(2 * range + 1);
    FastSweep sweep(input, p, fill, range);
    for (size_t k = 0; k < ops.size(); ++k) {
        const std::string error = sweep.run(ops[k], &made.value.consistency[k * side * side]);
        if (!error.empty()) return Result<ShiftSweep>::failure(error);
    }
    return made;
}

}  // namespace pl

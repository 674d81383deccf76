// The dense-map pass of the fast shift sweep: D, the operation at every
// position of the zero-extended input, and blur pool's reflected border, in
// exactly the arithmetic of pool_values and blur_pool so that equal cells are
// equal to the bit.
#include <algorithm>
#include <vector>

#include "core/shift_sweep_dense.h"

namespace pl::sweep_detail {

namespace {

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

}  // namespace

Table dense_pool(const Grid& g, PoolOp op, int kr, int kc, int y0, int y1, int x0, int x1) {
    switch (op) {
        case PoolOp::Max: return dense_pool_as<PoolOp::Max>(g, kr, kc, y0, y1, x0, x1);
        case PoolOp::Min: return dense_pool_as<PoolOp::Min>(g, kr, kc, y0, y1, x0, x1);
        case PoolOp::Average: return dense_pool_as<PoolOp::Average>(g, kr, kc, y0, y1, x0, x1);
    }
    return {};
}

Table dense_blur(const Table& dmax, const std::vector<double>& w, int y0, int y1, int x0, int x1) {
    const int fs = static_cast<int>(w.size()), before = (fs - 1) / 2;
    const int cols = x1 - x0, arows = y1 - y0 + fs - 1;
    Buffer<double> rows_blurred(static_cast<size_t>(arows) * cols);
    for (int u = 0; u < arows; ++u) {
        const float* row = &dmax.at(y0 - before + u, x0 - before);
        for (int x = 0; x < cols; ++x) {
            double acc = 0;
            for (int b = 0; b < fs; ++b) acc += w[b] * row[x + b];
            rows_blurred[static_cast<size_t>(u) * cols + x] = acc;
        }
    }
    Table blurred{y0, x0, y1 - y0, cols, Buffer<float>(static_cast<size_t>(y1 - y0) * cols)};
    for (int y = 0; y < y1 - y0; ++y) {
        for (int x = 0; x < cols; ++x) {
            double acc = 0;
            for (int a = 0; a < fs; ++a) acc += w[a] * rows_blurred[static_cast<size_t>(y + a) * cols + x];
            blurred.v[static_cast<size_t>(y) * cols + x] = static_cast<float>(acc);
        }
    }
    return blurred;
}

Span unreflected(int stride, int q, int m, int fs) {
    const int before = (fs - 1) / 2;
    const int lo = (before + stride - 1) / stride;
    const int hi = q - fs + before >= 0 ? (q - fs + before) / stride + 1 : 0;
    return Span{std::min(lo, m), std::clamp(hi, std::min(lo, m), m)};
}

void ReflectedBorder::operator()(const std::vector<Span>& rows, Span lo, Span hi, int dx, int dy, float* cache) const {
    for (Span r : rows)  // whole irregular rows
        for (int i = r.a; i < r.b; ++i)
            for (int j = 0; j < mc; ++j) cache[static_cast<size_t>(i) * mc + j] = cell(i, j, dx, dy);
    for (int i = reg_r.a; i < reg_r.b; ++i) {  // irregular ends of the regular rows
        for (int j = lo.a; j < lo.b; ++j) cache[static_cast<size_t>(i) * mc + j] = cell(i, j, dx, dy);
        for (int j = hi.a; j < hi.b; ++j) cache[static_cast<size_t>(i) * mc + j] = cell(i, j, dx, dy);
    }
}

float ReflectedBorder::cell(int i, int j, int dx, int dy) const {
    const int fs = static_cast<int>(w.size());
    double acc = 0;
    for (int a = 0; a < fs; ++a) {
        const float* row = &dmax->at(row_taps[static_cast<size_t>(i) * fs + a] - dy, -dx);
        double across = 0;
        for (int b = 0; b < fs; ++b) across += w[b] * row[col_taps[static_cast<size_t>(j) * fs + b]];
        acc += w[a] * across;
    }
    return static_cast<float>(acc);
}

}  // namespace pl::sweep_detail

// The dense-map pass of the fast shift sweep: D, the operation at every
// position of the zero-extended input, in exactly the arithmetic of
// pool_values so that equal cells are equal to the bit.
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

}  // namespace pl::sweep_detail

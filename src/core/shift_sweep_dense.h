#pragma once
// Private to the fast shift sweep (shift_sweep*.cpp): the dense map of one
// operation and how the sweep reads the shifted outputs off it. See
// shift_sweep.cpp for the method.
#include <algorithm>
#include <cstddef>
#include <functional>
#include <memory>
#include <vector>

#include "core/grid.h"
#include "core/pool.h"
#include "core/shift.h"

namespace pl::sweep_detail {

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

// A run of output rows or columns.
struct Span {
    int a, b;  // [a, b)
};

// The rows or columns in both (empty when a >= b).
inline Span intersect(Span x, Span y) { return {std::max(x.a, y.a), std::min(x.b, y.b)}; }

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

    // Whether B_d at output cell (i, j) is a sample of d.
    bool is_regular(int i, int j) const { return i >= reg_r.a && i < reg_r.b && j >= reg_c.a && j < reg_c.b; }
};

// D(y, x) for y in [y0, y1), x in [x0, x1): `op` over the kr x kc window at
// (y, x) of the zero-extended input, in pool_values' arithmetic
// (shift_sweep_maps.cpp).
Table dense_pool(const Grid& g, PoolOp op, int kr, int kc, int y0, int y1, int x0, int x1);

// The dense max map blurred with the weights w at every position y in
// [y0, y1), x in [x0, x1): separable, along rows first, in blur_pool's
// arithmetic. dmax must cover the filter's reach around that span.
Table dense_blur(const Table& dmax, const std::vector<double>& w, int y0, int y1, int x0, int x1);

// The m outputs (at stride, over a max map q long, filter size fs) whose
// taps all fall inside the max map: there blur pool reflects nothing, so
// B_d is a sample of the blurred dense map.
Span unreflected(int stride, int q, int m, int fs);

// Blur pool's Dense::irregular: B_d at the outputs whose taps reflect at the
// max map's border, tap by tap as blur_pool sums them, from the dense max
// moved by the shift.
struct ReflectedBorder {
    std::shared_ptr<const Table> dmax;
    std::vector<double> w;           // blur_weights
    int mc = 0;                      // output columns: the cache's width
    Span reg_r;                      // the regular rows, of which only the ends are written
    std::vector<int> row_taps, col_taps;  // blur_taps of the rows and of the columns

    // Writes the cells of the whole rows `rows` and of columns lo and hi of the regular rows.
    void operator()(const std::vector<Span>& rows, Span lo, Span hi, int dx, int dy, float* cache) const;
    // B_d at output cell (i, j) for the shift (dx, dy).
    float cell(int i, int j, int dx, int dy) const;
};

// Consistency of every shift for one operation described by `op`, into out
// ([dy + range][dx + range]); `offsets` gives the candidate output shifts of
// an input shift (shift_sweep_metrics.cpp).
void sweep_dense(const Dense& op, const std::function<std::vector<Offset>(int, int)>& offsets, int range, float* out);

}  // namespace pl::sweep_detail

// PoolLab's 2x2 stride-2 max pooling as a C function for JavaScript, so Node
// can time it against TensorFlow.js's wasm backend on the same data in the
// same process (bench/pool_vs_tfjs.mjs).
#include <algorithm>

#include "core/pool.h"

extern "C" {

// Pools rows x cols floats at `in` into (rows / 2) x (cols / 2) at `out`; returns 0, or -1 if it cannot.
int pl_max_pool_2x2(const float* in, int rows, int cols, float* out) {
    pl::Grid g;
    g.rows = rows;
    g.cols = cols;
    g.values.assign(in, in + static_cast<long>(rows) * cols);
    pl::Result<pl::Grid> r = pl::pool_values(g, pl::PoolParams{});
    if (!r.ok()) return -1;
    std::copy(r.value.values.begin(), r.value.values.end(), out);
    return 0;
}
}

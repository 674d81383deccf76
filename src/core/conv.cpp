#include "core/conv.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

#include "core/csv.h"

namespace pl {

namespace {

// Why the sum at (r, c) of the feature map, 0-based, cannot be a float.
std::string beyond_float(int r, int c, double sum) {
    char value[32];
    std::snprintf(value, sizeof value, "%.2g", sum);
    return "the feature map's cell (row " + count_text(r + 1) + ", column " + count_text(c + 1) + ") comes to " + value +
           ", beyond the largest number PoolLab holds (about 3.4e38); use smaller values or weights";
}

}  // namespace

Result<Grid> conv2d(const Grid& input, const Grid& kernel, Padding padding) {
    std::string bad = check_grid(input);
    if (!bad.empty()) return Result<Grid>::failure("input: " + bad);
    if (kernel.empty()) return Result<Grid>::failure("the kernel is empty");
    if (kernel.rows > kMaxKernelSide || kernel.cols > kMaxKernelSide)
        return Result<Grid>::failure("a kernel of " + size_text(kernel.rows, kernel.cols) +
                                     " is too large; PoolLab takes at most " + count_text(kMaxKernelSide) +
                                     " per side");
    bad = check_grid(kernel);
    if (!bad.empty()) return Result<Grid>::failure("kernel: " + bad);

    if (padding == Padding::Valid && (kernel.rows > input.rows || kernel.cols > input.cols))
        return Result<Grid>::failure("a " + size_text(kernel.rows, kernel.cols) +
                                     " kernel does not fit in a " + size_text(input.rows, input.cols) + " input with \"valid\" padding");
    // A stride-1 convolution has the geometry of a stride-1 pooling window: the same output
    // size and the same TensorFlow padding split, so take both from pool_axis.
    const Result<PoolAxis> rows = pool_axis(input.rows, kernel.rows, 1, padding, "rows");
    if (!rows.ok()) return Result<Grid>::failure(rows.error);
    const Result<PoolAxis> cols = pool_axis(input.cols, kernel.cols, 1, padding, "columns");
    if (!cols.ok()) return Result<Grid>::failure(cols.error);
    const int out_rows = rows.value.out, out_cols = cols.value.out;
    const int pad_top = rows.value.pad_before, pad_left = cols.value.pad_before;

    // Copy the input into a zero border once, so the inner loops need no
    // bounds checks; then, for each output row, add each kernel weight times
    // a shifted input row into a row of sums (in double, in memory order).
    const int pad_bottom = std::max(0, out_rows - 1 + kernel.rows - pad_top - input.rows);
    const int pad_right = std::max(0, out_cols - 1 + kernel.cols - pad_left - input.cols);
    const int prow = pad_top + input.rows + pad_bottom, pcol = pad_left + input.cols + pad_right;
    std::vector<float> padded(static_cast<size_t>(prow) * pcol, 0.0f);
    for (int r = 0; r < input.rows; ++r) {
        std::copy_n(&input.values[static_cast<size_t>(r) * input.cols], input.cols,
                    &padded[static_cast<size_t>(r + pad_top) * pcol + pad_left]);
    }
    Grid out(out_rows, out_cols);
    std::vector<double> sums(static_cast<size_t>(out_cols));
    for (int r = 0; r < out_rows; ++r) {
        std::fill(sums.begin(), sums.end(), 0.0);
        for (int i = 0; i < kernel.rows; ++i) {
            const float* row = &padded[static_cast<size_t>(r + i) * pcol];
            for (int j = 0; j < kernel.cols; ++j) {
                const double w = kernel.at(i, j);
                if (w == 0.0) continue;
                const float* src = row + j;
                for (int c = 0; c < out_cols; ++c) sums[static_cast<size_t>(c)] += w * src[c];
            }
        }
        float* dst = &out.values[static_cast<size_t>(r) * out_cols];
        for (int c = 0; c < out_cols; ++c) dst[c] = static_cast<float>(sums[static_cast<size_t>(c)]);
        // A sum past the largest float (about 3.4e38) would become infinite: refuse it, naming the first.
        for (int c = 0; c < out_cols; ++c) {
            if (!std::isfinite(dst[c])) return Result<Grid>::failure(beyond_float(r, c, sums[static_cast<size_t>(c)]));
        }
    }
    return Result<Grid>::success(std::move(out));
}

Grid relu(const Grid& g) {
    Grid out = g;
    for (float& v : out.values) v = std::max(v, 0.0f);
    return out;
}

Grid named_kernel(const std::string& name) {
    if (name == "vertical-edge") return Grid::from_rows({{1, 0, -1}, {1, 0, -1}, {1, 0, -1}});
    if (name == "horizontal-edge") return Grid::from_rows({{1, 1, 1}, {0, 0, 0}, {-1, -1, -1}});
    if (name == "sharpen") return Grid::from_rows({{0, -1, 0}, {-1, 5, -1}, {0, -1, 0}});
    if (name == "box-blur") {
        const float n = 1.0f / 9.0f;
        return Grid::from_rows({{n, n, n}, {n, n, n}, {n, n, n}});
    }
    if (name == "identity") return Grid::from_rows({{0, 0, 0}, {0, 1, 0}, {0, 0, 0}});
    return Grid();
}

}  // namespace pl

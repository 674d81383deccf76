#include "core/grid.h"

#include <algorithm>
#include <cmath>

#include "core/csv.h"

namespace pl {

Grid::Grid(int rows_, int cols_, float fill)
    : rows(rows_), cols(cols_), values(static_cast<size_t>(rows_) * static_cast<size_t>(cols_), fill) {}

Grid Grid::from_rows(std::initializer_list<std::initializer_list<float>> rows) {
    Grid g;
    g.rows = static_cast<int>(rows.size());
    g.cols = g.rows ? static_cast<int>(rows.begin()->size()) : 0;
    for (const auto& row : rows) {
        g.values.insert(g.values.end(), row.begin(), row.end());
    }
    return g;
}

std::string check_grid_size(long long rows, long long cols) {
    if (rows < 1 || cols < 1) {
        return "the grid is empty (" + size_text(rows, cols) + ")";
    }
    if (rows > kMaxGridSide || cols > kMaxGridSide || rows * cols > kMaxGridCells) {
        return "the grid is too large (" + size_text(rows, cols) + "); PoolLab takes at most " + count_text(kMaxGridSide) +
               " per side and " + count_text(kMaxGridCells) + " cells";
    }
    return {};
}

std::string check_grid(const Grid& g) {
    std::string size_error = check_grid_size(g.rows, g.cols);
    if (!size_error.empty()) return size_error;
    if (g.values.size() != static_cast<size_t>(g.rows) * g.cols) {
        return "the grid holds " + count_text(static_cast<long long>(g.values.size()), "value") + " but is " + size_text(g.rows, g.cols);
    }
    // A branch-free scan first (v - v is 0 only for finite v), which vectorises;
    // only a grid with a bad cell is searched for the first one.
    bool all_finite = true;
    for (float v : g.values) all_finite &= (v - v == 0.0f);
    if (all_finite) return {};
    for (int r = 0; r < g.rows; ++r) {
        for (int c = 0; c < g.cols; ++c) {
            float v = g.at(r, c);
            if (!std::isfinite(v)) {
                return "cell (row " + count_text(r + 1) + ", column " + count_text(c + 1) + ") is " +
                       format_value(v) + "; every cell must be a finite number";
            }
        }
    }
    return {};
}

Grid resized(const Grid& g, int rows, int cols, float fill) {
    Grid out(rows, cols, fill);
    for (int r = 0; r < std::min(rows, g.rows); ++r) {
        for (int c = 0; c < std::min(cols, g.cols); ++c) out.at(r, c) = g.at(r, c);
    }
    return out;
}

void value_range(const Grid& g, float* lo, float* hi) {
    if (g.values.empty()) {
        *lo = *hi = 0.0f;
        return;
    }
    auto [mn, mx] = std::minmax_element(g.values.begin(), g.values.end());
    *lo = *mn;
    *hi = *mx;
}

}  // namespace pl

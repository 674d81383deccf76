#pragma once
// A 2-D map of floats in row-major order: a pooling input, a feature map, an
// output. Plain and copyable, so scenes can snapshot it.
#include <initializer_list>
#include <string>
#include <vector>

namespace pl {

// Largest side and cell count PoolLab accepts from a user (CSV, UI, URL).
constexpr int kMaxGridSide = 8192;
constexpr long long kMaxGridCells = 16LL * 1024 * 1024;

struct Grid {
    int rows = 0;
    int cols = 0;
    std::vector<float> values;

    Grid() = default;
    Grid(int rows_, int cols_, float fill = 0.0f);
    static Grid from_rows(std::initializer_list<std::initializer_list<float>> rows);

    bool empty() const { return rows == 0 || cols == 0; }
    bool contains(int r, int c) const { return r >= 0 && r < rows && c >= 0 && c < cols; }
    float& at(int r, int c) { return values[static_cast<size_t>(r) * cols + c]; }
    float at(int r, int c) const { return values[static_cast<size_t>(r) * cols + c]; }

    bool operator==(const Grid& o) const { return rows == o.rows && cols == o.cols && values == o.values; }
    bool operator!=(const Grid& o) const { return !(*this == o); }
};

// Checks that a size is one PoolLab can hold; returns "" or a readable message.
std::string check_grid_size(long long rows, long long cols);

// Checks size and that every cell is finite; the message names the first bad cell
// (1-based row and column, as a student counts).
std::string check_grid(const Grid& g);

// A copy resized to rows x cols: the overlapping top-left part is kept, new cells get `fill`.
Grid resized(const Grid& g, int rows, int cols, float fill = 0.0f);

// Smallest and largest value (0,0 for an empty grid).
void value_range(const Grid& g, float* lo, float* hi);

}  // namespace pl

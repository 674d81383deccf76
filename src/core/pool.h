#pragma once
// 2-D pooling with TensorFlow/Keras semantics: max, average and min over a
// window with a stride, padding "valid" or "same". For every output cell it
// also records the window it read and which input cell won.
#include <string>
#include <vector>

#include "core/grid.h"
#include "core/result.h"

namespace pl {

enum class PoolOp { Max, Average, Min };
enum class Padding { Valid, Same };

const char* op_name(PoolOp op);            // "max", "average", "min"
const char* padding_name(Padding p);       // "valid", "same"
bool parse_op(const std::string& s, PoolOp* op);          // also "avg", "mean"
bool parse_padding(const std::string& s, Padding* p);

// Largest window or stride PoolLab accepts (beyond it the numbers mean nothing to a student).
constexpr int kMaxPoolParam = 1024;

struct PoolParams {
    PoolOp op = PoolOp::Max;
    int size_rows = 2;     // window height (Keras pool_size[0])
    int size_cols = 2;     // window width  (Keras pool_size[1])
    int stride_rows = 2;
    int stride_cols = 2;
    Padding padding = Padding::Valid;

    bool operator==(const PoolParams& o) const {
        return op == o.op && size_rows == o.size_rows && size_cols == o.size_cols &&
               stride_rows == o.stride_rows && stride_cols == o.stride_cols && padding == o.padding;
    }
};

// What pooling does along one axis: the output length and, for "same", the
// zero-weight padding TensorFlow adds (the smaller half before, the rest after).
struct PoolAxis {
    int out = 0;
    int pad_before = 0;
    int pad_after = 0;
};
Result<PoolAxis> pool_axis(int in, int size, int stride, Padding padding, const char* axis_name = "rows");

// The output-size formula with live numbers, e.g. "floor((4 - 2) / 2) + 1 = 2"
// for valid and "ceil(5 / 2) = 3" for same. Describes the error if the
// configuration is invalid.
std::string output_size_formula(int in, int size, int stride, Padding padding, const char* axis_name = "rows");

// A window in input coordinates. May reach into the padding (row < 0 or
// row + rows > input rows) with "same" padding.
struct Window {
    int row = 0, col = 0, rows = 0, cols = 0;
    bool contains(int r, int c) const { return r >= row && r < row + rows && c >= col && c < col + cols; }
    bool operator==(const Window& o) const { return row == o.row && col == o.col && rows == o.rows && cols == o.cols; }
};

// One output cell: the window it read (with padding), the part of it inside
// the input, the result and the winning input cell (-1,-1 for average).
struct PoolCell {
    Window window;
    Window clipped;
    float value = 0.0f;
    int winner_row = -1;
    int winner_col = -1;
};

struct PoolResult {
    Grid output;
    std::vector<PoolCell> cells;  // row-major, one per output cell
    PoolAxis rows_axis, cols_axis;

    const PoolCell& cell(int out_row, int out_col) const { return cells[static_cast<size_t>(out_row) * output.cols + out_col]; }
};

// Checks params against an input size without pooling; "" when valid.
std::string check_pool(int in_rows, int in_cols, const PoolParams& p);

// Pools `input`. Invalid parameters (size or stride < 1, a window larger than
// the input with valid padding, absurd sizes) and non-finite input values
// come back as an error message. Ties go to the first cell in row-major order,
// as in TensorFlow.
Result<PoolResult> pool2d(const Grid& input, const PoolParams& p);

// Only the pooled values, without windows and winners: the same numbers as
// pool2d(...).output, several times faster, for callers that pool many times.
Result<Grid> pool_values(const Grid& input, const PoolParams& p);

// The output cells (row-major indices) whose windows contain input cell (r, c).
std::vector<int> outputs_fed_by(const PoolResult& result, int r, int c);

}  // namespace pl

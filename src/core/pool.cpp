#include "core/pool.h"

#include <algorithm>

namespace pl {

const char* op_name(PoolOp op) {
    switch (op) {
        case PoolOp::Max: return "max";
        case PoolOp::Average: return "average";
        case PoolOp::Min: return "min";
    }
    return "?";
}

const char* padding_name(Padding p) { return p == Padding::Same ? "same" : "valid"; }

bool parse_op(const std::string& s, PoolOp* op) {
    if (s == "max") *op = PoolOp::Max;
    else if (s == "average" || s == "avg" || s == "mean") *op = PoolOp::Average;
    else if (s == "min") *op = PoolOp::Min;
    else return false;
    return true;
}

bool parse_padding(const std::string& s, Padding* p) {
    if (s == "valid") *p = Padding::Valid;
    else if (s == "same") *p = Padding::Same;
    else return false;
    return true;
}

Result<PoolAxis> pool_axis(int in, int size, int stride, Padding padding, const char* axis_name) {
    using R = Result<PoolAxis>;
    const std::string axis = axis_name;
    if (size < 1) return R::failure("the window " + std::string(axis == "rows" ? "height" : "width") + " must be at least 1 (it is " + std::to_string(size) + ")");
    if (stride < 1) return R::failure("the stride along " + axis + " must be at least 1 (it is " + std::to_string(stride) + ")");
    if (size > kMaxPoolParam || stride > kMaxPoolParam) {
        return R::failure("window and stride must be at most " + std::to_string(kMaxPoolParam));
    }
    if (in < 1) return R::failure("the input has no " + axis);
    PoolAxis a;
    if (padding == Padding::Valid) {
        if (size > in) {
            return R::failure("the window (" + std::to_string(size) + " " + axis + ") is larger than the input (" +
                              std::to_string(in) + " " + axis + "); with 'valid' padding every window must fit. "
                              "Use a smaller window or 'same' padding.");
        }
        a.out = (in - size) / stride + 1;
    } else {
        // TensorFlow: out = ceil(in / stride); pad so that the last window ends at the input's end,
        // the smaller half of the padding before.
        a.out = (in + stride - 1) / stride;
        int total = std::max((a.out - 1) * stride + size - in, 0);
        a.pad_before = total / 2;
        a.pad_after = total - a.pad_before;
    }
    return R::success(a);
}

std::string output_size_formula(int in, int size, int stride, Padding padding, const char* axis_name) {
    Result<PoolAxis> a = pool_axis(in, size, stride, padding, axis_name);
    if (!a.ok()) return a.error;
    const std::string n = std::to_string(in), k = std::to_string(size), s = std::to_string(stride);
    if (padding == Padding::Valid) {
        return "floor((" + n + " - " + k + ") / " + s + ") + 1 = " + std::to_string(a.value.out);
    }
    return "ceil(" + n + " / " + s + ") = " + std::to_string(a.value.out);
}

std::string check_pool(int in_rows, int in_cols, const PoolParams& p) {
    if (std::string e = check_grid_size(in_rows, in_cols); !e.empty()) return e;
    Result<PoolAxis> r = pool_axis(in_rows, p.size_rows, p.stride_rows, p.padding, "rows");
    if (!r.ok()) return r.error;
    Result<PoolAxis> c = pool_axis(in_cols, p.size_cols, p.stride_cols, p.padding, "columns");
    if (!c.ok()) return c.error;
    return {};
}

Result<PoolResult> pool2d(const Grid& input, const PoolParams& p) {
    using R = Result<PoolResult>;
    if (std::string e = check_grid(input); !e.empty()) return R::failure(e);
    if (std::string e = check_pool(input.rows, input.cols, p); !e.empty()) return R::failure(e);

    PoolResult res;
    res.rows_axis = pool_axis(input.rows, p.size_rows, p.stride_rows, p.padding).value;
    res.cols_axis = pool_axis(input.cols, p.size_cols, p.stride_cols, p.padding).value;
    res.output = Grid(res.rows_axis.out, res.cols_axis.out);
    res.cells.resize(res.output.values.size());

    for (int i = 0; i < res.output.rows; ++i) {
        for (int j = 0; j < res.output.cols; ++j) {
            PoolCell& cell = res.cells[static_cast<size_t>(i) * res.output.cols + j];
            cell.window = {i * p.stride_rows - res.rows_axis.pad_before, j * p.stride_cols - res.cols_axis.pad_before,
                           p.size_rows, p.size_cols};
            int r0 = std::max(cell.window.row, 0), r1 = std::min(cell.window.row + cell.window.rows, input.rows);
            int c0 = std::max(cell.window.col, 0), c1 = std::min(cell.window.col + cell.window.cols, input.cols);
            cell.clipped = {r0, c0, r1 - r0, c1 - c0};
            // Padded cells take no part: max/min ignore them, the average leaves them out of its count.
            double sum = 0.0;
            float best = input.at(r0, c0);
            int best_r = r0, best_c = c0;
            for (int r = r0; r < r1; ++r) {
                for (int c = c0; c < c1; ++c) {
                    float v = input.at(r, c);
                    sum += v;
                    bool better = p.op == PoolOp::Max ? v > best : v < best;
                    if (better) {
                        best = v;
                        best_r = r;
                        best_c = c;
                    }
                }
            }
            if (p.op == PoolOp::Average) {
                cell.value = static_cast<float>(sum / (static_cast<double>(r1 - r0) * (c1 - c0)));
            } else {
                cell.value = best;
                cell.winner_row = best_r;
                cell.winner_col = best_c;
            }
            res.output.at(i, j) = cell.value;
        }
    }
    return R::success(std::move(res));
}

Result<Grid> pool_values(const Grid& input, const PoolParams& p) {
    using R = Result<Grid>;
    if (std::string e = check_grid(input); !e.empty()) return R::failure(e);
    if (std::string e = check_pool(input.rows, input.cols, p); !e.empty()) return R::failure(e);
    const PoolAxis ra = pool_axis(input.rows, p.size_rows, p.stride_rows, p.padding).value;
    const PoolAxis ca = pool_axis(input.cols, p.size_cols, p.stride_cols, p.padding).value;
    // Separable: first along each row (into `across`, in double so averages
    // match pool2d's), then down the columns. Padded cells take no part:
    // windows are clipped to the input, and the average divides by the cells it has.
    auto fold = [op = p.op](double acc, double v) { return op == PoolOp::Max ? std::max(acc, v) : op == PoolOp::Min ? std::min(acc, v) : acc + v; };
    std::vector<double> across(static_cast<size_t>(input.rows) * ca.out);
    std::vector<int> count_c(static_cast<size_t>(ca.out));
    for (int j = 0; j < ca.out; ++j) {
        const int c0 = std::max(j * p.stride_cols - ca.pad_before, 0);
        const int c1 = std::min(j * p.stride_cols - ca.pad_before + p.size_cols, input.cols);
        count_c[static_cast<size_t>(j)] = c1 - c0;
        for (int r = 0; r < input.rows; ++r) {
            const float* row = &input.values[static_cast<size_t>(r) * input.cols];
            double acc = row[c0];
            for (int c = c0 + 1; c < c1; ++c) acc = fold(acc, row[c]);
            across[static_cast<size_t>(r) * ca.out + j] = acc;
        }
    }
    Grid out(ra.out, ca.out);
    for (int i = 0; i < ra.out; ++i) {
        const int r0 = std::max(i * p.stride_rows - ra.pad_before, 0);
        const int r1 = std::min(i * p.stride_rows - ra.pad_before + p.size_rows, input.rows);
        for (int j = 0; j < ca.out; ++j) {
            double acc = across[static_cast<size_t>(r0) * ca.out + j];
            for (int r = r0 + 1; r < r1; ++r) acc = fold(acc, across[static_cast<size_t>(r) * ca.out + j]);
            if (p.op == PoolOp::Average) acc /= static_cast<double>(r1 - r0) * count_c[static_cast<size_t>(j)];
            out.at(i, j) = static_cast<float>(acc);
        }
    }
    return R::success(std::move(out));
}

std::vector<int> outputs_fed_by(const PoolResult& result, int r, int c) {
    std::vector<int> out;
    for (size_t k = 0; k < result.cells.size(); ++k) {
        if (result.cells[k].clipped.contains(r, c)) out.push_back(static_cast<int>(k));
    }
    return out;
}

}  // namespace pl

#include "core/pool.h"

#include <algorithm>

#include "core/csv.h"

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
    if (size < 1) return R::failure("the window " + std::string(axis == "rows" ? "height" : "width") + " must be at least 1 (it is " + count_text(size) + ")");
    if (stride < 1) return R::failure("the stride along " + axis + " must be at least 1 (it is " + count_text(stride) + ")");
    if (size > kMaxPoolParam || stride > kMaxPoolParam) {
        return R::failure("window and stride must be at most " + count_text(kMaxPoolParam));
    }
    if (in < 1) return R::failure("the input has no " + axis);
    PoolAxis a;
    if (padding == Padding::Valid) {
        if (size > in) {
            const std::string one = axis == "rows" ? "row" : "column";
            return R::failure("the window (" + count_text(size, one) + ") is larger than the input (" + count_text(in, one) +
                              "); with 'valid' padding every window must fit. "
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
    const std::string n = count_text(in), k = count_text(size), s = count_text(stride);
    if (padding == Padding::Valid) {
        return "floor((" + n + " - " + k + ") / " + s + ") + 1 = " + count_text(a.value.out);
    }
    return "ceil(" + n + " / " + s + ") = " + count_text(a.value.out);
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

namespace {

// Separable pooling: along each row into `across`, then down the columns, each
// pass in memory order. Max and min fold in float (exact); the average sums in
// double so it matches pool2d's. Padded cells take no part: windows are
// clipped to the input, and the average divides by the cells it has.
template <class Acc, class Fold>
Grid pool_separable(const Grid& input, const PoolParams& p, const PoolAxis& ra, const PoolAxis& ca, Fold fold, bool average) {
    std::vector<int> c0(static_cast<size_t>(ca.out)), c1(static_cast<size_t>(ca.out));
    for (int j = 0; j < ca.out; ++j) {
        c0[static_cast<size_t>(j)] = std::max(j * p.stride_cols - ca.pad_before, 0);
        c1[static_cast<size_t>(j)] = std::min(j * p.stride_cols - ca.pad_before + p.size_cols, input.cols);
    }
    std::vector<Acc> across(static_cast<size_t>(input.rows) * ca.out);
    for (int r = 0; r < input.rows; ++r) {
        const float* row = &input.values[static_cast<size_t>(r) * input.cols];
        Acc* dst = &across[static_cast<size_t>(r) * ca.out];
        for (int j = 0; j < ca.out; ++j) {
            const int a = c0[static_cast<size_t>(j)], b = c1[static_cast<size_t>(j)];
            Acc acc = row[a];
            for (int c = a + 1; c < b; ++c) acc = fold(acc, static_cast<Acc>(row[c]));
            dst[j] = acc;
        }
    }
    Grid out(ra.out, ca.out);
    std::vector<Acc> acc(static_cast<size_t>(ca.out));
    for (int i = 0; i < ra.out; ++i) {
        const int r0 = std::max(i * p.stride_rows - ra.pad_before, 0);
        const int r1 = std::min(i * p.stride_rows - ra.pad_before + p.size_rows, input.rows);
        std::copy_n(&across[static_cast<size_t>(r0) * ca.out], ca.out, acc.begin());
        for (int r = r0 + 1; r < r1; ++r) {
            const Acc* src = &across[static_cast<size_t>(r) * ca.out];
            for (int j = 0; j < ca.out; ++j) acc[static_cast<size_t>(j)] = fold(acc[static_cast<size_t>(j)], src[j]);
        }
        float* dst = &out.values[static_cast<size_t>(i) * ca.out];
        for (int j = 0; j < ca.out; ++j) {
            Acc v = acc[static_cast<size_t>(j)];
            if (average) v /= static_cast<Acc>(static_cast<double>(r1 - r0) * (c1[static_cast<size_t>(j)] - c0[static_cast<size_t>(j)]));
            dst[j] = static_cast<float>(v);
        }
    }
    return out;
}

// Windows that tile the input (stride = size, valid padding), for max and min:
// each output row folds its input rows in, window by window, in memory order,
// with the common 2-wide window written out so the compiler can vectorise it.
template <class Fold>
Grid pool_tiles(const Grid& input, int kh, int kw, int out_rows, int out_cols, Fold fold) {
    Grid out(out_rows, out_cols);
    for (int i = 0; i < out_rows; ++i) {
        float* d = &out.values[static_cast<size_t>(i) * out_cols];
        for (int di = 0; di < kh; ++di) {
            const float* row = &input.values[static_cast<size_t>(i * kh + di) * input.cols];
            if (kw == 2) {
                if (di == 0) {
                    for (int j = 0; j < out_cols; ++j) d[j] = fold(row[2 * j], row[2 * j + 1]);
                } else {
                    for (int j = 0; j < out_cols; ++j) d[j] = fold(d[j], fold(row[2 * j], row[2 * j + 1]));
                }
                continue;
            }
            for (int j = 0; j < out_cols; ++j) {
                const float* w = row + static_cast<size_t>(j) * kw;
                float m = w[0];
                for (int dj = 1; dj < kw; ++dj) m = fold(m, w[dj]);
                d[j] = di == 0 ? m : fold(d[j], m);
            }
        }
    }
    return out;
}

}  // namespace

Result<Grid> pool_values(const Grid& input, const PoolParams& p) {
    using R = Result<Grid>;
    if (std::string e = check_grid(input); !e.empty()) return R::failure(e);
    if (std::string e = check_pool(input.rows, input.cols, p); !e.empty()) return R::failure(e);
    const PoolAxis ra = pool_axis(input.rows, p.size_rows, p.stride_rows, p.padding).value;
    const PoolAxis ca = pool_axis(input.cols, p.size_cols, p.stride_cols, p.padding).value;
    const bool tiles = p.size_rows == p.stride_rows && p.size_cols == p.stride_cols && ra.pad_before == 0 && ca.pad_before == 0 &&
                       ra.out * p.size_rows <= input.rows && ca.out * p.size_cols <= input.cols;
    if (tiles && p.op == PoolOp::Max) {
        return R::success(pool_tiles(input, p.size_rows, p.size_cols, ra.out, ca.out, [](float a, float b) { return b > a ? b : a; }));
    }
    if (tiles && p.op == PoolOp::Min) {
        return R::success(pool_tiles(input, p.size_rows, p.size_cols, ra.out, ca.out, [](float a, float b) { return b < a ? b : a; }));
    }
    switch (p.op) {
        case PoolOp::Max:
            return R::success(pool_separable<float>(input, p, ra, ca, [](float a, float b) { return b > a ? b : a; }, false));
        case PoolOp::Min:
            return R::success(pool_separable<float>(input, p, ra, ca, [](float a, float b) { return b < a ? b : a; }, false));
        case PoolOp::Average:
            return R::success(pool_separable<double>(input, p, ra, ca, [](double a, double b) { return a + b; }, true));
    }
    return R::failure("unknown pooling operation");
}

std::vector<int> outputs_fed_by(const PoolResult& result, int r, int c) {
    std::vector<int> out;
    for (size_t k = 0; k < result.cells.size(); ++k) {
        if (result.cells[k].clipped.contains(r, c)) out.push_back(static_cast<int>(k));
    }
    return out;
}

}  // namespace pl

#include "core/steps.h"

#include <algorithm>

#include "core/csv.h"

namespace pl {

namespace {

std::string joined(const std::vector<float>& values, const char* sep) {
    std::string s;
    const size_t n = values.size();
    const bool abbreviate = n > static_cast<size_t>(kMaxListedValues);
    for (size_t i = 0; i < n; ++i) {
        if (abbreviate && i == 3) {
            s += sep;
            s += "... (" + count_text(n - 4) + " more)";
            i = n - 1;
        }
        if (i) s += sep;
        s += format_value(values[i]);
    }
    return s;
}

}  // namespace

std::string step_arithmetic(PoolOp op, const std::vector<float>& values, float result) {
    const std::string r = format_value(result);
    switch (op) {
        case PoolOp::Max: return "max(" + joined(values, ", ") + ") = " + r;
        case PoolOp::Min: return "min(" + joined(values, ", ") + ") = " + r;
        case PoolOp::Average:
            return "(" + joined(values, " + ") + ") / " + count_text(values.size()) + " = " + r;
    }
    return r;
}

std::vector<PoolStep> pool_steps(const Grid& input, const PoolResult& result, PoolOp op) {
    std::vector<PoolStep> steps;
    steps.reserve(result.cells.size());
    for (int i = 0; i < result.output.rows; ++i) {
        for (int j = 0; j < result.output.cols; ++j) {
            const PoolCell& cell = result.cell(i, j);
            PoolStep s;
            s.out_row = i;
            s.out_col = j;
            s.window = cell.window;
            s.clipped = cell.clipped;
            for (int r = cell.clipped.row; r < cell.clipped.row + cell.clipped.rows; ++r) {
                for (int c = cell.clipped.col; c < cell.clipped.col + cell.clipped.cols; ++c) {
                    s.values.push_back(input.at(r, c));
                }
            }
            s.result = cell.value;
            s.winner_row = cell.winner_row;
            s.winner_col = cell.winner_col;
            if (s.winner_row >= 0) s.ties = static_cast<int>(std::count(s.values.begin(), s.values.end(), s.result));
            s.arithmetic = step_arithmetic(op, s.values, s.result);
            steps.push_back(std::move(s));
        }
    }
    return steps;
}

std::string step_sentence(const PoolStep& step, int index, int count, PoolOp op) {
    std::string s = "Window " + count_text(index + 1) + " of " + count_text(count) + ": " + op_name(op) +
                    " of " + joined(step.values, ", ") + " is " + format_value(step.result);
    if (step.winner_row >= 0) {
        s += " (row " + count_text(step.winner_row + 1) + ", column " + count_text(step.winner_col + 1);
        if (step.ties > 1) s += "; " + count_text(step.ties) + " cells hold it, and the first in row order wins";
        s += ")";
    }
    s += ", written to row " + count_text(step.out_row + 1) + ", column " + count_text(step.out_col + 1) + ".";
    return s;
}

}  // namespace pl

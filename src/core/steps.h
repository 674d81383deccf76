#pragma once
// The ordered steps of one pooling pass, which the step-through animation
// plays: which window is read, the values in it, the result and where it goes.
#include <string>
#include <vector>

#include "core/pool.h"

namespace pl {

struct PoolStep {
    int out_row = 0, out_col = 0;
    Window window;            // with padding
    Window clipped;           // the part inside the input
    std::vector<float> values;  // the input values in the window, row-major (padding left out)
    float result = 0.0f;
    int winner_row = -1, winner_col = -1;  // -1 for average
    int ties = 0;             // max and min: how many cells hold the result (more than 1: the first in row order wins)
    std::string arithmetic;   // "max(1, 3, 2, 9) = 9"
};

// Values listed in full up to this many; larger windows are abbreviated.
constexpr int kMaxListedValues = 16;

// The arithmetic of one window as a student would write it:
// "max(1, 3, 2, 9) = 9", "(1 + 3 + 2 + 9) / 4 = 3.75", "min(1, 3, 2, 9) = 1".
std::string step_arithmetic(PoolOp op, const std::vector<float>& values, float result);

// One step per output cell, row by row.
std::vector<PoolStep> pool_steps(const Grid& input, const PoolResult& result, PoolOp op);

// A sentence for a step, e.g. "Window 2 of 4: max of 4, 8, 1, 2 is 8 (row 1,
// column 4), written to row 1, column 2." A tie says which cell wins.
std::string step_sentence(const PoolStep& step, int index, int count, PoolOp op);

}  // namespace pl

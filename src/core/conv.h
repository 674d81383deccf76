#pragma once
// One-channel 2-D convolution as Keras computes it (cross-correlation: the
// kernel is not flipped), stride 1, padding "valid" or "same", and ReLU.
// This is the feature-map half of the picture scene: conv -> ReLU -> pool.
#include <string>

#include "core/grid.h"
#include "core/pool.h"
#include "core/result.h"

namespace pl {

// Largest kernel side PoolLab accepts.
constexpr int kMaxKernelSide = 15;

// out(r, c) = sum over (i, j) of input(r + i - pad_top, c + j - pad_left) * kernel(i, j),
// with zeros outside the input. "same" pads like TensorFlow: the smaller half
// before, the rest after, so the output has the input's size.
Result<Grid> conv2d(const Grid& input, const Grid& kernel, Padding padding);

// max(0, x) in every cell.
Grid relu(const Grid& g);

// Named 3 x 3 kernels a student recognises: "vertical-edge", "horizontal-edge",
// "sharpen", "box-blur", "identity". Returns an empty grid for an unknown name.
Grid named_kernel(const std::string& name);

}  // namespace pl

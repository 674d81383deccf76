#pragma once
// The forward and backward passes of every layer kind, one image at a time,
// in float32 with the values of a picture stored row by row and, within a
// cell, channel by channel (H x W x C, as Keras stores them). Weights are
// kernel row, kernel column, input channel, output channel (Keras's HWIO);
// a Dense layer's are input, unit. Backward passes add to the weight
// gradients they are given (a batch sums over its images) and write the
// input gradient (which may be null when nobody needs it).
#include <cstddef>

#include "core/layers.h"

namespace pl::train {

// Rows, columns and channels of one image's tensor (a vector is 1 x 1 x N).
struct Dims {
    int h = 1, w = 1, c = 1;
    int size() const { return h * w * c; }
    bool operator==(const Dims& o) const { return h == o.h && w == o.w && c == o.c; }
};

// What one layer's loops need: its input and output, window, stride, dilation, padding.
struct OpSpec {
    LayerKind kind = LayerKind::Conv2D;
    Dims in, out;
    int k_h = 1, k_w = 1, s_h = 1, s_w = 1, d_h = 1, d_w = 1;
    int pad_top = 0, pad_left = 0;  // cells of padding before the first window (a BlurPool: of its max)
    Dims mid;                       // a BlurPool: what its max (at stride 1) leaves, before the blur
    bool relu = false;              // Conv2D and Dense: followed by ReLU
    bool same = false;              // the layer's padding is 'same'
};

// The spec of layer `l` on input `in` whose summary row is `info`.
OpSpec op_spec(const Layer& l, const Shape& in, const LayerInfo& info);

// Weights and biases a layer has (0 for the parameter-free ones).
int weight_count(const OpSpec& p);
int bias_count(const OpSpec& p);

// Any layer's forward pass on one image. w, b: its weights and biases (or null);
// mid, arg: its scratch for a BlurPool's max and the max poolings' winners (or null).
void op_forward(const OpSpec& p, const float* w, const float* b, const float* in, float* out, float* mid, int* arg);
// Any layer's backward pass on one image, `dout` after ReLU's mask; wt: a conv's
// weights through conv_transpose_weights. din may be null; dw, db are added to.
void op_backward(const OpSpec& p, const float* w, const float* wt, const float* in, const float* dout, float* din, float* dmid,
                 const int* arg, float* dw, float* db);

// Conv2D (and Dense on an image, as a 1 x 1 conv). `out` holds the output after ReLU if p.relu.
void conv_forward(const OpSpec& p, const float* in, const float* w, const float* b, float* out);
// `dout` is the gradient at the output before ReLU (the caller applies ReLU's mask).
void conv_backward(const OpSpec& p, const float* in, const float* w, const float* dout, float* din, float* dw, float* db);

// The same with the weights' channel axes swapped once (ky, kx, co, ci; a batch reuses them).
void conv_transpose_weights(const OpSpec& p, const float* w, float* wt);
void conv_backward_t(const OpSpec& p, const float* in, const float* wt, const float* dout, float* din, float* dw, float* db);

// Dense on a vector: out[j] = b[j] + sum_i in[i] w[i][j].
void dense_forward(const OpSpec& p, const float* in, const float* w, const float* b, float* out);
void dense_backward(const OpSpec& p, const float* in, const float* w, const float* dout, float* din, float* dw, float* db);

// Max pooling: `arg` gets, for each output value, the index of the input value that won
// (the first in row order on a tie); the backward pass routes the gradient there alone.
void max_pool_forward(const OpSpec& p, const float* in, float* out, int* arg);
void max_pool_backward(const OpSpec& p, const float* dout, const int* arg, float* din);

// Average pooling: 'same' divides by the real cells in the window only, as Keras does.
void avg_pool_forward(const OpSpec& p, const float* in, float* out);
void avg_pool_backward(const OpSpec& p, const float* dout, float* din);

// BlurPool: max at stride 1 into `mid` (arg as for max pooling), then the reflected blur at the stride.
void blur_pool_forward(const OpSpec& p, const float* in, float* mid, int* arg, float* out);
void blur_pool_backward(const OpSpec& p, const float* dout, const int* arg, float* dmid, float* din);

// Global pooling over rows and columns, one value a channel.
void global_max_forward(const OpSpec& p, const float* in, float* out, int* arg);
void global_max_backward(const OpSpec& p, const float* dout, const int* arg, float* din);
void global_avg_forward(const OpSpec& p, const float* in, float* out);
void global_avg_backward(const OpSpec& p, const float* dout, float* din);

// ReLU's backward pass in place: the gradient survives where the output is positive.
void relu_mask(const float* out, float* grad, int n);

// Softmax of `n` scores into `probs`; returns the cross-entropy -log p[label].
float softmax_cross_entropy(const float* scores, int n, int label, float* probs);

}  // namespace pl::train

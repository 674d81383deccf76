// One entry for every layer kind's forward and backward pass.
#include <cstring>

#include "core/train/ops.h"

namespace pl::train {

void op_forward(const OpSpec& p, const float* w, const float* b, const float* in, float* out, float* mid, int* arg) {
    switch (p.kind) {
        case LayerKind::Conv2D: conv_forward(p, in, w, b, out); break;
        case LayerKind::Dense: dense_forward(p, in, w, b, out); break;
        case LayerKind::MaxPool: max_pool_forward(p, in, out, arg); break;
        case LayerKind::AvgPool: avg_pool_forward(p, in, out); break;
        case LayerKind::BlurPool: blur_pool_forward(p, in, mid, arg, out); break;
        case LayerKind::GlobalMaxPool: global_max_forward(p, in, out, arg); break;
        case LayerKind::GlobalAvgPool: global_avg_forward(p, in, out); break;
        case LayerKind::Flatten: std::memcpy(out, in, sizeof(float) * static_cast<size_t>(p.in.size())); break;
    }
}

void op_backward(const OpSpec& p, const float* w, const float* wt, const float* in, const float* dout, float* din, float* dmid,
                 const int* arg, float* dw, float* db) {
    switch (p.kind) {
        case LayerKind::Conv2D: conv_backward_t(p, in, wt, dout, din, dw, db); return;
        case LayerKind::Dense: dense_backward(p, in, w, dout, din, dw, db); return;
        default: break;
    }
    if (!din) return;
    switch (p.kind) {
        case LayerKind::MaxPool: max_pool_backward(p, dout, arg, din); break;
        case LayerKind::AvgPool: avg_pool_backward(p, dout, din); break;
        case LayerKind::BlurPool: blur_pool_backward(p, dout, arg, dmid, din); break;
        case LayerKind::GlobalMaxPool: global_max_backward(p, dout, arg, din); break;
        case LayerKind::GlobalAvgPool: global_avg_backward(p, dout, din); break;
        case LayerKind::Flatten: std::memcpy(din, dout, sizeof(float) * static_cast<size_t>(p.in.size())); break;
        default: break;
    }
}

}  // namespace pl::train

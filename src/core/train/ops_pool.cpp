// The layers without weights (pooling of every kind, ReLU, softmax with
// cross-entropy) and the spec every layer's loops read.
#include <algorithm>
#include <cmath>
#include <limits>

#include "core/train/ops.h"
#include "core/train/simd.h"

namespace pl::train {

namespace {

Dims dims_of(const Shape& s) { return s.rank == 3 ? Dims{int(s.h), int(s.w), int(s.c)} : Dims{1, 1, int(s.c)}; }

inline size_t at(const Dims& d, int y, int x) { return (static_cast<size_t>(y) * d.w + x) * d.c; }

// Max over each window (stride s, padding cells never win), with the winner's index in `in`:
// the first in row order on a tie. Channels go eight at a time when they come in eights.
PL_HOT void max_windows(const Dims& in, const Dims& out, int kh, int kw, int sh, int sw, int pt, int pl, const float* src, float* dst,
                        int* arg) {
    const I8 lanes = {0, 1, 2, 3, 4, 5, 6, 7};
    const int blocks = in.c % 8 == 0 ? in.c / 8 : 0;
    for (int oy = 0; oy < out.h; ++oy) {
        const int y0 = std::max(oy * sh - pt, 0), y1 = std::min(oy * sh - pt + kh, in.h);
        for (int ox = 0; ox < out.w; ++ox) {
            const int x0 = std::max(ox * sw - pl, 0), x1 = std::min(ox * sw - pl + kw, in.w);
            const size_t o = at(out, oy, ox);
            for (int b = 0; b < blocks; ++b) {
                const int first = static_cast<int>(at(in, y0, x0)) + 8 * b;
                F8 best = load8(src + first);
                I8 won = lanes + first;
                for (int y = y0; y < y1; ++y) {
                    for (int x = x0; x < x1; ++x) {
                        const int i = static_cast<int>(at(in, y, x)) + 8 * b;
                        const F8 v = load8(src + i);
                        const I8 better = v > best;
                        best = better ? v : best;
                        won = better ? lanes + i : won;
                    }
                }
                store8(dst + o + 8 * b, best);
                store8i(arg + o + 8 * b, won);
            }
            for (int c = 8 * blocks; c < in.c; ++c) {
                int won = static_cast<int>(at(in, y0, x0)) + c;
                float best = src[won];
                for (int y = y0; y < y1; ++y) {
                    for (int x = x0; x < x1; ++x) {
                        const int i = static_cast<int>(at(in, y, x)) + c;
                        if (src[i] > best) {
                            best = src[i];
                            won = i;
                        }
                    }
                }
                dst[o + c] = best;
                arg[o + c] = won;
            }
        }
    }
}

// Each output gradient to the input value that won its window.
void route_to_winners(int in_size, int out_size, const float* dout, const int* arg, float* din) {
    std::fill(din, din + in_size, 0.0f);
    for (int o = 0; o < out_size; ++o) din[arg[o]] += dout[o];
}

// A reflected index: -1 reads 1, n reads n - 2 (antialiased-cnns' ReflectionPad2d(1)).
inline int reflect(int i, int n) { return i < 0 ? -i : i >= n ? 2 * n - 2 - i : i; }

constexpr float kBinomial[3] = {0.25f, 0.5f, 0.25f};  // [1, 2, 1] / 4 along each axis: [1,2,1] x [1,2,1] / 16

}  // namespace

OpSpec op_spec(const Layer& l, const Shape& in, const LayerInfo& info) {
    OpSpec p;
    p.kind = l.kind;
    p.in = dims_of(in);
    p.out = dims_of(info.out);
    p.same = l.padding == Padding::Same;
    switch (l.kind) {
        case LayerKind::Conv2D:
            p.d_h = l.dilation_h;
            p.d_w = l.dilation_w;
            [[fallthrough]];
        case LayerKind::MaxPool:
        case LayerKind::AvgPool:
            p.k_h = l.kernel_h;
            p.k_w = l.kernel_w;
            p.s_h = l.stride_h;
            p.s_w = l.stride_w;
            p.pad_top = info.pad_top;
            p.pad_left = info.pad_left;
            break;
        case LayerKind::BlurPool:
            p.k_h = l.kernel_h;
            p.k_w = l.kernel_w;
            p.s_h = l.stride_h;
            p.s_w = l.stride_w;
            p.pad_top = info.pad_top - 1;  // the summary counts the blur's reflected cell too
            p.pad_left = info.pad_left - 1;
            p.mid = p.same ? p.in : Dims{p.in.h - l.kernel_h + 1, p.in.w - l.kernel_w + 1, p.in.c};
            break;
        case LayerKind::Dense:
            if (in.rank == 3) p.kind = LayerKind::Conv2D;  // Keras's Dense on an image: a 1 x 1 conv
            break;
        default: break;
    }
    return p;
}

int weight_count(const OpSpec& p) {
    if (p.kind == LayerKind::Conv2D) return p.k_h * p.k_w * p.in.c * p.out.c;
    if (p.kind == LayerKind::Dense) return p.in.size() * p.out.c;
    return 0;
}

int bias_count(const OpSpec& p) { return p.kind == LayerKind::Conv2D || p.kind == LayerKind::Dense ? p.out.c : 0; }

void max_pool_forward(const OpSpec& p, const float* in, float* out, int* arg) {
    max_windows(p.in, p.out, p.k_h, p.k_w, p.s_h, p.s_w, p.pad_top, p.pad_left, in, out, arg);
}

void max_pool_backward(const OpSpec& p, const float* dout, const int* arg, float* din) {
    route_to_winners(p.in.size(), p.out.size(), dout, arg, din);
}

void avg_pool_forward(const OpSpec& p, const float* in, float* out) {
    for (int oy = 0; oy < p.out.h; ++oy) {
        const int y0 = std::max(oy * p.s_h - p.pad_top, 0), y1 = std::min(oy * p.s_h - p.pad_top + p.k_h, p.in.h);
        for (int ox = 0; ox < p.out.w; ++ox) {
            const int x0 = std::max(ox * p.s_w - p.pad_left, 0), x1 = std::min(ox * p.s_w - p.pad_left + p.k_w, p.in.w);
            const float scale = 1.0f / static_cast<float>((y1 - y0) * (x1 - x0));  // the real cells only
            float* o = out + at(p.out, oy, ox);
            std::fill(o, o + p.in.c, 0.0f);
            for (int y = y0; y < y1; ++y) {
                for (int x = x0; x < x1; ++x) {
                    const float* v = in + at(p.in, y, x);
                    for (int c = 0; c < p.in.c; ++c) o[c] += v[c];
                }
            }
            for (int c = 0; c < p.in.c; ++c) o[c] *= scale;
        }
    }
}

void avg_pool_backward(const OpSpec& p, const float* dout, float* din) {
    std::fill(din, din + p.in.size(), 0.0f);
    for (int oy = 0; oy < p.out.h; ++oy) {
        const int y0 = std::max(oy * p.s_h - p.pad_top, 0), y1 = std::min(oy * p.s_h - p.pad_top + p.k_h, p.in.h);
        for (int ox = 0; ox < p.out.w; ++ox) {
            const int x0 = std::max(ox * p.s_w - p.pad_left, 0), x1 = std::min(ox * p.s_w - p.pad_left + p.k_w, p.in.w);
            const float scale = 1.0f / static_cast<float>((y1 - y0) * (x1 - x0));
            const float* g = dout + at(p.out, oy, ox);
            for (int y = y0; y < y1; ++y) {
                for (int x = x0; x < x1; ++x) {
                    float* d = din + at(p.in, y, x);
                    for (int c = 0; c < p.in.c; ++c) d[c] += g[c] * scale;
                }
            }
        }
    }
}

void blur_pool_forward(const OpSpec& p, const float* in, float* mid, int* arg, float* out) {
    max_windows(p.in, p.mid, p.k_h, p.k_w, 1, 1, p.pad_top, p.pad_left, in, mid, arg);
    for (int oy = 0; oy < p.out.h; ++oy) {
        for (int ox = 0; ox < p.out.w; ++ox) {
            float* o = out + at(p.out, oy, ox);
            std::fill(o, o + p.out.c, 0.0f);
            for (int a = 0; a < 3; ++a) {
                const int my = reflect(oy * p.s_h - 1 + a, p.mid.h);
                for (int b = 0; b < 3; ++b) {
                    const int mx = reflect(ox * p.s_w - 1 + b, p.mid.w);
                    const float f = kBinomial[a] * kBinomial[b];
                    const float* v = mid + at(p.mid, my, mx);
                    for (int c = 0; c < p.out.c; ++c) o[c] += f * v[c];
                }
            }
        }
    }
}

void blur_pool_backward(const OpSpec& p, const float* dout, const int* arg, float* dmid, float* din) {
    std::fill(dmid, dmid + p.mid.size(), 0.0f);
    for (int oy = 0; oy < p.out.h; ++oy) {
        for (int ox = 0; ox < p.out.w; ++ox) {
            const float* g = dout + at(p.out, oy, ox);
            for (int a = 0; a < 3; ++a) {
                const int my = reflect(oy * p.s_h - 1 + a, p.mid.h);
                for (int b = 0; b < 3; ++b) {
                    const int mx = reflect(ox * p.s_w - 1 + b, p.mid.w);
                    const float f = kBinomial[a] * kBinomial[b];
                    float* d = dmid + at(p.mid, my, mx);
                    for (int c = 0; c < p.out.c; ++c) d[c] += f * g[c];
                }
            }
        }
    }
    route_to_winners(p.in.size(), p.mid.size(), dmid, arg, din);
}

void global_max_forward(const OpSpec& p, const float* in, float* out, int* arg) {
    max_windows(p.in, Dims{1, 1, p.in.c}, p.in.h, p.in.w, 1, 1, 0, 0, in, out, arg);
}

void global_max_backward(const OpSpec& p, const float* dout, const int* arg, float* din) {
    route_to_winners(p.in.size(), p.in.c, dout, arg, din);
}

void global_avg_forward(const OpSpec& p, const float* in, float* out) {
    const int cells = p.in.h * p.in.w;
    std::fill(out, out + p.in.c, 0.0f);
    for (int i = 0; i < cells; ++i) {
        for (int c = 0; c < p.in.c; ++c) out[c] += in[static_cast<size_t>(i) * p.in.c + c];
    }
    for (int c = 0; c < p.in.c; ++c) out[c] /= static_cast<float>(cells);
}

void global_avg_backward(const OpSpec& p, const float* dout, float* din) {
    const int cells = p.in.h * p.in.w;
    for (int i = 0; i < cells; ++i) {
        for (int c = 0; c < p.in.c; ++c) din[static_cast<size_t>(i) * p.in.c + c] = dout[c] / static_cast<float>(cells);
    }
}

void relu_mask(const float* out, float* grad, int n) {
    for (int i = 0; i < n; ++i) grad[i] = out[i] > 0.0f ? grad[i] : 0.0f;
}

float softmax_cross_entropy(const float* scores, int n, int label, float* probs) {
    float top = scores[0];
    for (int i = 1; i < n; ++i) top = std::max(top, scores[i]);
    double sum = 0.0;
    for (int i = 0; i < n; ++i) {
        probs[i] = std::exp(scores[i] - top);
        sum += probs[i];
    }
    for (int i = 0; i < n; ++i) probs[i] = static_cast<float>(probs[i] / sum);
    return static_cast<float>(std::log(sum) - (scores[label] - top));
}

}  // namespace pl::train

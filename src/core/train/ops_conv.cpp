// Conv2D and Dense, forward and backward. The loops keep a block of channels
// in a small array the compiler holds in vector registers; the common channel
// counts (8, 16, 32) get blocks of exactly that size, so nothing is left over.
#include <algorithm>
#include <vector>

#include "core/train/ops.h"
#include "core/train/simd.h"

namespace pl::train {

namespace {

// The input row of kernel row ky for output row oy, or -1 when it falls in the padding.
inline int tap(int o, int k, const int stride, const int dilation, const int pad, const int in) {
    const int i = o * stride - pad + k * dilation;
    return i >= 0 && i < in ? i : -1;
}

// The kernels come in two kinds: kN > 0, a multiple of 8, the channel count of
// the axis they run along, held as kN / 8 vectors in registers; kN == 0, any
// count, one channel at a time.

// The output columns [lo, hi) whose kernel column kx falls inside the input.
inline void valid_columns(const OpSpec& p, int kx, int* lo, int* hi) {
    const int first = kx * p.d_w - p.pad_left;  // input column of output column 0
    *lo = first >= 0 ? 0 : (-first + p.s_w - 1) / p.s_w;
    *hi = first >= p.in.w ? 0 : std::min(p.out.w, (p.in.w - 1 - first) / p.s_w + 1);
}

// Forward, one output cell: its channels summed over the kernel cells and input channels.
template <int kN>
inline PL_ALWAYS_INLINE void conv_forward_cell(const OpSpec& p, const float* __restrict in, const float* __restrict w,
                                               const float* __restrict b, float* __restrict out, int oy, int ox) {
    constexpr int kV = kN / 8;
    const int CI = p.in.c, CO = p.out.c;
    float* o = out + (static_cast<size_t>(oy) * p.out.w + ox) * CO;
    F8 acc[kV > 0 ? kV : 1];
    if constexpr (kV > 0) {
        for (int v = 0; v < kV; ++v) acc[v] = load8(b + 8 * v);
    } else {
        for (int co = 0; co < CO; ++co) o[co] = b[co];
    }
    for (int ky = 0; ky < p.k_h; ++ky) {
        const int iy = tap(oy, ky, p.s_h, p.d_h, p.pad_top, p.in.h);
        if (iy < 0) continue;
        for (int kx = 0; kx < p.k_w; ++kx) {
            const int ix = tap(ox, kx, p.s_w, p.d_w, p.pad_left, p.in.w);
            if (ix < 0) continue;
            const float* x = in + (static_cast<size_t>(iy) * p.in.w + ix) * CI;
            const float* wk = w + static_cast<size_t>(ky * p.k_w + kx) * CI * CO;
            for (int ci = 0; ci < CI; ++ci) {
                const float a = x[ci];
                const float* wr = wk + static_cast<size_t>(ci) * CO;
                if constexpr (kV > 0) {
                    for (int v = 0; v < kV; ++v) acc[v] += a * load8(wr + 8 * v);
                } else {
                    for (int co = 0; co < CO; ++co) o[co] += a * wr[co];
                }
            }
        }
    }
    if constexpr (kV > 0) {
        for (int v = 0; v < kV; ++v) store8(o + 8 * v, p.relu ? (acc[v] < 0.0f ? 0.0f : acc[v]) : acc[v]);
    } else if (p.relu) {
        for (int co = 0; co < CO; ++co) o[co] = o[co] < 0.0f ? 0.0f : o[co];  // NaN stays NaN, as in PyTorch
    }
}

// Forward, four neighbouring output cells of one row whose windows lie inside the input's
// columns: four independent sums keep the multiply-add units busy, and each weight is loaded once.
template <int kN>
inline PL_ALWAYS_INLINE void conv_forward_four(const OpSpec& p, const float* __restrict in, const float* __restrict w,
                                               const float* __restrict b, float* __restrict out, int oy, int ox) {
    constexpr int kV = kN / 8;
    const int CI = p.in.c, CO = p.out.c;
    F8 acc[4][kV];
    for (int q = 0; q < 4; ++q) {
        for (int v = 0; v < kV; ++v) acc[q][v] = load8(b + 8 * v);
    }
    const size_t step = static_cast<size_t>(p.s_w) * CI;
    for (int ky = 0; ky < p.k_h; ++ky) {
        const int iy = tap(oy, ky, p.s_h, p.d_h, p.pad_top, p.in.h);
        if (iy < 0) continue;
        for (int kx = 0; kx < p.k_w; ++kx) {
            const int ix = ox * p.s_w - p.pad_left + kx * p.d_w;
            const float* x = in + (static_cast<size_t>(iy) * p.in.w + ix) * CI;
            const float* wk = w + static_cast<size_t>(ky * p.k_w + kx) * CI * CO;
            for (int ci = 0; ci < CI; ++ci) {
                const float* wr = wk + static_cast<size_t>(ci) * CO;
                F8 wv[kV];
                for (int v = 0; v < kV; ++v) wv[v] = load8(wr + 8 * v);
                for (int q = 0; q < 4; ++q) {
                    const float a = x[q * step + ci];
                    for (int v = 0; v < kV; ++v) acc[q][v] += a * wv[v];
                }
            }
        }
    }
    for (int q = 0; q < 4; ++q) {
        float* o = out + (static_cast<size_t>(oy) * p.out.w + ox + q) * CO;
        for (int v = 0; v < kV; ++v) store8(o + 8 * v, p.relu ? (acc[q][v] < 0.0f ? 0.0f : acc[q][v]) : acc[q][v]);
    }
}

template <int kN>
inline PL_ALWAYS_INLINE void conv_forward_impl(const OpSpec& p, const float* __restrict in, const float* __restrict w,
                                               const float* __restrict b, float* __restrict out) {
    // The columns every kernel column keeps inside the input: the four-cell path's.
    int lo = 0, hi = p.out.w;
    for (int kx = 0; kx < p.k_w; ++kx) {
        int l, h;
        valid_columns(p, kx, &l, &h);
        lo = std::max(lo, l);
        hi = std::min(hi, h);
    }
    for (int oy = 0; oy < p.out.h; ++oy) {
        int ox = 0;
        while (ox < p.out.w) {
            if (kN > 0 && ox >= lo && ox + 4 <= hi) {
                if constexpr (kN > 0) conv_forward_four<kN>(p, in, w, b, out, oy, ox);
                ox += 4;
            } else {
                conv_forward_cell<kN>(p, in, w, b, out, oy, ox);
                ox += 1;
            }
        }
    }
}

// Weight and bias gradients: for each kernel cell and input channel, the output
// channels summed over every output cell (in four partial sums), then added to dw once.
template <int kN>
inline PL_ALWAYS_INLINE void conv_weight_grad_impl(const OpSpec& p, const float* __restrict in, const float* __restrict dout,
                                                   float* __restrict dw, float* __restrict db) {
    constexpr int kV = kN / 8;
    const int CI = p.in.c, CO = p.out.c;
    for (int o = 0; o < p.out.h * p.out.w; ++o) {
        for (int co = 0; co < CO; ++co) db[co] += dout[static_cast<size_t>(o) * CO + co];
    }
    const size_t step = static_cast<size_t>(p.s_w) * CI;
    for (int ky = 0; ky < p.k_h; ++ky) {
        for (int kx = 0; kx < p.k_w; ++kx) {
            int lo, hi;
            valid_columns(p, kx, &lo, &hi);
            for (int ci = 0; ci < CI; ++ci) {
                float* d = dw + (static_cast<size_t>(ky * p.k_w + kx) * CI + ci) * CO;
                F8 acc[4][kV > 0 ? kV : 1] = {};
                for (int oy = 0; oy < p.out.h; ++oy) {
                    const int iy = tap(oy, ky, p.s_h, p.d_h, p.pad_top, p.in.h);
                    if (iy < 0 || lo >= hi) continue;
                    const int ix = lo * p.s_w - p.pad_left + kx * p.d_w;
                    const float* x = in + (static_cast<size_t>(iy) * p.in.w + ix) * CI + ci;
                    const float* g = dout + (static_cast<size_t>(oy) * p.out.w + lo) * CO;
                    int ox = lo;
                    if constexpr (kV > 0) {
                        for (; ox + 4 <= hi; ox += 4, x += 4 * step, g += 4 * CO) {
                            for (int q = 0; q < 4; ++q) {
                                for (int v = 0; v < kV; ++v) acc[q][v] += x[q * step] * load8(g + q * CO + 8 * v);
                            }
                        }
                    }
                    for (; ox < hi; ++ox, x += step, g += CO) {
                        if constexpr (kV > 0) {
                            for (int v = 0; v < kV; ++v) acc[0][v] += *x * load8(g + 8 * v);
                        } else {
                            for (int co = 0; co < CO; ++co) d[co] += *x * g[co];
                        }
                    }
                }
                if constexpr (kV > 0) {
                    for (int v = 0; v < kV; ++v) store8(d + 8 * v, load8(d + 8 * v) + ((acc[0][v] + acc[1][v]) + (acc[2][v] + acc[3][v])));
                }
            }
        }
    }
}

// Input gradient, gathered at each input cell from the output cells whose windows
// cover it; `wt` holds the weights with the channel axes swapped (ky, kx, co, ci).
template <int kN>
inline PL_ALWAYS_INLINE void conv_input_grad_impl(const OpSpec& p, const float* __restrict wt, const float* __restrict dout,
                                                  float* __restrict din) {
    constexpr int kV = kN / 8;
    const int CI = p.in.c, CO = p.out.c;
    for (int iy = 0; iy < p.in.h; ++iy) {
        for (int ix = 0; ix < p.in.w; ++ix) {
            float* d = din + (static_cast<size_t>(iy) * p.in.w + ix) * CI;
            F8 acc[4][kV > 0 ? kV : 1] = {};
            if constexpr (kV == 0) std::fill(d, d + CI, 0.0f);
            for (int ky = 0; ky < p.k_h; ++ky) {
                const int ny = iy + p.pad_top - ky * p.d_h;  // oy * stride
                if (ny < 0 || ny % p.s_h != 0 || ny / p.s_h >= p.out.h) continue;
                const int oy = ny / p.s_h;
                for (int kx = 0; kx < p.k_w; ++kx) {
                    const int nx = ix + p.pad_left - kx * p.d_w;
                    if (nx < 0 || nx % p.s_w != 0 || nx / p.s_w >= p.out.w) continue;
                    const int ox = nx / p.s_w;
                    const float* g = dout + (static_cast<size_t>(oy) * p.out.w + ox) * CO;
                    const float* wk = wt + static_cast<size_t>(ky * p.k_w + kx) * CO * CI;
                    int co = 0;
                    if constexpr (kV > 0) {
                        for (; co + 4 <= CO; co += 4) {
                            for (int q = 0; q < 4; ++q) {
                                const float* wr = wk + static_cast<size_t>(co + q) * CI;
                                for (int v = 0; v < kV; ++v) acc[q][v] += g[co + q] * load8(wr + 8 * v);
                            }
                        }
                    }
                    for (; co < CO; ++co) {
                        const float a = g[co];
                        const float* wr = wk + static_cast<size_t>(co) * CI;
                        if constexpr (kV > 0) {
                            for (int v = 0; v < kV; ++v) acc[0][v] += a * load8(wr + 8 * v);
                        } else {
                            for (int ci = 0; ci < CI; ++ci) d[ci] += a * wr[ci];
                        }
                    }
                }
            }
            if constexpr (kV > 0) {
                for (int v = 0; v < kV; ++v) store8(d + 8 * v, (acc[0][v] + acc[1][v]) + (acc[2][v] + acc[3][v]));
            }
        }
    }
}

PL_HOT void conv_forward_dispatch(const OpSpec& p, const float* in, const float* w, const float* b, float* out) {
    switch (p.out.c) {
        case 8: conv_forward_impl<8>(p, in, w, b, out); break;
        case 16: conv_forward_impl<16>(p, in, w, b, out); break;
        case 32: conv_forward_impl<32>(p, in, w, b, out); break;
        default: conv_forward_impl<0>(p, in, w, b, out); break;
    }
}

PL_HOT void conv_weight_grad_dispatch(const OpSpec& p, const float* in, const float* dout, float* dw, float* db) {
    switch (p.out.c) {
        case 8: conv_weight_grad_impl<8>(p, in, dout, dw, db); break;
        case 16: conv_weight_grad_impl<16>(p, in, dout, dw, db); break;
        case 32: conv_weight_grad_impl<32>(p, in, dout, dw, db); break;
        default: conv_weight_grad_impl<0>(p, in, dout, dw, db); break;
    }
}

PL_HOT void conv_input_grad_dispatch(const OpSpec& p, const float* wt, const float* dout, float* din) {
    switch (p.in.c) {
        case 8: conv_input_grad_impl<8>(p, wt, dout, din); break;
        case 16: conv_input_grad_impl<16>(p, wt, dout, din); break;
        case 32: conv_input_grad_impl<32>(p, wt, dout, din); break;
        default: conv_input_grad_impl<0>(p, wt, dout, din); break;
    }
}

}  // namespace

void conv_forward(const OpSpec& p, const float* in, const float* w, const float* b, float* out) { conv_forward_dispatch(p, in, w, b, out); }

void conv_transpose_weights(const OpSpec& p, const float* w, float* wt) {
    const int CI = p.in.c, CO = p.out.c;
    for (int k = 0; k < p.k_h * p.k_w; ++k) {
        for (int ci = 0; ci < CI; ++ci) {
            for (int co = 0; co < CO; ++co) {
                wt[(static_cast<size_t>(k) * CO + co) * CI + ci] = w[(static_cast<size_t>(k) * CI + ci) * CO + co];
            }
        }
    }
}

void conv_backward_t(const OpSpec& p, const float* in, const float* wt, const float* dout, float* din, float* dw, float* db) {
    conv_weight_grad_dispatch(p, in, dout, dw, db);
    if (din) conv_input_grad_dispatch(p, wt, dout, din);
}

void conv_backward(const OpSpec& p, const float* in, const float* w, const float* dout, float* din, float* dw, float* db) {
    std::vector<float> wt(static_cast<size_t>(weight_count(p)));
    conv_transpose_weights(p, w, wt.data());
    conv_backward_t(p, in, wt.data(), dout, din, dw, db);
}

void dense_forward(const OpSpec& p, const float* in, const float* w, const float* b, float* out) {
    const int N = p.in.size(), U = p.out.c;
    for (int j = 0; j < U; ++j) out[j] = b[j];
    for (int i = 0; i < N; ++i) {
        const float a = in[i];
        const float* wr = w + static_cast<size_t>(i) * U;
        for (int j = 0; j < U; ++j) out[j] += a * wr[j];
    }
    if (p.relu) {
        for (int j = 0; j < U; ++j) out[j] = out[j] < 0.0f ? 0.0f : out[j];
    }
}

void dense_backward(const OpSpec& p, const float* in, const float* w, const float* dout, float* din, float* dw, float* db) {
    const int N = p.in.size(), U = p.out.c;
    for (int j = 0; j < U; ++j) db[j] += dout[j];
    for (int i = 0; i < N; ++i) {
        const float a = in[i];
        const float* wr = w + static_cast<size_t>(i) * U;
        float* d = dw + static_cast<size_t>(i) * U;
        float s = 0.0f;
        for (int j = 0; j < U; ++j) {
            d[j] += a * dout[j];
            s += wr[j] * dout[j];
        }
        if (din) din[i] = s;
    }
}

}  // namespace pl::train

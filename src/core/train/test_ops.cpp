// Every layer kind's backward pass against central finite differences of its
// forward pass, on several shapes, strides, paddings and dilations; and the
// forward passes against values worked out by hand.
#include <gtest/gtest.h>

#include <cmath>
#include <numeric>
#include <random>

#include "core/train/network.h"
#include "core/train/ops.h"

using namespace pl;
using namespace pl::train;

namespace {

struct Op {
    OpSpec spec;
    std::vector<float> w, b;
};

Op make_op(const Shape& in, const Layer& layer, std::mt19937& gen) {
    // A vector input is a 1 x 1 x N image flattened.
    Summary s = in.rank == 1 ? summarize(Model{{3, 1, 1, in.c}, {flatten(), layer}}) : summarize(Model{in, {layer}});
    EXPECT_EQ(s.error, "");
    Op op;
    op.spec = op_spec(layer, in, s.layers.back());
    std::uniform_real_distribution<float> u(-1.0f, 1.0f);
    op.w.resize(static_cast<size_t>(weight_count(op.spec)));
    op.b.resize(static_cast<size_t>(bias_count(op.spec)));
    for (float& v : op.w) v = u(gen);
    for (float& v : op.b) v = u(gen);
    return op;
}

// The forward pass's output on `x`.
std::vector<float> run(const Op& op, const std::vector<float>& x, const std::vector<float>& w, const std::vector<float>& b) {
    std::vector<float> out(static_cast<size_t>(op.spec.out.size())), mid(static_cast<size_t>(op.spec.mid.size()));
    std::vector<int> arg(std::max(out.size(), mid.size()));
    op_forward(op.spec, w.data(), b.data(), x.data(), out.data(), mid.data(), arg.data());
    return out;
}

double dot(const std::vector<float>& a, const std::vector<float>& r) {
    double s = 0;
    for (size_t i = 0; i < a.size(); ++i) s += static_cast<double>(a[i]) * r[i];
    return s;
}

// Distinct values in [-1, 1] at least 2 / n apart, so that a step of 1e-3 never changes which value wins a max.
std::vector<float> distinct_values(int n, std::mt19937& gen) {
    std::vector<float> v(static_cast<size_t>(n));
    for (int i = 0; i < n; ++i) v[static_cast<size_t>(i)] = -1.0f + 2.0f * static_cast<float>(i) / static_cast<float>(n);
    std::shuffle(v.begin(), v.end(), gen);
    return v;
}

// Analytic gradients of sum(out * r) against central differences, for the input, weights and biases.
void check_gradients(const Shape& in, const Layer& layer, unsigned seed) {
    SCOPED_TRACE(std::string(layer_kind_title(layer.kind)) + " on " + shape_text(in) + ", seed " + std::to_string(seed));
    std::mt19937 gen(seed);
    Op op = make_op(in, layer, gen);
    const OpSpec& p = op.spec;
    std::vector<float> x = distinct_values(p.in.size(), gen), r(static_cast<size_t>(p.out.size()));
    std::uniform_real_distribution<float> u(-1.0f, 1.0f);
    for (float& v : r) v = u(gen);
    std::vector<float> out(static_cast<size_t>(p.out.size())), mid(static_cast<size_t>(p.mid.size()));
    std::vector<int> arg(std::max(out.size(), mid.size()));
    op_forward(p, op.w.data(), op.b.data(), x.data(), out.data(), mid.data(), arg.data());
    std::vector<float> din(x.size(), 0.0f), dw(op.w.size(), 0.0f), db(op.b.size(), 0.0f), dmid(mid.size()), wt(op.w.size());
    if (p.kind == LayerKind::Conv2D) conv_transpose_weights(p, op.w.data(), wt.data());
    op_backward(p, op.w.data(), wt.data(), x.data(), r.data(), din.data(), dmid.data(), arg.data(), dw.data(), db.data());
    const float h = 1e-3f;
    auto numeric = [&](std::vector<float>& v, size_t i, int which) {
        const float keep = v[i];
        v[i] = keep + h;
        const double up = dot(run(op, which == 0 ? v : x, which == 1 ? v : op.w, which == 2 ? v : op.b), r);
        v[i] = keep - h;
        const double down = dot(run(op, which == 0 ? v : x, which == 1 ? v : op.w, which == 2 ? v : op.b), r);
        v[i] = keep;
        return (up - down) / (2.0 * h);
    };
    auto compare = [&](std::vector<float>& v, const std::vector<float>& analytic, int which, const char* what) {
        const size_t step = std::max<size_t>(1, v.size() / 97);  // about a hundred entries of each
        for (size_t i = 0; i < v.size(); i += step) {
            const double n = numeric(v, i, which);
            EXPECT_NEAR(analytic[i], n, 2e-3 + 2e-3 * std::fabs(n)) << what << " " << i;
        }
    };
    compare(x, din, 0, "input");
    compare(op.w, dw, 1, "weight");
    compare(op.b, db, 2, "bias");
}

}  // namespace

TEST(TrainOps, ConvGradientsMatchFiniteDifferences) {
    const Padding V = Padding::Valid, S = Padding::Same;
    unsigned seed = 1;
    for (const Shape& in : {Shape{3, 7, 7, 1}, Shape{3, 8, 6, 3}, Shape{3, 9, 9, 8}}) {
        for (int filters : {1, 8, 5, 16}) {
            check_gradients(in, conv2d(filters, 3), seed++);
            check_gradients(in, conv2d(filters, 3, S), seed++);
            check_gradients(in, conv2d(filters, 3, V, 2), seed++);
            check_gradients(in, conv2d(filters, 2, S, 2), seed++);  // 'same' with the extra padding after
            check_gradients(in, conv2d(filters, 3, S, 1, 2), seed++);
            check_gradients(in, conv2d(filters, 2, V, 1, 2), seed++);
        }
    }
    Layer tall = conv2d(4, 1);  // a 3 x 1 kernel with strides 2 x 1
    tall.kernel_h = 3;
    tall.stride_h = 2;
    check_gradients(Shape{3, 9, 5, 2}, tall, 99);
}

TEST(TrainOps, PoolingGradientsMatchFiniteDifferences) {
    const Padding V = Padding::Valid, S = Padding::Same;
    unsigned seed = 100;
    for (const Shape& in : {Shape{3, 6, 6, 1}, Shape{3, 7, 5, 3}, Shape{3, 9, 9, 8}}) {
        for (Padding pad : {V, S}) {
            check_gradients(in, max_pool(2, 2, pad), seed++);
            check_gradients(in, max_pool(3, 2, pad), seed++);
            check_gradients(in, max_pool(3, 1, pad), seed++);
            check_gradients(in, avg_pool(2, 2, pad), seed++);
            check_gradients(in, avg_pool(3, 2, pad), seed++);
            check_gradients(in, avg_pool(3, 1, pad), seed++);
            check_gradients(in, blur_pool(2, 2, pad), seed++);
            check_gradients(in, blur_pool(3, 2, pad), seed++);
            check_gradients(in, blur_pool(2, 1, pad), seed++);
            check_gradients(in, blur_pool(2, 3, pad), seed++);
        }
        check_gradients(in, global_max_pool(), seed++);
        check_gradients(in, global_avg_pool(), seed++);
        check_gradients(in, flatten(), seed++);
    }
}

TEST(TrainOps, DenseGradientsMatchFiniteDifferences) {
    check_gradients(Shape{1, 1, 1, 12}, dense(10), 200);
    check_gradients(Shape{1, 1, 1, 1}, dense(3), 201);
    check_gradients(Shape{1, 1, 1, 40}, dense(16), 202);
    check_gradients(Shape{3, 4, 3, 5}, dense(7), 203);  // Keras's Dense on an image: per cell
}

TEST(TrainOps, MaxPoolRoutesToTheFirstWinnerAndAverageSpreads) {
    // 2 x 2 input, one channel, all equal: a tie, won by the first cell in row order.
    Summary s = summarize(Model{{3, 2, 2, 1}, {max_pool(2)}});
    OpSpec p = op_spec(max_pool(2), {3, 2, 2, 1}, s.layers[0]);
    std::vector<float> x = {5, 5, 5, 5}, out(1), din(4);
    std::vector<int> arg(1);
    max_pool_forward(p, x.data(), out.data(), arg.data());
    EXPECT_EQ(arg[0], 0);
    const float g = 1.0f;
    max_pool_backward(p, &g, arg.data(), din.data());
    EXPECT_EQ(din, (std::vector<float>{1, 0, 0, 0}));
    // Average pooling, 'same', 3 x 3 input with a 2 x 2 window: the last row and column's windows hold 2 and 1 real cells.
    Summary sa = summarize(Model{{3, 3, 3, 1}, {avg_pool(2, 2, Padding::Same)}});
    OpSpec pa = op_spec(avg_pool(2, 2, Padding::Same), {3, 3, 3, 1}, sa.layers[0]);
    std::vector<float> y = {1, 2, 3, 4, 5, 6, 7, 8, 9}, o(4);
    avg_pool_forward(pa, y.data(), o.data());
    EXPECT_EQ(o, (std::vector<float>{3, 4.5f, 7.5f, 9}));  // (1+2+4+5)/4, (3+6)/2, (7+8)/2, 9/1
}

TEST(TrainOps, BlurPoolBlursAReflectedMax) {
    // 4 x 4 with one bright cell: the max (2 at stride 1) makes a 2 x 2 block of a 3 x 3 map,
    // and the blur at stride 2 with reflection gives a 2 x 2 result worked out by hand.
    const Shape in{3, 4, 4, 1};
    Summary s = summarize(Model{in, {blur_pool(2)}});
    OpSpec p = op_spec(blur_pool(2), in, s.layers[0]);
    ASSERT_EQ(p.mid, (Dims{3, 3, 1}));
    ASSERT_EQ(p.out, (Dims{2, 2, 1}));
    std::vector<float> x(16, 0.0f), mid(9), out(4);
    std::vector<int> arg(9);
    x[5] = 16.0f;  // row 1, column 1: the max is 16 on mid rows 0-1, columns 0-1
    blur_pool_forward(p, x.data(), mid.data(), arg.data(), out.data());
    EXPECT_EQ(mid, (std::vector<float>{16, 16, 0, 16, 16, 0, 0, 0, 0}));
    // out(0,0) reads mid rows -1,0,1 -> reflected 1,0,1 (weights 1,2,1 / 4, all on the 16s), columns the same: 16.
    EXPECT_FLOAT_EQ(out[0], 16.0f);
    // out(0,1) reads columns 1,2,3 -> 1,2,reflected 1: weights on column 1 are 1 + 1 = 2 of 4, rows all 4 of 4: 8.
    EXPECT_FLOAT_EQ(out[1], 8.0f);
    EXPECT_FLOAT_EQ(out[2], 8.0f);
    EXPECT_FLOAT_EQ(out[3], 4.0f);
}

TEST(TrainOps, SoftmaxCrossEntropyIsStableForLargeScores) {
    std::vector<float> scores = {1000.0f, 0.0f, -1000.0f}, probs(3);
    const float loss = softmax_cross_entropy(scores.data(), 3, 1, probs.data());
    EXPECT_NEAR(loss, 1000.0f, 1e-3);
    EXPECT_NEAR(probs[0], 1.0f, 1e-6);
    EXPECT_NEAR(std::accumulate(probs.begin(), probs.end(), 0.0f), 1.0f, 1e-6);
}

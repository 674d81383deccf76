#include "core/train/network.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstring>

#include "core/csv.h"

namespace pl::train {

namespace {

// The largest network PoolLab trains: beyond it a step takes longer than a student waits.
constexpr long long kMaxTrainParams = 20000000;
constexpr long long kMaxTrainValues = 4000000;  // activations of one picture, summed over the layers

bool has_weights(LayerKind k) { return k == LayerKind::Conv2D || k == LayerKind::Dense; }

std::string layer_name(const Model& m, size_t i) {
    return "layer " + std::to_string(i + 1) + " (" + layer_kind_title(m.layers[i].kind) + ")";
}

// Backward from `dlast` (n x classes, the gradient at the last layer's output) through every layer.
// With `inputs`, each layer's input gradient of image 0 is kept (and the input's too).
void backward_core(const Network& net, Workspace& ws, int n, std::vector<float>& grads, std::vector<std::vector<float>>* inputs) {
    grads.assign(net.params.size(), 0.0f);
    for (size_t i = net.layers.size(); i-- > 0;) {
        const NetLayer& L = net.layers[i];
        const OpSpec& p = L.spec;
        const int in_size = p.in.size(), out_size = p.out.size();
        if (p.relu) {
            for (int b = 0; b < n; ++b) {
                relu_mask(ws.acts[i + 1].data() + static_cast<size_t>(b) * out_size, ws.grad_a.data() + static_cast<size_t>(b) * out_size,
                          out_size);
            }
        }
        if (p.kind == LayerKind::Conv2D) conv_transpose_weights(p, net.params.data() + L.weights, ws.transposed.data());
        const bool need_input = i > 0 || inputs;
        const size_t mid_size = static_cast<size_t>(p.mid.size());
        for (int b = 0; b < n; ++b) {
            const size_t bi = static_cast<size_t>(b);
            op_backward(p, net.params.data() + L.weights, ws.transposed.data(), ws.acts[i].data() + bi * in_size,
                        ws.grad_a.data() + bi * out_size, need_input ? ws.grad_b.data() + bi * in_size : nullptr, ws.grad_mid.data(),
                        ws.args[i].empty() ? nullptr : ws.args[i].data() + bi * (p.kind == LayerKind::BlurPool ? mid_size : out_size),
                        grads.data() + L.weights, grads.data() + L.biases);
        }
        if (inputs) (*inputs)[i].assign(ws.grad_b.begin(), ws.grad_b.begin() + in_size);
        std::swap(ws.grad_a, ws.grad_b);
    }
}

}  // namespace

std::uint64_t Rng::next() {
    state += 0x9e3779b97f4a7c15ULL;
    std::uint64_t z = state;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

float Rng::uniform() { return static_cast<float>(next() >> 40) * (1.0f / 16777216.0f); }

int Rng::below(int n) { return static_cast<int>(((next() >> 32) * static_cast<std::uint64_t>(n)) >> 32); }

Result<Network> make_network(const Model& m, int side, int classes) {
    using R = Result<Network>;
    if (m.input.rank != 3 || m.input.h != side || m.input.w != side || m.input.c != 1) {
        return R::failure("the input must be " + size_text(side, side, 1) + " for these pictures (it is " +
                          shape_text(m.input) + ")");
    }
    if (m.layers.empty()) return R::failure("a network needs at least one layer");
    const Summary sum = summarize(m);
    if (sum.failed >= 0) return R::failure(sum.error);
    Network net;
    net.model = m;
    net.classes = classes;
    net.input = Dims{side, side, 1};
    long long values = 0;
    Shape in = m.input;
    for (size_t i = 0; i < m.layers.size(); ++i) {
        NetLayer L;
        L.layer = m.layers[i];
        L.spec = op_spec(L.layer, in, sum.layers[i]);
        L.spec.relu = has_weights(L.layer.kind) && i + 1 < m.layers.size();
        values += sum.layers[i].activations + L.spec.mid.size();
        net.layers.push_back(L);
        in = sum.layers[i].out;
    }
    const Shape& out = sum.layers.back().out;
    const std::string last = layer_name(m, m.layers.size() - 1);
    if (out.rank == 3) {
        return R::failure(last + ": the last layer must give one value a class (" + std::to_string(classes) + "), but it gives " +
                          shape_text(out) + "; end with Flatten and Dense(" + std::to_string(classes) + ") or with global pooling");
    }
    if (out.c != classes) {
        return R::failure(last + ": the last layer gives " + count_text(out.c, "value") + ", but there are " + count_text(classes, "class", "classes") +
                          "; make it " + count_text(classes, m.layers.back().kind == LayerKind::Dense ? "unit" : "channel"));
    }
    if (sum.total_params > kMaxTrainParams) {
        return R::failure("the network has " + std::to_string(sum.total_params) + " parameters; PoolLab trains at most " +
                          std::to_string(kMaxTrainParams));
    }
    if (values > kMaxTrainValues) return R::failure("its layers make too many values a picture to train here (" + std::to_string(values) + ")");
    size_t at = 0;
    for (NetLayer& L : net.layers) {
        L.weights = at;
        at += static_cast<size_t>(weight_count(L.spec));
        L.biases = at;
        at += static_cast<size_t>(bias_count(L.spec));
    }
    net.params.assign(at, 0.0f);
    return R::success(std::move(net));
}

void init_weights(Network& net, std::uint64_t seed) {
    Rng rng(seed);
    std::fill(net.params.begin(), net.params.end(), 0.0f);
    for (const NetLayer& L : net.layers) {
        const OpSpec& p = L.spec;
        const int count = weight_count(p);
        if (count == 0) continue;
        const int cells = p.kind == LayerKind::Conv2D ? p.k_h * p.k_w : 1;
        const double fan_in = static_cast<double>(cells) * (p.kind == LayerKind::Conv2D ? p.in.c : p.in.size());
        const double fan_out = static_cast<double>(cells) * p.out.c;
        const float limit = static_cast<float>(std::sqrt(6.0 / (fan_in + fan_out)));
        for (int i = 0; i < count; ++i) net.params[L.weights + static_cast<size_t>(i)] = (2.0f * rng.uniform() - 1.0f) * limit;
    }
}

Workspace make_workspace(const Network& net, int capacity) {
    Workspace ws;
    ws.capacity = capacity;
    const size_t n = static_cast<size_t>(capacity);
    size_t largest = static_cast<size_t>(net.input.size()), mid = 0, weights = 0;
    ws.acts.emplace_back(n * static_cast<size_t>(net.input.size()));
    for (const NetLayer& L : net.layers) {
        const OpSpec& p = L.spec;
        ws.acts.emplace_back(n * static_cast<size_t>(p.out.size()));
        ws.mids.emplace_back(p.kind == LayerKind::BlurPool ? n * static_cast<size_t>(p.mid.size()) : 0);
        const bool routes = p.kind == LayerKind::MaxPool || p.kind == LayerKind::GlobalMaxPool || p.kind == LayerKind::BlurPool;
        ws.args.emplace_back(routes ? n * static_cast<size_t>(p.kind == LayerKind::BlurPool ? p.mid.size() : p.out.size()) : 0);
        largest = std::max(largest, static_cast<size_t>(p.out.size()));
        mid = std::max(mid, static_cast<size_t>(p.mid.size()));
        if (p.kind == LayerKind::Conv2D) weights = std::max(weights, static_cast<size_t>(weight_count(p)));
    }
    ws.probs.resize(n * static_cast<size_t>(net.classes));
    ws.grad_a.resize(n * largest);
    ws.grad_b.resize(n * largest);
    ws.grad_mid.resize(mid);
    ws.transposed.resize(weights);
    return ws;
}

void forward(const Network& net, Workspace& ws, const float* images, int n) {
    assert(n >= 0 && n <= ws.capacity && ws.acts.size() == net.layers.size() + 1);  // a workspace made for this network and batch
    ws.count = n;
    std::memcpy(ws.acts[0].data(), images, sizeof(float) * static_cast<size_t>(n) * static_cast<size_t>(net.input.size()));
    for (size_t i = 0; i < net.layers.size(); ++i) {
        const NetLayer& L = net.layers[i];
        const OpSpec& p = L.spec;
        const size_t in_size = static_cast<size_t>(L.spec.in.size()), out_size = static_cast<size_t>(L.spec.out.size());
        const size_t mid_size = static_cast<size_t>(L.spec.mid.size());
        const size_t arg_size = L.spec.kind == LayerKind::BlurPool ? mid_size : out_size;
        for (int b = 0; b < n; ++b) {
            const size_t bi = static_cast<size_t>(b);
            op_forward(p, net.params.data() + L.weights, net.params.data() + L.biases, ws.acts[i].data() + bi * in_size,
                       ws.acts[i + 1].data() + bi * out_size,
                          ws.mids[i].empty() ? nullptr : ws.mids[i].data() + bi * mid_size,
                          ws.args[i].empty() ? nullptr : ws.args[i].data() + bi * arg_size);
        }
    }
    const float* scores = ws.acts.back().data();
    for (int b = 0; b < n; ++b) {
        const size_t o = static_cast<size_t>(b) * static_cast<size_t>(net.classes);
        softmax_cross_entropy(scores + o, net.classes, 0, ws.probs.data() + o);
    }
}

double batch_loss(const Network& net, const Workspace& ws, const std::uint8_t* labels) {
    double loss = 0.0;
    std::vector<float> probs(static_cast<size_t>(net.classes));
    for (int b = 0; b < ws.count; ++b) {
        loss += softmax_cross_entropy(ws.acts.back().data() + static_cast<size_t>(b) * net.classes, net.classes, labels[b], probs.data());
    }
    return loss / std::max(ws.count, 1);
}

double backward(const Network& net, Workspace& ws, const std::uint8_t* labels, std::vector<float>& grads) {
    const int n = ws.count;
    const size_t C = static_cast<size_t>(net.classes);
    for (int b = 0; b < n; ++b) {
        for (size_t k = 0; k < C; ++k) {
            const size_t o = static_cast<size_t>(b) * C + k;
            ws.grad_a[o] = (ws.probs[o] - (k == labels[b] ? 1.0f : 0.0f)) / static_cast<float>(n);
        }
    }
    const double loss = batch_loss(net, ws, labels);
    backward_core(net, ws, n, grads, nullptr);
    return loss;
}

std::vector<std::vector<float>> backward_from(const Network& net, Workspace& ws, const float* dscores, std::vector<float>& grads) {
    assert(ws.count >= 1);  // after a forward pass
    std::copy(dscores, dscores + net.classes, ws.grad_a.begin());
    std::vector<std::vector<float>> inputs(net.layers.size() + 1);
    inputs.back().assign(dscores, dscores + net.classes);
    backward_core(net, ws, 1, grads, &inputs);
    return inputs;
}

void adam_step(Adam& opt, std::vector<float>& params, const std::vector<float>& grads) {
    if (opt.m.size() != params.size()) {
        opt.m.assign(params.size(), 0.0f);
        opt.v.assign(params.size(), 0.0f);
        opt.step = 0;
    }
    ++opt.step;
    const double bc1 = 1.0 - std::pow(static_cast<double>(opt.beta1), static_cast<double>(opt.step));
    const double bc2 = 1.0 - std::pow(static_cast<double>(opt.beta2), static_cast<double>(opt.step));
    const float step_size = static_cast<float>(opt.lr / bc1);
    const float bc2_sqrt = static_cast<float>(std::sqrt(bc2));
    const float b1 = opt.beta1, b2 = opt.beta2;
    for (size_t i = 0; i < params.size(); ++i) {
        const float g = grads[i];
        opt.m[i] = opt.m[i] * b1 + (1.0f - b1) * g;
        opt.v[i] = opt.v[i] * b2 + (1.0f - b2) * g * g;
        const float denom = std::sqrt(opt.v[i]) / bc2_sqrt + opt.eps;
        params[i] -= step_size * (opt.m[i] / denom);
    }
}

}  // namespace pl::train

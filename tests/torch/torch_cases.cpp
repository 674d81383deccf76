// Random small cases for the PyTorch oracle (tests/torch/compare_torch.py):
// each layer kind's forward pass and gradients, a whole network's
// probabilities, loss and weight gradients, and Adam steps, as PoolLab
// computes them, written as JSON to the file named on the command line.
#include <cstdio>
#include <string>
#include <vector>

#include "core/train/network.h"
#include "core/train/ops.h"

using namespace pl;
using namespace pl::train;

namespace {

std::string list(const std::vector<float>& v) {
    std::string s = "[";
    char buf[32];
    for (size_t i = 0; i < v.size(); ++i) {
        std::snprintf(buf, sizeof buf, "%s%.9g", i ? "," : "", static_cast<double>(v[i]));
        s += buf;
    }
    return s + "]";
}

std::vector<float> random(Rng& rng, size_t n) {
    std::vector<float> v(n);
    for (float& x : v) x = 2.0f * rng.uniform() - 1.0f;
    return v;
}

// One layer on one random input: {"model": ..., "x", "w", "b", "r", "out", "dx", "dw", "db"}.
std::string layer_case(const Shape& in, const Layer& layer, Rng& rng) {
    const Model m{in, {layer}};
    const Summary s = summarize(m);
    if (s.failed >= 0) {
        std::fprintf(stderr, "torch_cases: %s\n", s.error.c_str());
        std::exit(1);
    }
    const OpSpec p = op_spec(layer, in, s.layers[0]);
    std::vector<float> x = random(rng, static_cast<size_t>(p.in.size())), w = random(rng, static_cast<size_t>(weight_count(p)));
    std::vector<float> b = random(rng, static_cast<size_t>(bias_count(p))), r = random(rng, static_cast<size_t>(p.out.size()));
    std::vector<float> out(static_cast<size_t>(p.out.size())), mid(static_cast<size_t>(p.mid.size()));
    std::vector<int> arg(std::max(out.size(), mid.size()));
    op_forward(p, w.data(), b.data(), x.data(), out.data(), mid.data(), arg.data());
    std::vector<float> dx(x.size()), dw(w.size(), 0.0f), db(b.size(), 0.0f), dmid(mid.size()), wt(w.size());
    if (p.kind == LayerKind::Conv2D) conv_transpose_weights(p, w.data(), wt.data());
    op_backward(p, w.data(), wt.data(), x.data(), r.data(), dx.data(), dmid.data(), arg.data(), dw.data(), db.data());
    return "{\"model\":" + model_to_json(m) + ",\"x\":" + list(x) + ",\"w\":" + list(w) + ",\"b\":" + list(b) + ",\"r\":" + list(r) +
           ",\"out\":" + list(out) + ",\"dx\":" + list(dx) + ",\"dw\":" + list(dw) + ",\"db\":" + list(db) + "}";
}

// A network on a batch: its weights, pictures and labels, and PoolLab's probabilities, loss and gradients.
std::string network_case(const Model& m, int classes, Rng& rng, std::uint64_t seed) {
    Result<Network> made = make_network(m, static_cast<int>(m.input.h), classes);
    if (!made.ok()) {
        std::fprintf(stderr, "torch_cases: %s\n", made.error.c_str());
        std::exit(1);
    }
    Network net = made.value;
    init_weights(net, seed);
    for (size_t i = 0; i < net.params.size(); ++i) net.params[i] += 0.05f * (2.0f * rng.uniform() - 1.0f);  // biases not all zero
    const int n = 5;
    std::vector<float> images(static_cast<size_t>(n) * net.input.size());
    for (float& v : images) v = rng.uniform();
    std::vector<std::uint8_t> labels(static_cast<size_t>(n));
    std::vector<float> label_list;
    for (auto& l : labels) {
        l = static_cast<std::uint8_t>(rng.below(classes));
        label_list.push_back(l);
    }
    Workspace ws = make_workspace(net, n);
    forward(net, ws, images.data(), n);
    std::vector<float> grads;
    const double loss = backward(net, ws, labels.data(), grads);
    char loss_text[32];
    std::snprintf(loss_text, sizeof loss_text, "%.12g", loss);
    return "{\"model\":" + model_to_json(m) + ",\"classes\":" + std::to_string(classes) + ",\"params\":" + list(net.params) +
           ",\"images\":" + list(images) + ",\"labels\":" + list(label_list) + ",\"probs\":" + list(ws.probs) +
           ",\"loss\":" + loss_text + ",\"grads\":" + list(grads) + "}";
}

// Three Adam steps from random weights with random gradients.
std::string adam_case(Rng& rng) {
    Adam opt;
    opt.lr = 2e-3f;
    std::vector<float> p = random(rng, 50);
    std::string s = "{\"lr\":0.002,\"p0\":" + list(p) + ",\"steps\":[";
    for (int k = 0; k < 3; ++k) {
        std::vector<float> g = random(rng, 50);
        adam_step(opt, p, g);
        s += std::string(k ? "," : "") + "{\"g\":" + list(g) + ",\"p\":" + list(p) + "}";
    }
    return s + "]}";
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: poollab_torch_cases OUT.json\n");
        return 2;
    }
    Rng rng(2024);
    const Padding V = Padding::Valid, S = Padding::Same;
    std::vector<std::string> layers;
    for (const Shape& in : {Shape{3, 7, 7, 1}, Shape{3, 9, 8, 8}, Shape{3, 6, 6, 3}}) {
        for (int f : {8, 5, 16}) {
            layers.push_back(layer_case(in, conv2d(f, 3), rng));
            layers.push_back(layer_case(in, conv2d(f, 3, S), rng));
            layers.push_back(layer_case(in, conv2d(f, 3, V, 2), rng));
            layers.push_back(layer_case(in, conv2d(f, 2, S, 2), rng));
            layers.push_back(layer_case(in, conv2d(f, 3, S, 1, 2), rng));
        }
        for (Padding pad : {V, S}) {
            for (int k : {2, 3}) {
                for (int st : {1, 2}) {
                    layers.push_back(layer_case(in, max_pool(k, st, pad), rng));
                    layers.push_back(layer_case(in, avg_pool(k, st, pad), rng));
                    layers.push_back(layer_case(in, blur_pool(k, st + 1, pad), rng));
                }
            }
            layers.push_back(layer_case(in, blur_pool(2, 2, pad), rng));
        }
        layers.push_back(layer_case(in, global_max_pool(), rng));
        layers.push_back(layer_case(in, global_avg_pool(), rng));
        layers.push_back(layer_case(in, flatten(), rng));
        layers.push_back(layer_case(in, dense(6), rng));  // Keras's Dense on an image
    }
    std::vector<std::string> networks;
    const Shape in{3, 12, 12, 1};
    networks.push_back(network_case(Model{in, {conv2d(8, 3), max_pool(2), conv2d(16, 3), max_pool(2), flatten(), dense(10)}}, 10, rng, 1));
    networks.push_back(network_case(Model{in, {conv2d(8, 3, S), blur_pool(2), conv2d(8, 3), avg_pool(2), flatten(), dense(16), dense(4)}}, 4, rng, 2));
    networks.push_back(network_case(Model{in, {conv2d(8, 3, V, 2), conv2d(3, 3), global_max_pool()}}, 3, rng, 3));
    networks.push_back(network_case(Model{in, {conv2d(6, 3), conv2d(10, 3), global_avg_pool()}}, 10, rng, 4));
    std::FILE* f = std::fopen(argv[1], "w");
    if (!f) {
        std::fprintf(stderr, "cannot write %s\n", argv[1]);
        return 1;
    }
    std::string all = "{\"layers\":[";
    for (size_t i = 0; i < layers.size(); ++i) all += (i ? "," : "") + layers[i];
    all += "],\"networks\":[";
    for (size_t i = 0; i < networks.size(); ++i) all += (i ? "," : "") + networks[i];
    all += "],\"adam\":" + adam_case(rng) + "}\n";
    std::fputs(all.c_str(), f);
    std::fclose(f);
    return 0;
}

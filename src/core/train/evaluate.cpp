#include "core/train/evaluate.h"

#include <algorithm>
#include <cmath>

#include "core/train/trainer.h"

namespace pl::train {

namespace {

constexpr int kChunk = 64;  // pictures a forward pass at a time

int count_of(const Dataset& data, int limit) { return limit < 0 ? data.count() : std::min(limit, data.count()); }

int argmax(const float* p, int n) {
    int best = 0;
    for (int c = 1; c < n; ++c) best = p[c] > p[best] ? c : best;
    return best;
}

// Predictions for pictures 0..n-1 of `data`, each shifted by shift(i) (in pixels).
template <class Shift>
std::vector<int> predict_shifted(const Network& net, const Dataset& data, int n, Shift shift) {
    std::vector<ShiftedPicture> pictures(static_cast<size_t>(std::max(n, 0)));
    for (int i = 0; i < n; ++i) {
        const auto [dx, dy] = shift(i);
        pictures[static_cast<size_t>(i)] = {i, dx, dy};
    }
    return classify(net, data, pictures);
}

std::vector<int> predict_at(const Network& net, const Dataset& data, int n, int dx, int dy) {
    return predict_shifted(net, data, n, [=](int) { return std::pair<int, int>{dx, dy}; });
}

double fraction_right(const std::vector<int>& predicted, const Dataset& data) {
    if (predicted.empty()) return 0.0;
    long long right = 0;
    for (size_t i = 0; i < predicted.size(); ++i) right += predicted[i] == data.labels[i];
    return static_cast<double>(right) / static_cast<double>(predicted.size());
}

std::string layer_title(const Network& net, size_t i) {
    return "layer " + std::to_string(i + 1) + " (" + layer_kind_title(net.layers[i].layer.kind) + ")";
}

}  // namespace

std::vector<int> classify(const Network& net, const Dataset& data, const std::vector<ShiftedPicture>& pictures) {
    std::vector<int> out(pictures.size());
    const int n = static_cast<int>(pictures.size());
    Workspace ws = make_workspace(net, std::max(1, std::min(kChunk, n)));
    const size_t px = static_cast<size_t>(data.side) * data.side;
    std::vector<float> images(static_cast<size_t>(std::min(kChunk, std::max(n, 1))) * px);
    for (int first = 0; first < n; first += kChunk) {
        const int m = std::min(kChunk, n - first);
        for (int b = 0; b < m; ++b) {
            const ShiftedPicture& p = pictures[static_cast<size_t>(first + b)];
            picture_floats(data, p.picture, p.dx, p.dy, images.data() + static_cast<size_t>(b) * px);
        }
        forward(net, ws, images.data(), m);
        for (int b = 0; b < m; ++b) out[static_cast<size_t>(first + b)] = argmax(ws.probs.data() + static_cast<size_t>(b) * net.classes, net.classes);
    }
    return out;
}

Evaluation evaluate(const Network& net, const Dataset& data, int limit) {
    Evaluation e;
    e.count = count_of(data, limit);
    e.confusion.assign(static_cast<size_t>(net.classes) * net.classes, 0);
    Workspace ws = make_workspace(net, kChunk);
    const size_t px = static_cast<size_t>(data.side) * data.side;
    std::vector<float> images(kChunk * px);
    double loss = 0;
    long long right = 0;
    for (int first = 0; first < e.count; first += kChunk) {
        const int m = std::min(kChunk, e.count - first);
        for (int b = 0; b < m; ++b) picture_floats(data, first + b, 0, 0, images.data() + static_cast<size_t>(b) * px);
        forward(net, ws, images.data(), m);
        loss += batch_loss(net, ws, data.labels.data() + first) * m;
        for (int b = 0; b < m; ++b) {
            const int truth = data.labels[static_cast<size_t>(first + b)];
            const int guess = argmax(ws.probs.data() + static_cast<size_t>(b) * net.classes, net.classes);
            right += guess == truth;
            e.confusion[static_cast<size_t>(truth) * net.classes + guess] += 1;
        }
    }
    if (e.count > 0) {
        e.accuracy = static_cast<double>(right) / e.count;
        e.loss = loss / e.count;
    }
    return e;
}

ShiftSweep shift_accuracy(const Network& net, const Dataset& data, int radius, int limit) {
    ShiftSweep s;
    s.radius = std::max(radius, 0);
    const int n = count_of(data, limit);
    for (int dy = -s.radius; dy <= s.radius; ++dy) {
        for (int dx = -s.radius; dx <= s.radius; ++dx) s.accuracy.push_back(fraction_right(predict_at(net, data, n, dx, dy), data));
    }
    return s;
}

double consistency(const Network& net, const Dataset& data, int radius, std::uint64_t seed, int limit) {
    const int n = count_of(data, limit);
    if (n == 0) return 0.0;
    Rng rng(seed);
    std::vector<std::pair<int, int>> a(static_cast<size_t>(n)), b(static_cast<size_t>(n));
    const int span = 2 * std::max(radius, 0) + 1;
    for (int i = 0; i < n; ++i) {
        a[static_cast<size_t>(i)] = {rng.below(span) - radius, rng.below(span) - radius};
        b[static_cast<size_t>(i)] = {rng.below(span) - radius, rng.below(span) - radius};
    }
    const std::vector<int> pa = predict_shifted(net, data, n, [&](int i) { return a[static_cast<size_t>(i)]; });
    const std::vector<int> pb = predict_shifted(net, data, n, [&](int i) { return b[static_cast<size_t>(i)]; });
    long long same = 0;
    for (int i = 0; i < n; ++i) same += pa[static_cast<size_t>(i)] == pb[static_cast<size_t>(i)];
    return static_cast<double>(same) / n;
}

double flip_probability(const Network& net, const Dataset& data, int limit) {
    const int n = count_of(data, limit);
    if (n == 0) return 0.0;
    const std::vector<int> base = predict_at(net, data, n, 0, 0);
    long long flips = 0;
    for (auto [dx, dy] : {std::pair{1, 0}, {-1, 0}, {0, 1}, {0, -1}}) {
        const std::vector<int> moved = predict_at(net, data, n, dx, dy);
        for (int i = 0; i < n; ++i) flips += moved[static_cast<size_t>(i)] != base[static_cast<size_t>(i)];
    }
    return static_cast<double>(flips) / (4.0 * n);
}

std::vector<int> predict(const Network& net, const float* images, int n) {
    std::vector<int> out(static_cast<size_t>(std::max(n, 0)));
    Workspace ws = make_workspace(net, kChunk);
    const size_t px = static_cast<size_t>(net.input.size());
    for (int first = 0; first < n; first += kChunk) {
        const int m = std::min(kChunk, n - first);
        forward(net, ws, images + static_cast<size_t>(first) * px, m);
        for (int b = 0; b < m; ++b) out[static_cast<size_t>(first + b)] = argmax(ws.probs.data() + static_cast<size_t>(b) * net.classes, net.classes);
    }
    return out;
}

std::vector<float> class_probabilities(const Network& net, const float* image) {
    Workspace ws = make_workspace(net, 1);
    forward(net, ws, image, 1);
    return ws.probs;
}

std::vector<FeatureMap> feature_maps(const Network& net, const float* image) {
    Workspace ws = make_workspace(net, 1);
    forward(net, ws, image, 1);
    std::vector<FeatureMap> maps;
    maps.push_back({"input", net.input, ws.acts[0]});
    for (size_t i = 0; i < net.layers.size(); ++i) {
        const OpSpec& p = net.layers[i].spec;
        if (p.kind == LayerKind::BlurPool) maps.push_back({layer_title(net, i) + ", before the blur", p.mid, ws.mids[i]});
        maps.push_back({layer_title(net, i), p.out, ws.acts[i + 1]});
    }
    return maps;
}

std::vector<FeatureMap> class_gradients(const Network& net, const float* image, int cls) {
    Workspace ws = make_workspace(net, 1);
    forward(net, ws, image, 1);
    std::vector<float> onehot(static_cast<size_t>(net.classes), 0.0f), grads;
    if (cls >= 0 && cls < net.classes) onehot[static_cast<size_t>(cls)] = 1.0f;
    const std::vector<std::vector<float>> at_inputs = backward_from(net, ws, onehot.data(), grads);
    std::vector<FeatureMap> maps;
    for (size_t i = 0; i < net.layers.size(); ++i) {
        maps.push_back({i == 0 ? std::string("input") : "into " + layer_title(net, i), net.layers[i].spec.in, at_inputs[i]});
    }
    return maps;
}

}  // namespace pl::train

#pragma once
// A layer stack made trainable: its layers' loops (core/train/ops.h), its
// weights in one array, a forward pass over a batch with what the backward
// pass needs kept in a workspace, the backward pass, glorot-uniform
// initialisation from a seed and Adam. Plain, copyable structs: a copy of a
// Network is a snapshot of its weights.
#include <cstdint>
#include <string>
#include <vector>

#include "core/layers.h"
#include "core/result.h"
#include "core/train/ops.h"

namespace pl::train {

// A small, fast generator whose numbers are the same on every platform
// (SplitMix64), for initialisation, shuffling, shifts and sampling.
struct Rng {
    std::uint64_t state = 0;
    Rng() = default;
    explicit Rng(std::uint64_t seed) : state(seed) {}
    std::uint64_t next();
    float uniform();         // in [0, 1)
    int below(int n);        // in [0, n)
};

// One layer of a network: its loops' spec and where its weights and biases sit in the array.
struct NetLayer {
    Layer layer;
    OpSpec spec;
    size_t weights = 0, biases = 0;  // offsets into Network::params
};

struct Network {
    Model model;
    int classes = 10;
    std::vector<NetLayer> layers;
    std::vector<float> params;  // every layer's weights, then its biases, layer after layer
    Dims input;
};

// The network for `m` if it can be trained on side x side x 1 pictures with
// `classes` classes; otherwise why not, naming the layer. Weights are zero.
Result<Network> make_network(const Model& m, int side, int classes);

// Glorot-uniform weights (Keras's default: U(-a, a), a = sqrt(6 / (fan_in + fan_out)),
// fan = kernel cells x channels) and zero biases; the same seed gives the same weights.
void init_weights(Network& net, std::uint64_t seed);

// Activations kept by a forward pass for the backward pass, for up to `capacity` images.
struct Workspace {
    int capacity = 0, count = 0;
    std::vector<std::vector<float>> acts;  // acts[0]: the input; acts[i + 1]: layer i's output (after ReLU)
    std::vector<std::vector<float>> mids;  // BlurPool: the max before the blur
    std::vector<std::vector<int>> args;    // max pooling: the winners
    std::vector<float> probs;              // count x classes, softmax of the last layer
    std::vector<float> grad_a, grad_b, grad_mid, transposed;  // scratch of the backward pass
};

// A workspace for batches of up to `capacity` images.
Workspace make_workspace(const Network& net, int capacity);

// Forward pass over `n` pictures (n x side x side floats in [0, 1]); probabilities in ws.probs.
void forward(const Network& net, Workspace& ws, const float* images, int n);

// Mean cross-entropy of the last forward pass against `labels`.
double batch_loss(const Network& net, const Workspace& ws, const std::uint8_t* labels);

// Backward pass of the mean cross-entropy; the gradients (same layout as params) are
// written to `grads` (resized). Returns the loss.
double backward(const Network& net, Workspace& ws, const std::uint8_t* labels, std::vector<float>& grads);

// The gradient of an arbitrary upstream gradient at the last layer's output (before softmax),
// for one image (the workspace's first): per layer, the gradient at its input (index i) and,
// at the end, at its output; weight gradients into `grads`. Used for "where the gradient flows".
std::vector<std::vector<float>> backward_from(const Network& net, Workspace& ws, const float* dscores, std::vector<float>& grads);

// Adam as PyTorch's torch.optim.Adam does it (beta1 0.9, beta2 0.999, eps 1e-8, bias-corrected).
struct Adam {
    float lr = 2e-3f, beta1 = 0.9f, beta2 = 0.999f, eps = 1e-8f;
    long long step = 0;
    std::vector<float> m, v;
};
void adam_step(Adam& opt, std::vector<float>& params, const std::vector<float>& grads);

}  // namespace pl::train

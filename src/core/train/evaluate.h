#pragma once
// What a trained network does on held-out pictures: accuracy and the confusion
// matrix, accuracy under every shift, Zhang's consistency, how often a 1-pixel
// shift changes the answer; and, for one picture, its class probabilities,
// every layer's feature maps and where the gradient of a class flows.
#include <cstdint>
#include <string>
#include <vector>

#include "core/train/dataset.h"
#include "core/train/network.h"

namespace pl::train {

struct Evaluation {
    int count = 0;                 // pictures evaluated
    double accuracy = 0;           // fraction right
    double loss = 0;               // mean cross-entropy
    std::vector<int> confusion;    // classes x classes, row = true class, column = predicted
};

// The first `limit` pictures of `data` (all when limit < 0), unshifted.
Evaluation evaluate(const Network& net, const Dataset& data, int limit = -1);

// Accuracy on the pictures shifted by every (dx, dy) in -R..R (zero fill):
// accuracy[(dy + R) * (2R + 1) + (dx + R)].
struct ShiftSweep {
    int radius = 0;
    std::vector<double> accuracy;
    double at(int dx, int dy) const { return accuracy[static_cast<size_t>((dy + radius) * (2 * radius + 1) + dx + radius)]; }
};
ShiftSweep shift_accuracy(const Network& net, const Dataset& data, int radius, int limit = -1);

// Zhang 2019's consistency: how often two random shifts (dx, dy each in -R..R) of a
// picture get the same class; one pair a picture, from `seed`.
double consistency(const Network& net, const Dataset& data, int radius, std::uint64_t seed, int limit = -1);

// Azulay and Weiss 2019: the fraction of (picture, 1-pixel shift) pairs, over the four
// shifts left, right, up and down, whose class differs from the unshifted picture's.
double flip_probability(const Network& net, const Dataset& data, int limit = -1);

// One picture of a dataset, moved by (dx, dy) pixels (zero fill).
struct ShiftedPicture {
    int picture, dx, dy;
};
// The class the network gives each, a batch of them at a time.
std::vector<int> classify(const Network& net, const Dataset& data, const std::vector<ShiftedPicture>& pictures);

// The predicted class of every one of `n` pictures (n x side x side floats).
std::vector<int> predict(const Network& net, const float* images, int n);

// Class probabilities for one picture (side x side floats in [0, 1]).
std::vector<float> class_probabilities(const Network& net, const float* image);

// A tensor of one picture as the UI draws it: rows x columns x channels (a vector: 1 x 1 x N).
struct FeatureMap {
    std::string title;  // "input", "layer 1 (Conv2D)", "layer 3 (BlurPool2D), before the blur"
    Dims dims;
    std::vector<float> values;
};

// The input and every layer's output for one picture (a BlurPool's max before its blur too).
std::vector<FeatureMap> feature_maps(const Network& net, const float* image);

// The gradient of class `cls`'s score (the last layer's output before softmax) with respect
// to each layer's input, for one picture: maps[i] is at layer i's input (maps[0]: the picture).
// Through max pooling only the winners get any; through average pooling, every cell.
std::vector<FeatureMap> class_gradients(const Network& net, const float* image, int cls);

}  // namespace pl::train

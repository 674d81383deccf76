#include "core/glossary.h"

namespace pl {

const std::vector<Term>& glossary() {
    static const std::vector<Term> terms = {
        // Pooling itself.
        {"pooling", "Pooling",
         "A layer that sums up each small window of a feature map by one number, so the map gets smaller. It has no weights to learn."},
        {"max-pooling", "Max pooling",
         "Each output is the largest value in its window: a strong response survives wherever it sits inside the window."},
        {"average-pooling", "Average pooling",
         "Each output is the mean of its window (padded cells are left out of the count): every input counts, so one strong response is "
         "diluted by its neighbours."},
        {"min-pooling", "Min pooling",
         "Each output is the smallest value in its window. Networks rarely use it: it keeps the weakest response."},
        {"window", "Window", "The patch of the input that one output looks at, for example 2\u00d72 (also called the pool size)."},
        {"stride", "Stride", "How many cells the window moves between neighbouring outputs. A stride of 2 halves each side of the map."},
        {"valid-padding", "valid padding",
         "No padding: the window sits only where it fits wholly inside the input, so a side of n cells gives floor((n \u2212 k) / s) + 1 "
         "outputs."},
        {"same-padding", "same padding",
         "The input is padded so that a side of n cells gives ceil(n / s) outputs (TensorFlow's rule: the smaller half of the padding "
         "goes before). Padded cells take no part in max, min or average."},
        {"subsampling", "Subsampling",
         "Keeps every s-th cell and drops the rest (a 1\u00d71 window with stride s): it is blind to whatever lies between the cells it "
         "keeps."},
        {"blur-pool", "Blur pool",
         "Zhang's anti-aliased pooling (2019): max pooling with stride 1, then a small [1, 2, 1] blur, then keeping every second cell, so "
         "the output changes smoothly as the input moves."},
        {"aliasing", "Aliasing",
         "Sampling a fine pattern with too large a step makes it look like another, coarser pattern. Blurring before keeping every s-th "
         "cell reduces it."},
        {"global-max-pooling", "Global max pooling",
         "One number per channel: the largest value anywhere in the map. It keeps whether a feature appears, not where."},
        {"global-average-pooling", "Global average pooling",
         "One number per channel: the mean over the whole map. A feature that appears once in a large map nearly vanishes in it."},
        // What pooling works on.
        {"feature-map", "Feature map", "The grid of one filter's responses at every place of its input: one channel of a layer's output."},
        {"convolution", "Convolution",
         "Slides a small grid of weights (a kernel) over the input and writes the weighted sum at each place; a network learns the "
         "weights."},
        {"kernel", "Kernel", "The grid of weights a convolution slides over its input, for example 3\u00d73 (also called a filter)."},
        {"dilation", "Dilation", "Spreads a kernel's weights apart: a 3\u00d73 kernel with dilation 2 covers 5\u00d75 input cells with 9 weights."},
        {"relu", "ReLU", "max(0, x): keeps the positive responses and sets the negative ones to 0."},
        // Shifts.
        {"shift-invariance", "Shift invariance",
         "The output stays the same when the input moves. Pooling gives it only in part: for some shifts, not for all."},
        {"shift-equivariance", "Shift equivariance",
         "When the input moves, the output moves with it. Convolution has it; pooling with stride s keeps it only for shifts that are "
         "multiples of s."},
        {"zero-fill", "Zero fill", "A shift brings in zeros at one edge, and what it moves past the other edge is lost."},
        {"circular-fill", "Circular fill", "A shift wraps around: what leaves at one edge comes back in at the other."},
        {"consistency", "Consistency",
         "In the shift lab, 1 when the shifted input pools to the original's output, unchanged or moved by whole cells, and less the more "
         "it differs; for a trained network (Zhang 2019), how often two random shifts of a picture get the same answer."},
        {"l2-distance", "L2 distance", "The square root of the sum of squared differences between two outputs, cell by cell: 0 means equal."},
        // Layer stacks.
        {"receptive-field", "Receptive field",
         "The patch of the input picture that can affect one unit. Every convolution and pooling layer makes it larger."},
        {"jump", "Jump",
         "The distance, in input pixels, between the fields of two neighbouring units of a layer: the product of the strides below it."},
        {"start", "Start",
         "The input row and column where the first unit's field begins, counted from 1 as the pixels are (one number when the two "
         "agree); 0 or less means the field begins in the padding, before the first pixel."},
        {"flatten", "Flatten", "Lays a map's cells out as one long vector for a dense layer: each position becomes an input of its own."},
        {"dense", "Dense layer", "Every output is a weighted sum of every input, with one weight per input and output, plus a bias."},
        {"parameters", "Parameters", "The weights and biases a network learns. Pooling layers have none."},
        {"multiply-adds", "Multiply-adds",
         "The multiplications, each with its addition, that one picture costs on its way through the network: its cost to run."},
        // Training.
        {"epoch", "Epoch", "One pass over all the training pictures."},
        {"batch", "Batch", "How many pictures one step of the weights is computed from."},
        {"learning-rate", "Learning rate",
         "How large each step of the weights is: too large and the loss can blow up, too small and learning is slow."},
        {"loss", "Loss",
         "Cross-entropy: minus the log of the probability the network gives the right class, averaged over pictures. It falls as the "
         "network learns."},
        {"softmax", "Softmax", "Turns the last layer's scores into probabilities that add up to 1."},
        {"held-out-accuracy", "Held-out accuracy", "The share of pictures the network never trained on that it gets right."},
        {"augmentation", "Augmentation",
         "Each training picture is shifted at random by up to k pixels, so the network learns invariance from the data."},
        {"one-pixel-flips", "1-px flips",
         "How often moving a picture by one pixel changes the network's answer (Azulay & Weiss 2019)."},
        {"gradient", "Gradient",
         "How much a class's score changes as each input value changes. Through max pooling it reaches only each window's winner; "
         "through average pooling, every cell."},
    };
    return terms;
}

const Term* find_term(std::string_view id) {
    for (const Term& t : glossary()) {
        if (id == t.id) return &t;
    }
    return nullptr;
}

std::string term_text(std::string_view id, const std::string& live) {
    const Term* t = find_term(id);
    if (!t) return live;
    std::string out = t->definition;
    if (!live.empty()) out += "\n" + live;
    return out;
}

}  // namespace pl

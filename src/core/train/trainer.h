#pragma once
// Training a network on a dataset in slices the UI can drive: a number of
// batches, or as many as fit in a time budget, then back to the caller. The
// trainer keeps its place (epoch, batch, shuffled order, random state), the
// running loss and a history a chart can draw, and stops by itself when the
// epochs are done or the loss stops being a number (keeping the last weights
// that gave a finite loss). A plain, copyable struct: a copy is a snapshot.
#include <cstdint>
#include <string>
#include <vector>

#include "core/train/dataset.h"
#include "core/train/network.h"

namespace pl::train {

struct TrainSettings {
    int epochs = 5;
    int batch = 32;
    float learning_rate = 2e-3f;
    std::uint64_t seed = 1;  // the weights' initialisation, the shuffling and the shifts
    int augment = 0;         // shift each training picture by up to this many pixels (zero fill); 0: none
};

// Why these settings cannot train, or "" when they can.
std::string check_settings(const TrainSettings& s);

// One finished epoch, for the curves.
struct EpochRecord {
    double loss = 0;            // mean training loss over the epoch
    double train_accuracy = 0;  // on the training batches as they were seen (shifted, if augmenting)
};

enum class TrainState { Training, Done, Diverged };

struct Trainer {
    Network net;
    Adam adam;
    TrainSettings settings;
    TrainState state = TrainState::Training;
    std::string message;  // why it stopped, in words (divergence)

    int epoch = 0;              // epochs finished
    int batch = 0;              // batches finished in the current epoch
    int batches_per_epoch = 0;
    long long images_seen = 0;
    double running_loss = 0;    // exponential average over the last ~20 batches
    double last_loss = 0;
    std::vector<EpochRecord> history;

    // Where the trainer is: the shuffled order of this epoch and the random state.
    Rng rng;
    std::vector<int> order;
    double epoch_loss = 0;
    long long epoch_correct = 0, epoch_images = 0;

    // Scratch, kept so that slices allocate nothing.
    Workspace ws;
    std::vector<float> grads, images;
    std::vector<std::uint8_t> labels;
    std::vector<float> good_params;  // the last weights whose forward pass gave a finite loss
    Adam good_adam;
};

// A trainer for `model` from freshly initialised weights (settings.seed), or refused
// with the reason (a stack that does not fit the data names its layer).
Result<Trainer> make_trainer(const Model& model, const Dataset& train, const TrainSettings& settings);

// A trainer that continues from `net`'s weights (with a fresh optimiser).
Result<Trainer> continue_training(const Network& net, const Dataset& train, const TrainSettings& settings);

// Train up to `n` batches (fewer when done or diverged); returns how many ran.
int run_batches(Trainer& t, const Dataset& train, int n);

// Train whole batches until `ms` milliseconds have passed (at least one batch); returns how many ran.
int run_for(Trainer& t, const Dataset& train, double ms);

// How far training is, from 0 to 1.
double progress(const Trainer& t);

// Picture `i` of `data` as floats in [0, 1], shifted by (dx, dy) pixels (content moves right and
// down for positive values; what comes in is zero), into `out` (side x side).
void picture_floats(const Dataset& data, int i, int dx, int dy, float* out);

}  // namespace pl::train

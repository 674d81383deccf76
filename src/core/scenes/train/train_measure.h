#pragma once
// The scene's measuring, in slices (train_measure.cpp); for the scene's own files only.
#include <chrono>

#include "core/scenes/train/train_scene.h"

namespace pl {

// Measures `n` on `test`, a chunk of pictures after another, one stage at a time,
// until `ms` milliseconds have passed since `t0`. True while more remains.
bool train_measure_slice(TrainNet& n, const train::Dataset& test, double ms, std::chrono::steady_clock::time_point t0);

// Forgets what was measured of `n` (its weights changed): every measure back to -1.
void reset_measures(TrainNet& n);

}  // namespace pl

#pragma once
// The trained-networks scene's networks on 28 x 28 x 1 pictures with 10
// classes, each a short answer to one question about pooling, and the same
// network with 0, 1, 2 and 3 pooling stages ("how much pooling?").
#include <string>
#include <vector>

#include "core/layers.h"

namespace pl::train {

struct TrainPreset {
    const char* name;      // "max", "stages-2", ... (the CLI's --preset, links)
    const char* title;     // for people: "Max pooling"
    const char* question;  // what it answers
    Model model;
};

const std::vector<TrainPreset>& train_presets();

// `m` with its last layer made to give `classes` values: the last Dense's units,
// or the channels of the last conv before a final global pooling (the "where"
// task has 2 classes, the presets are made for 10).
Model with_classes(const Model& m, int classes);
const TrainPreset* find_train_preset(const std::string& name);

}  // namespace pl::train

#pragma once
// The receptive-field scene as a plain, copyable model: an editable layer
// stack, the unit the student picked, and what follows from them (the
// summary, the same stack without pooling, the region each layer sees).
#include <string>

#include "core/layers.h"
#include "core/tasks.h"

namespace pl {

struct FieldScene {
    // --- state ---
    Model model;
    std::string preset = "conv-pool-conv";
    int unit_layer = -1;           // the picked unit: its layer (-1: none) ...
    int unit_row = 0, unit_col = 0;  // ... and position in that layer's output
    bool without_pool = false;     // show the stack with its pooling layers removed

    // --- derived by field_refresh() ---
    Summary summary;               // of `model`; may name a failing layer
    Model shown;                   // the last model that was valid, which the picture shows
    Summary shown_summary;
    Model plain;                   // `shown` without pooling
    Summary plain_summary;
};

FieldScene field_scene_default();
void field_refresh(FieldScene& s);

// Commands; each refreshes the scene. Indices are 0-based; out-of-range ones do nothing.
void field_load_preset(FieldScene& s, const std::string& name);
void field_set_input(FieldScene& s, long long h, long long w, long long c);
void field_insert_layer(FieldScene& s, int index, const Layer& layer);  // index == size appends
void field_remove_layer(FieldScene& s, int index);
void field_move_layer(FieldScene& s, int index, int delta);
void field_duplicate_layer(FieldScene& s, int index);
void field_set_layer(FieldScene& s, int index, const Layer& layer);
void field_pick_unit(FieldScene& s, int layer, int row, int col);  // clamped to the layer's output
// Removes the pooling layers from the picture, or puts them back. The picked
// unit stays on the same layer (a pooling layer's pick moves to the layer
// before it) and over the same place in the input.
void field_toggle_pooling(FieldScene& s);

// Where the picked unit's receptive field lies on the output of layer `on`
// (-1: the input), in that layer's rows and columns (inclusive; may reach into
// the padding). Uses the shown stack (or its no-pooling copy).
Region field_region_on(const FieldScene& s, int on);

// A paragraph about the picked unit with the live numbers, e.g. "This unit sees
// 8 x 8 input pixels: 1 to start, + 2 from layer 1 (Conv2D 3x3), + 1 from
// layer 2 (MaxPooling2D 2x2, which makes one step 2 pixels), + 4 from layer 3 ..."
std::string field_explanation(const FieldScene& s);

// The scene as JSON for the test hook.
std::string field_scene_json(const FieldScene& s);

// Try this: the scene's tasks that check themselves (field_tasks.cpp).
const std::vector<SceneTask>& field_tasks();

}  // namespace pl

#pragma once
// The pieces of the receptive-field scene's view, shared by its two files:
// field_view.cpp (the summary table, the grids, shortcuts, composition) and
// field_panel.cpp (the settings panel: presets, input, the layer stack, the
// pooling comparison, the model as JSON). Not for use outside the scene.
#include <string>

#include "app/scenes/fields/field_view.h"

namespace field_parts {

// The key that loads each preset, in the order of pl::model_presets().
inline constexpr const char* kPresetKeys = "1234567";

// The scene's shortcut keys, for the help window and the panel.
inline constexpr const char* kKeys =
    "1-7 presets \u00b7 C conv \u00b7 M max pool \u00b7 A avg pool \u00b7 F flatten \u00b7 D dense \u00b7 "
    "X remove the last layer \u00b7 U remove/restore pooling \u00b7 \u2190\u2191\u2192\u2193 move the picked "
    "unit \u00b7 [ ] pick a layer below / above";

// One layer as a short line ("Conv 32, 3×3, same"), for the panel's list and the summary table.
std::string layer_line(const pl::Layer& l);

// The settings panel.
void draw_panel(pl::FieldScene& s, FieldView& v, float ratio);

}  // namespace field_parts

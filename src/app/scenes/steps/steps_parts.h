#pragma once
// The pieces of the steps scene's view, shared by its three files:
// steps_view.cpp (composition, cell editor, transport), steps_controls.cpp
// (the settings panel, presets, shortcuts) and steps_stage.cpp (the grids, the
// moving window, hover links). Not for use outside the scene.
#include "app/scenes/steps/steps_view.h"

namespace steps_parts {

// Commands shared by the panel and the keyboard.
void load_course(pl::StepsScene& s, StepsView& v);
void load_mnist(pl::StepsScene& s, StepsView& v);
void cycle_op(pl::StepsScene& s);
void randomise(pl::StepsScene& s, StepsView& v);

// The settings panel.
void draw_controls(pl::StepsScene& s, StepsView& v, float ratio);

// Input and output grids with the window, arithmetic links and hover, in [pos, pos + size).
void draw_stage(pl::StepsScene& s, StepsView& v, const Fonts& f, float ratio, ImVec2 pos, ImVec2 size);

}  // namespace steps_parts

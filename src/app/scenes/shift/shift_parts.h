#pragma once
// The tabs of the shift lab, drawn by shift_tabs.cpp, shift_sweep_tab.cpp and shift_fabric.cpp into
// [pos, pos + size). Not for use outside the scene.
#include <string>

#include "app/scenes/shift/shift_view.h"

namespace shift_parts {

void draw_shift_tab(pl::ShiftScene& s, ShiftView& v, const Fonts& f, float ratio, ImVec2 pos, ImVec2 size);
void draw_compare_tab(pl::ShiftScene& s, ShiftView& v, const Fonts& f, float ratio, ImVec2 pos, ImVec2 size);
void draw_sweep_tab(pl::ShiftScene& s, ShiftView& v, const Fonts& f, float ratio, ImVec2 pos, ImVec2 size);
void draw_stacking_tab(pl::ShiftScene& s, ShiftView& v, const Fonts& f, float ratio, ImVec2 pos, ImVec2 size);
void draw_fabric_tab(pl::ShiftScene& s, ShiftView& v, const Fonts& f, float ratio, ImVec2 pos, ImVec2 size);

// Colours for the seven operations in charts and legends.
ImU32 op_colour(int op_index);

constexpr float kGap = 18.0f;  // between maps, before the pixel ratio

// A number to 3 significant digits, as the lab's metrics are written (pl::metric_text).
std::string number(double x);

// Text at a point, wrapped at the x coordinate `right` when given.
float text_at(ImDrawList* dl, ImFont* font, ImVec2 at, ImU32 colour, const std::string& text, float right = 0.0f);

}  // namespace shift_parts

#pragma once
// The tabs of the shift lab, drawn by shift_tabs.cpp into [pos, pos + size).
// Not for use outside the scene.
#include "app/scenes/shift/shift_view.h"

namespace shift_parts {

void draw_shift_tab(pl::ShiftScene& s, ShiftView& v, const Fonts& f, float ratio, ImVec2 pos, ImVec2 size);
void draw_compare_tab(pl::ShiftScene& s, ShiftView& v, const Fonts& f, float ratio, ImVec2 pos, ImVec2 size);
void draw_sweep_tab(pl::ShiftScene& s, ShiftView& v, const Fonts& f, float ratio, ImVec2 pos, ImVec2 size);
void draw_stacking_tab(pl::ShiftScene& s, ShiftView& v, const Fonts& f, float ratio, ImVec2 pos, ImVec2 size);
void draw_fabric_tab(pl::ShiftScene& s, ShiftView& v, const Fonts& f, float ratio, ImVec2 pos, ImVec2 size);

// Colours for the seven operations in charts and legends.
ImU32 op_colour(int op_index);

}  // namespace shift_parts

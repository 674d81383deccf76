#pragma once
// Text wrapped at spaces only. Dear ImGui's own wrapping also breaks after
// '.' and ',', which splits numbers ("0." on one line, "04" on the next).
#include <imgui.h>

#include <string_view>

// Draws `text` from `at`, wrapping at spaces to stay within `width` (a word
// longer than the width gets a line of its own). Returns the height drawn.
float draw_wrapped_text(ImDrawList* dl, ImFont* font, ImVec2 at, ImU32 colour, std::string_view text, float width);

// The lowest point wrapped text reached since the last reset, clipped lines
// included: how tall a stage's content is (scene_parts::end_stage).
float lowest_text();
void reset_lowest_text();

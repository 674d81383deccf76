#pragma once
// Fonts, colours and sizes. Everything is in device pixels, multiplied by the
// device pixel ratio, so text is crisp at 1x and 2x.
#include <imgui.h>

#include <string>
#include <vector>

#include "core/colormap.h"

struct Fonts {
    ImFont* body = nullptr;     // controls and explanations
    ImFont* large = nullptr;    // the step's arithmetic, headings
    ImFont* cell = nullptr;     // values inside big cells
    ImFont* small = nullptr;    // values inside small cells, captions
};

// Rebuilds the font atlas and the style for a pixel ratio. Call before
// ImGui::NewFrame(); the renderer's font texture must be recreated after.
Fonts theme_apply(float ratio);

namespace theme {

// The course's region colours for the 2x2 windows: orange, green, blue, yellow.
ImU32 region_colour(int out_row, int out_col, float alpha = 1.0f);
ImU32 rgb(pl::Rgb c, float alpha = 1.0f);
ImU32 text_on(pl::Rgb background);  // black or white, whichever reads better

// A quiet heading with a rule under it, for the sections of a settings panel.
void section(const char* title);
// The headings drawn since the last clear: what the panel shows, for the test hook.
const std::vector<std::string>& sections_drawn();
void clear_sections_drawn();

constexpr ImU32 kCanvas = IM_COL32(250, 250, 247, 255);
constexpr ImU32 kInk = IM_COL32(33, 33, 33, 255);
constexpr ImU32 kMuted = IM_COL32(110, 110, 110, 255);
constexpr ImU32 kGridLine = IM_COL32(255, 255, 255, 255);
constexpr ImU32 kEmptyCell = IM_COL32(232, 232, 228, 255);
constexpr ImU32 kPadding = IM_COL32(210, 210, 205, 255);
constexpr ImU32 kWindow = IM_COL32(94, 53, 177, 255);      // the moving window (deep purple)
constexpr ImU32 kWindowFill = IM_COL32(94, 53, 177, 40);
constexpr ImU32 kWinner = IM_COL32(198, 40, 40, 255);      // the winning cell (red ring)
// Over the value colour scale (dark purple to yellow) the window and winner
// need colours that stand out from every value.
constexpr ImU32 kWindowOnValues = IM_COL32(255, 111, 0, 255);
constexpr ImU32 kWinnerOnValues = IM_COL32(255, 255, 255, 255);
constexpr ImU32 kHover = IM_COL32(0, 137, 123, 255);       // hover links (teal)
constexpr ImU32 kError = IM_COL32(183, 28, 28, 255);

}  // namespace theme

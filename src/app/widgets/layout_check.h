#pragma once
// A layout self-check over the frame just drawn: it reads the glyph quads in
// ImGui's draw data and reports text that is cut by its clip rectangle or the
// screen, text drawn over other text, and the smallest text height. Tests ask
// for it through the state hook; it costs nothing unless asked.
#include <imgui.h>

#include <string>
#include <vector>

struct LayoutReport {
    int glyphs = 0;                     // glyph quads drawn
    std::vector<std::string> clipped;   // runs of text cut where nothing scrolls, e.g. "Difference (red up, blu"
    std::vector<std::string> scrolled;  // runs cut at the edge of a region that scrolls (reachable)
    std::vector<std::string> overlaps;  // "run A / run B": different runs drawn over each other
    float smallest_text = 0.0f;         // height in pixels of the smallest font drawn (device pixels)
};

// Checks ImGui's current draw data (valid from ImGui::Render to the next NewFrame).
LayoutReport check_layout(const ImDrawData* draw_data);

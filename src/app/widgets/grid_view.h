#pragma once
// Drawing primitives for grids of cells on an ImGui draw list: where each cell
// is, its fill and value, outlines for windows, padding, and a colour bar.
#include <imgui.h>

#include "core/colormap.h"
#include "core/grid.h"

struct GridLayout {
    ImVec2 origin{0, 0};  // top-left corner of cell (0, 0)
    float cell = 0;       // side of one cell in device pixels
    int rows = 0, cols = 0;

    ImVec2 at(float row, float col) const { return ImVec2(origin.x + col * cell, origin.y + row * cell); }
    ImVec2 size() const { return ImVec2(static_cast<float>(cols) * cell, static_cast<float>(rows) * cell); }
    // The cell under a point; false outside the grid.
    bool cell_at(ImVec2 p, int* row, int* col) const;
};

namespace pl {
class JsonWriter;
}
// Where a grid was drawn, in CSS pixels (device pixels / ratio), as JSON for the test hook.
void write_layout_json(pl::JsonWriter& j, const GridLayout& g, float ratio);

// A filled cell with an optional centred label (skipped if it does not fit).
void draw_cell(ImDrawList* dl, const GridLayout& g, int row, int col, ImU32 fill, const char* label,
               ImU32 label_colour, ImFont* font);

// A rectangle around cells [row, row+rows) x [col, col+cols), which may be
// fractional (the moving window) and may reach into the padding.
void draw_outline(ImDrawList* dl, const GridLayout& g, float row, float col, float rows, float cols, ImU32 colour,
                  float thickness, float inset = 0.0f);
void draw_dashed_outline(ImDrawList* dl, const GridLayout& g, float row, float col, float rows, float cols,
                         ImU32 colour, float thickness);

// The zero-weight padding around the input for 'same' padding, hatched.
void draw_padding(ImDrawList* dl, const GridLayout& g, int top, int bottom, int left, int right);

// A vertical colour bar for the value colour scale, labelled with lo and hi.
void draw_colour_bar(ImDrawList* dl, ImVec2 pos, ImVec2 size, float lo, float hi, ImFont* font, pl::Colormap map = pl::Colormap::Viridis);

// Whether `text` fits inside a cell of this side with some margin.
bool label_fits(ImFont* font, float cell, const char* text);

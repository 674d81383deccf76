#pragma once
// A value map drawn to fit a box: a title above, the cells (through the
// heat-map shader, or cell by cell if it is unavailable), values written in
// when the cells are large enough, and the cell under the mouse.
#include <imgui.h>

#include "app/widgets/grid_view.h"
#include "app/widgets/heatmap.h"
#include "app/widgets/theme.h"
#include "core/colormap.h"
#include "core/grid.h"

struct MapStyle {
    float lo = 0, hi = 1;                          // colour scale
    pl::Colormap colours = pl::Colormap::Viridis;
    float max_cell = 48;                           // largest cell side, in device pixels
    bool labels = true;                            // write values where they fit
};

// Draws `g` centred horizontally at the top of [pos, pos + box) under a title
// line, and returns where its cells are. Cells are square.
GridLayout draw_map(ImDrawList* dl, HeatmapSlots& slots, const Fonts& fonts, float ratio, const pl::Grid& g, ImVec2 pos,
                    ImVec2 box, const char* title, const MapStyle& style);

// The colour scale of a map drawn by draw_map in a box at `pos` of size `box`:
// a bar with its end values to the right of the map, where the box has room
// for it (a small frame keeps the map as large as it goes). True if drawn.
bool draw_map_scale(ImDrawList* dl, const Fonts& fonts, float ratio, const GridLayout& map, ImVec2 pos, ImVec2 box, const MapStyle& style);

// The height of a title line above a map.
float map_title_height(const Fonts& fonts);

// Whether a title fits `width` in the small font (draw_map_title's smallest).
bool map_title_fits(const Fonts& fonts, const char* title, float width);

// A map's title centred over [pos.x, pos.x + width): the body font if it fits, else the small one, clipped.
void draw_map_title(ImDrawList* dl, const Fonts& fonts, const char* title, ImVec2 pos, float width);

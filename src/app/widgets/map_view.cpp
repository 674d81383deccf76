#include "app/widgets/map_view.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <string>

#include "core/csv.h"

float map_title_height(const Fonts& fonts) { return fonts.body->FontSize * 1.5f; }

bool map_title_fits(const Fonts& fonts, const char* title, float width) {
    return fonts.small->CalcTextSizeA(fonts.small->FontSize, FLT_MAX, 0, title).x <= width;
}

void draw_map_title(ImDrawList* dl, const Fonts& fonts, const char* title, ImVec2 pos, float width) {
    ImFont* font = fonts.body;
    ImVec2 ts = font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, title);
    if (ts.x > width) {
        font = fonts.small;
        ts = font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, title);
    }
    const ImVec4 clip(pos.x, pos.y, pos.x + width, pos.y + map_title_height(fonts));
    dl->AddText(font, font->FontSize, ImVec2(std::floor(pos.x + std::max(0.0f, width - ts.x) * 0.5f), pos.y), theme::kInk, title,
                nullptr, 0.0f, &clip);
}

namespace {

// A value as written in a cell of side `cell`: in full if it fits, else to 3 or 2 significant digits ("" if none fits).
std::string cell_label(ImFont* font, float cell, float v) {
    std::string text = pl::format_value(v);
    if (label_fits(font, cell, text.c_str())) return text;
    for (const char* f : {"%.3g", "%.2g"}) {
        char buf[32];
        std::snprintf(buf, sizeof buf, f, static_cast<double>(v));
        if (label_fits(font, cell, buf)) return buf;
    }
    return {};
}

}  // namespace

GridLayout draw_map(ImDrawList* dl, HeatmapSlots& slots, const Fonts& fonts, float ratio, const pl::Grid& g, ImVec2 pos,
                    ImVec2 box, const char* title, const MapStyle& style) {
    const float title_h = title ? map_title_height(fonts) : 0.0f;
    GridLayout layout;
    if (g.empty()) return layout;
    const float cell = std::floor(std::min({box.x / static_cast<float>(g.cols), (box.y - title_h) / static_cast<float>(g.rows),
                                            style.max_cell}));
    layout.cell = std::max(cell, 1.0f);
    layout.rows = g.rows;
    layout.cols = g.cols;
    const ImVec2 size = layout.size();
    layout.origin = ImVec2(std::floor(pos.x + (box.x - size.x) * 0.5f), pos.y + title_h);
    if (title) draw_map_title(dl, fonts, title, pos, box.x);
    const float border = layout.cell >= 12.0f * ratio ? 2.0f : 0.0f;
    const bool gpu = heatmap_ready();
    if (gpu) {
        slots.next().draw(dl, g, layout.origin, ImVec2(layout.origin.x + size.x, layout.origin.y + size.y), style.lo, style.hi,
                          static_cast<int>(g.values.size()), border, style.colours);
    }
    // Labels only where every value fits in the small font.
    ImFont* font = fonts.small;
    bool labels = style.labels && layout.cell >= 22.0f * ratio;
    for (size_t i = 0; labels && i < g.values.size(); ++i) labels = !cell_label(font, layout.cell, g.values[i]).empty();
    if (!gpu || labels) {
        for (int r = 0; r < g.rows; ++r) {
            for (int c = 0; c < g.cols; ++c) {
                const float v = g.at(r, c);
                const pl::Rgb rgb = pl::colormap(style.colours, pl::normalise(v, style.lo, style.hi));
                const std::string text = labels ? cell_label(font, layout.cell, v) : std::string();
                draw_cell(dl, layout, r, c, gpu ? IM_COL32(0, 0, 0, 0) : theme::rgb(rgb), labels ? text.c_str() : nullptr,
                          theme::text_on(rgb), font);
            }
        }
    }
    return layout;
}

bool draw_map_scale(ImDrawList* dl, const Fonts& fonts, float ratio, const GridLayout& map, ImVec2 pos, ImVec2 box, const MapStyle& style) {
    if (map.cell <= 0) return false;
    const float gap = 6 * ratio, bar = 8 * ratio;
    const std::string hi = pl::format_value(style.hi), lo = pl::format_value(style.lo);
    const float label = std::max(fonts.small->CalcTextSizeA(fonts.small->FontSize, FLT_MAX, 0, hi.c_str()).x,
                                 fonts.small->CalcTextSizeA(fonts.small->FontSize, FLT_MAX, 0, lo.c_str()).x);
    const float x = map.origin.x + map.size().x + gap;
    if (x + bar + 4 + label > pos.x + box.x || map.size().y < fonts.small->FontSize * 3) return false;
    draw_colour_bar(dl, ImVec2(x, map.origin.y), ImVec2(bar, map.size().y), style.lo, style.hi, fonts.small, style.colours);
    return true;
}

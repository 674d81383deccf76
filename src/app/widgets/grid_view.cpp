#include "app/widgets/grid_view.h"

#include <cmath>

#include "app/widgets/theme.h"
#include "core/csv.h"
#include "core/dashes.h"
#include "core/json.h"

void write_layout_json(pl::JsonWriter& j, const GridLayout& g, float ratio) {
    j.begin_object();
    j.key("x").value(g.origin.x / ratio).key("y").value(g.origin.y / ratio);
    j.key("cell").value(g.cell / ratio).key("rows").value(g.rows).key("cols").value(g.cols);
    j.end_object();
}

bool GridLayout::cell_at(ImVec2 p, int* row, int* col) const {
    if (cell <= 0) return false;
    float fc = (p.x - origin.x) / cell, fr = (p.y - origin.y) / cell;
    if (fc < 0 || fr < 0) return false;
    int c = static_cast<int>(fc), r = static_cast<int>(fr);
    if (r >= rows || c >= cols) return false;
    *row = r;
    *col = c;
    return true;
}

bool label_fits(ImFont* font, float cell, const char* text) {
    ImVec2 sz = font->CalcTextSizeA(font->FontSize, FLT_MAX, 0.0f, text);
    return sz.x <= cell * 0.88f && sz.y <= cell * 0.9f;
}

void draw_cell(ImDrawList* dl, const GridLayout& g, int row, int col, ImU32 fill, const char* label,
               ImU32 label_colour, ImFont* font) {
    ImVec2 a = g.at(static_cast<float>(row), static_cast<float>(col));
    ImVec2 b(a.x + g.cell, a.y + g.cell);
    float gap = g.cell >= 12.0f ? 1.0f : 0.0f;
    dl->AddRectFilled(ImVec2(a.x + gap, a.y + gap), ImVec2(b.x - gap, b.y - gap), fill, g.cell * 0.06f);
    if (label && font && label_fits(font, g.cell, label)) {
        ImVec2 sz = font->CalcTextSizeA(font->FontSize, FLT_MAX, 0.0f, label);
        dl->AddText(font, font->FontSize, ImVec2(std::floor(a.x + (g.cell - sz.x) * 0.5f), std::floor(a.y + (g.cell - sz.y) * 0.5f)),
                    label_colour, label);
    }
}

void draw_outline(ImDrawList* dl, const GridLayout& g, float row, float col, float rows, float cols, ImU32 colour,
                  float thickness, float inset) {
    ImVec2 a = g.at(row, col), b = g.at(row + rows, col + cols);
    float d = inset + thickness * 0.5f;
    dl->AddRect(ImVec2(a.x + d, a.y + d), ImVec2(b.x - d, b.y - d), colour, g.cell * 0.08f, 0, thickness);
}

void draw_dashed_outline(ImDrawList* dl, const GridLayout& g, float row, float col, float rows, float cols,
                         ImU32 colour, float thickness) {
    // In doubles: a receptive field can lie billions of pixels past its grid.
    const double x0 = g.origin.x + static_cast<double>(col) * g.cell, y0 = g.origin.y + static_cast<double>(row) * g.cell;
    const double x1 = x0 + static_cast<double>(cols) * g.cell, y1 = y0 + static_cast<double>(rows) * g.cell;
    // Only what the draw list can show is dashed (a margin keeps thick dashes whole).
    const ImVec2 lo = dl->GetClipRectMin(), hi = dl->GetClipRectMax();
    const pl::Box visible{lo.x - thickness, lo.y - thickness, hi.x + thickness, hi.y + thickness};
    const float dash = std::max(4.0f, thickness * 3.0f);
    for (const pl::Dash& d : pl::dashes_of_outline({x0, y0, x1, y1}, visible, dash)) {
        dl->AddLine(ImVec2(static_cast<float>(d.x0), static_cast<float>(d.y0)), ImVec2(static_cast<float>(d.x1), static_cast<float>(d.y1)),
                    colour, thickness);
    }
}

void draw_padding(ImDrawList* dl, const GridLayout& g, int top, int bottom, int left, int right) {
    for (int r = -top; r < g.rows + bottom; ++r) {
        for (int c = -left; c < g.cols + right; ++c) {
            if (g.rows > 0 && r >= 0 && r < g.rows && c >= 0 && c < g.cols) continue;
            ImVec2 a = g.at(static_cast<float>(r), static_cast<float>(c));
            ImVec2 b(a.x + g.cell, a.y + g.cell);
            dl->AddRectFilled(ImVec2(a.x + 1, a.y + 1), ImVec2(b.x - 1, b.y - 1), theme::kPadding, g.cell * 0.06f);
            // Hatching says "no value here".
            dl->PushClipRect(a, b, true);
            for (float k = -g.cell; k < g.cell; k += g.cell / 4.0f) {
                dl->AddLine(ImVec2(a.x + k, b.y), ImVec2(a.x + k + g.cell, a.y), IM_COL32(255, 255, 255, 160), 1.0f);
            }
            dl->PopClipRect();
        }
    }
}

void draw_colour_bar(ImDrawList* dl, ImVec2 pos, ImVec2 size, float lo, float hi, ImFont* font, pl::Colormap map) {
    const int steps = 32;
    for (int i = 0; i < steps; ++i) {
        float t0 = static_cast<float>(i) / steps, t1 = static_cast<float>(i + 1) / steps;
        // High values at the top.
        dl->AddRectFilled(ImVec2(pos.x, pos.y + size.y * (1 - t1)), ImVec2(pos.x + size.x, pos.y + size.y * (1 - t0) + 0.5f),
                          theme::rgb(pl::colormap(map, (t0 + t1) * 0.5f)));
    }
    dl->AddRect(pos, ImVec2(pos.x + size.x, pos.y + size.y), theme::kMuted);
    std::string hi_s = pl::format_value(hi), lo_s = pl::format_value(lo);
    dl->AddText(font, font->FontSize, ImVec2(pos.x + size.x + 4, pos.y - 2), theme::kInk, hi_s.c_str());
    dl->AddText(font, font->FontSize, ImVec2(pos.x + size.x + 4, pos.y + size.y - font->FontSize + 2), theme::kInk, lo_s.c_str());
}

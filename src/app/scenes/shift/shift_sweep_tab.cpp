// The shift lab's sweep tab: consistency against the shift for every
// operation as a chart (a marker of its own for each), the operation in focus
// over every (dx, dy) as a heat map, and what the numbers say.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "app/scenes/shift/shift_parts.h"
#include "app/widgets/map_view.h"

using pl::Grid;
using pl::ShiftScene;
using shift_parts::number;
using shift_parts::op_colour;
using shift_parts::text_at;

namespace {

// A marker of its own for each operation, so lines that coincide (and
// colours that look alike) are still told apart: circle, square, triangle,
// diamond, cross, plus, ring.
void op_marker(ImDrawList* dl, ImVec2 c, int k, ImU32 colour, float r) {
    switch (k % 7) {
        case 0: dl->AddCircleFilled(c, r, colour); break;
        case 1: dl->AddRectFilled(ImVec2(c.x - r, c.y - r), ImVec2(c.x + r, c.y + r), colour); break;
        case 2: dl->AddTriangleFilled(ImVec2(c.x, c.y - 1.2f * r), ImVec2(c.x - 1.1f * r, c.y + 0.8f * r), ImVec2(c.x + 1.1f * r, c.y + 0.8f * r), colour); break;
        case 3: dl->AddQuadFilled(ImVec2(c.x, c.y - 1.3f * r), ImVec2(c.x + 1.3f * r, c.y), ImVec2(c.x, c.y + 1.3f * r), ImVec2(c.x - 1.3f * r, c.y), colour); break;
        case 4:
            dl->AddLine(ImVec2(c.x - r, c.y - r), ImVec2(c.x + r, c.y + r), colour, 0.7f * r);
            dl->AddLine(ImVec2(c.x - r, c.y + r), ImVec2(c.x + r, c.y - r), colour, 0.7f * r);
            break;
        case 5:
            dl->AddLine(ImVec2(c.x - 1.2f * r, c.y), ImVec2(c.x + 1.2f * r, c.y), colour, 0.7f * r);
            dl->AddLine(ImVec2(c.x, c.y - 1.2f * r), ImVec2(c.x, c.y + 1.2f * r), colour, 0.7f * r);
            break;
        default: dl->AddCircle(c, 1.1f * r, colour, 16, 0.6f * r); break;
    }
}

// The sweep chart's frame: shifts -R..R across, consistency 0..1 up.
struct SweepChart {
    ImVec2 c0, c1;
    int range;
    float x(float dx) const { return c0.x + (dx + static_cast<float>(range)) / static_cast<float>(2 * range) * (c1.x - c0.x); }
    float y(float consistency) const { return c1.y - consistency * (c1.y - c0.y); }
};

// Consistency against dx at the row's dy, one line per operation, over a grid
// whose stronger lines fall on multiples of the stride.
void draw_sweep_chart(ImDrawList* dl, const ShiftScene& s, const Fonts& f, float ratio, ImVec2 pos, const SweepChart& ch, int row_dy) {
    const pl::ShiftSweep& sw = s.sweep;
    const int R = ch.range;
    char title[128];
    std::snprintf(title, sizeof title, "Consistency against the shift dx (at dy = %+d)", row_dy);
    text_at(dl, f.body, pos, theme::kInk, title);
    dl->AddRectFilled(ch.c0, ch.c1, IM_COL32(255, 255, 255, 255));
    dl->AddRect(ch.c0, ch.c1, theme::kMuted);
    for (int dx = -R; dx <= R; ++dx) {
        dl->AddLine(ImVec2(ch.x(static_cast<float>(dx)), ch.c0.y), ImVec2(ch.x(static_cast<float>(dx)), ch.c1.y), IM_COL32(0, 0, 0, dx % s.params.pool.stride_cols == 0 ? 40 : 15));
        std::string lab = std::to_string(dx);
        text_at(dl, f.small, ImVec2(ch.x(static_cast<float>(dx)) - 4 * ratio, ch.c1.y + 4 * ratio), theme::kMuted, lab);
    }
    for (float c : {0.0f, 0.5f, 1.0f}) {
        dl->AddLine(ImVec2(ch.c0.x, ch.y(c)), ImVec2(ch.c1.x, ch.y(c)), IM_COL32(0, 0, 0, 30));
        text_at(dl, f.small, ImVec2(pos.x, ch.y(c) - f.small->FontSize * 0.5f), theme::kMuted, number(c));
    }
    // The current shift: a dark line of its own, not one of the operations' colours.
    if (std::abs(s.dx) <= R) {
        const float x = ch.x(static_cast<float>(s.dx));
        dl->AddLine(ImVec2(x, ch.c0.y), ImVec2(x, ch.c1.y), IM_COL32(60, 60, 60, 160), 2 * ratio);
        text_at(dl, f.small, ImVec2(x + 3 * ratio, ch.c1.y - f.small->FontSize * 1.3f), theme::kMuted, "now");
    }
    // Every point where it is (no offsets: a line at 1 means 1). The operation
    // in focus is drawn last, on top, and thicker; each has its own marker.
    std::vector<size_t> order;
    for (size_t k = 0; k < sw.ops.size(); ++k) if (sw.ops[k] != s.focus) order.push_back(k);
    for (size_t k = 0; k < sw.ops.size(); ++k) if (sw.ops[k] == s.focus) order.push_back(k);
    for (const size_t op : order) {
        const bool focus = sw.ops[op] == s.focus;
        const int i = pl::op_index(sw.ops[op]);
        const float width = (focus ? 3.0f : 1.5f) * ratio;
        ImVec2 prev;
        for (int dx = -R; dx <= R; ++dx) {
            const ImVec2 p(ch.x(static_cast<float>(dx)), ch.y(sw.at(op, dx, row_dy)));
            if (dx > -R) dl->AddLine(prev, p, op_colour(i), width);
            prev = p;
        }
        for (int dx = -R; dx <= R; ++dx) {
            op_marker(dl, ImVec2(ch.x(static_cast<float>(dx)), ch.y(sw.at(op, dx, row_dy))), i, op_colour(i), (focus ? 4.0f : 3.0f) * ratio);
        }
    }
}

// The chart's legend from `ly` down, wrapped at the chart's width; returns the y of its last line.
float draw_sweep_legend(ImDrawList* dl, const pl::ShiftSweep& sw, const Fonts& f, float ratio, ImVec2 pos, float chart_w, float ly) {
    float lx = pos.x;
    for (size_t k = 0; k < sw.ops.size(); ++k) {
        const char* name = pl::downsample_title(sw.ops[k]);
        const float w = f.small->CalcTextSizeA(f.small->FontSize, FLT_MAX, 0, name).x + 28 * ratio;
        if (lx + w > pos.x + chart_w) {
            lx = pos.x;
            ly += f.small->FontSize * 1.5f;
        }
        const int i = pl::op_index(sw.ops[k]);
        dl->AddLine(ImVec2(lx, ly + 6 * ratio), ImVec2(lx + 14 * ratio, ly + 6 * ratio), op_colour(i), 2 * ratio);
        op_marker(dl, ImVec2(lx + 7 * ratio, ly + 6 * ratio), i, op_colour(i), 3 * ratio);
        text_at(dl, f.small, ImVec2(lx + 18 * ratio, ly), theme::kInk, name);
        lx += w;
    }
    return ly;
}

// The chosen operation's consistency over every (dx, dy) as a heat map at
// `at`, `side` wide, with the current shift outlined; returns where it was drawn.
GridLayout draw_sweep_heat_map(ImDrawList* dl, ShiftScene& s, ShiftView& v, const Fonts& f, float ratio, ImVec2 at, float side) {
    const pl::ShiftSweep& sw = s.sweep;
    const int R = sw.range;
    const int k = pl::op_index(s.focus);
    Grid heat(2 * R + 1, 2 * R + 1);
    for (int dy = -R; dy <= R; ++dy) {
        for (int dx = -R; dx <= R; ++dx) heat.at(dy + R, dx + R) = std::round(sw.at(static_cast<size_t>(k), dx, dy) * 100.0f) / 100.0f;
    }
    char title[128];
    std::snprintf(title, sizeof title, "%s: consistency over (dx, dy)", pl::downsample_title(s.focus));
    const MapStyle style{0.0f, 1.0f, pl::Colormap::Viridis, 60.0f * ratio, true};
    GridLayout hl = draw_map(dl, v.maps, f, ratio, heat, at, ImVec2(side, side + map_title_height(f)), title, style);
    draw_map_scale(dl, f, ratio, hl, at, ImVec2(side, side + map_title_height(f)), style);  // 0 to 1, where there is room
    if (std::abs(s.dx) <= R && std::abs(s.dy) <= R) {
        draw_outline(dl, hl, static_cast<float>(s.dy + R), static_cast<float>(s.dx + R), 1, 1, IM_COL32(255, 111, 0, 255), 3 * ratio);
    }
    text_at(dl, f.small, ImVec2(hl.origin.x, hl.origin.y + hl.size().y + 4 * ratio), theme::kMuted,
            "dx \u2192 from \u2212" + std::to_string(R) + " to +" + std::to_string(R) + ", dy \u2193; orange: the current shift");
    return hl;
}

}  // namespace

namespace shift_parts {

void draw_sweep_tab(ShiftScene& s, ShiftView& v, const Fonts& f, float ratio, ImVec2 pos, ImVec2 size) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    if (!s.sweep_error.empty()) {
        text_at(dl, f.body, pos, theme::kError, "No sweep: " + s.sweep_error, pos.x + size.x);
        return;
    }
    const int R = s.sweep.range;
    const int row_dy = std::clamp(s.dy, -R, R);
    // Left: the chart and its legend; right: the heat map.
    const float chart_w = size.x * 0.58f, chart_h = std::min(size.y - f.body->FontSize * 9.0f, chart_w * 0.62f);
    const ImVec2 c0(pos.x + 44 * ratio, pos.y + f.body->FontSize * 1.6f), c1(pos.x + chart_w, c0.y + chart_h);
    draw_sweep_chart(dl, s, f, ratio, pos, SweepChart{c0, c1, R}, row_dy);
    const float ly = draw_sweep_legend(dl, s.sweep, f, ratio, pos, chart_w, c1.y + f.small->FontSize * 2.0f);
    const float hbox = std::min(size.x - chart_w - 40 * ratio, chart_h + f.body->FontSize * 2.0f);
    const GridLayout hl = draw_sweep_heat_map(dl, s, v, f, ratio, ImVec2(pos.x + chart_w + 30 * ratio, pos.y), hbox);

    const float ty = std::max(ly + f.small->FontSize * 2.0f, hl.origin.y + hl.size().y + f.small->FontSize * 2.5f);
    text_at(dl, f.body, ImVec2(pos.x, ty), theme::kInk,
            pl::explain_sweep(s.sweep, s.focus, s.params.pool.stride_cols, s.params.pool.stride_rows), pos.x + size.x);
}

}  // namespace shift_parts

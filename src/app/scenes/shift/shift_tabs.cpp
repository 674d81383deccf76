// The shift lab's tabs: the shift itself, all operations side by side and
// stacked pooling (the sweep is in shift_sweep_tab.cpp, global pooling on the
// fabric maps in shift_fabric.cpp).
#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "app/widgets/map_view.h"
#include "app/scenes/shift/shift_parts.h"
#include "app/widgets/term.h"
#include "app/widgets/wrap.h"
#include "core/csv.h"

using pl::Downsample;
using pl::Grid;
using pl::ShiftScene;
using shift_parts::kGap;
using shift_parts::number;
using shift_parts::op_colour;
using shift_parts::text_at;

namespace {

void range_of(const Grid& a, const Grid& b, float* lo, float* hi) {
    float l1, h1, l2, h2;
    pl::value_range(a, &l1, &h1);
    pl::value_range(b.empty() ? a : b, &l2, &h2);
    *lo = std::min({l1, l2, 0.0f});
    *hi = std::max(h1, h2);
    if (*hi <= *lo) *hi = *lo + 1.0f;
}

// Lines on a map where the pooling windows start: what a feature must cross to change the output.
void draw_window_lines(ImDrawList* dl, const GridLayout& g, int stride_rows, int stride_cols, int offset_rows, int offset_cols,
                       float ratio) {
    const ImU32 colour = IM_COL32(255, 140, 0, 230);
    const float width = std::max(1.5f, 2.0f * ratio);
    for (int c = offset_cols; c <= g.cols; c += stride_cols) {
        if (c < 0) continue;
        dl->AddLine(g.at(0, static_cast<float>(c)), g.at(static_cast<float>(g.rows), static_cast<float>(c)), colour, width);
    }
    for (int r = offset_rows; r <= g.rows; r += stride_rows) {
        if (r < 0) continue;
        dl->AddLine(g.at(static_cast<float>(r), 0), g.at(static_cast<float>(r), static_cast<float>(g.cols)), colour, width);
    }
}

Grid difference(const Grid& before, const Grid& after) {
    Grid d = after;
    for (size_t i = 0; i < d.values.size() && i < before.values.size(); ++i) d.values[i] -= before.values[i];
    return d;
}

std::string percent(float x) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%.0f%%", x * 100.0f);
    return buf;
}


std::string verdict_text(const pl::ShiftMetrics& m) {
    switch (m.verdict) {
        case pl::ShiftVerdict::Unchanged: return "Unchanged";
        case pl::ShiftVerdict::Shifted: {
            char buf[64];
            std::snprintf(buf, sizeof buf, "Same map, moved (%+d, %+d) cells", m.out_dx, m.out_dy);
            return buf;
        }
        case pl::ShiftVerdict::Changed:
            return m.left == pl::FeatureLeft::Wholly ? "The feature left the grid"
                   : m.left == pl::FeatureLeft::Partly ? "Part of the feature left the grid"
                                                       : "Changed in shape";
    }
    return {};
}

ImU32 verdict_colour(const pl::ShiftMetrics& m) {
    switch (m.verdict) {
        case pl::ShiftVerdict::Unchanged: return IM_COL32(46, 125, 50, 255);
        case pl::ShiftVerdict::Shifted: return IM_COL32(21, 101, 192, 255);
        case pl::ShiftVerdict::Changed: return theme::kError;
    }
    return theme::kInk;
}

// Painting on the original and dragging the shifted map.
void handle_mouse(ShiftScene& s, ShiftView& v) {
    if (!ImGui::IsWindowHovered() && !v.dragging) return;
    const ImGuiIO& io = ImGui::GetIO();
    int r, c;
    if (v.original_layout.cell_at(io.MousePos, &r, &c)) {
        if (ImGui::IsMouseDown(ImGuiMouseButton_Left)) pl::shift_paint(s, r, c, v.brush);
        if (ImGui::IsMouseDown(ImGuiMouseButton_Right)) pl::shift_paint(s, r, c, 0.0f);
        ImGui::SetTooltip("Row %d, column %d = %s\nLeft: paint %s, right: erase", r + 1, c + 1,
                          pl::format_value(s.feature.at(r, c)).c_str(), number(v.brush).c_str());
    }
    if (!v.dragging && ImGui::IsMouseClicked(ImGuiMouseButton_Left) && v.shifted_layout.cell_at(io.MousePos, &r, &c)) {
        v.dragging = true;
        v.drag_dx0 = s.dx;
        v.drag_dy0 = s.dy;
        v.drag_from = io.MousePos;
    }
    if (v.dragging) {
        if (!ImGui::IsMouseDown(ImGuiMouseButton_Left)) {
            v.dragging = false;
            return;
        }
        const float cell = std::max(1.0f, v.shifted_layout.cell);
        const int dx = v.drag_dx0 + static_cast<int>(std::lround((io.MousePos.x - v.drag_from.x) / cell));
        const int dy = v.drag_dy0 + static_cast<int>(std::lround((io.MousePos.y - v.drag_from.y) / cell));
        if (dx != s.dx || dy != s.dy) pl::shift_set(s, dx, dy);
        ImGui::SetMouseCursor(ImGuiMouseCursor_ResizeAll);
    } else if (v.shifted_layout.cell_at(io.MousePos, &r, &c)) {
        ImGui::SetTooltip("Drag to move the feature");
    }
}

// Where the Shift tab puts its maps and text:
//   Wide:   original | shifted | verdict         Narrow:  original | shifted
//           pooled   | pooled  | difference               pooled   | pooled
//                                                       difference | verdict
struct ShiftTabLayout {
    bool narrow;                          // too little room for the hint under the explanation
    ImVec2 cell_box;                      // a map with its title
    ImVec2 diff_box;                      // the difference map with its title (smaller in a short, wide frame)
    ImVec2 at_original, at_shifted, at_before, at_after, at_diff, at_text;
    float right;                          // where the text wraps
    float bottom;                         // where the stage ends: text that would pass it is left out
};

// Three layouts: wide (three columns, text top right), short and wide as
// course figures are (the four maps in a square on the left, the difference
// and the words on the right) and tall (two columns, three rows).
ShiftTabLayout shift_tab_layout(const Fonts& f, float ratio, ImVec2 pos, ImVec2 size) {
    const float gap = kGap * ratio, th = map_title_height(f);
    if (size.x < 900.0f * ratio && size.x > 1.3f * size.y) {
        const float box = std::max(40.0f, std::min((size.y - 3 * gap) / 2.0f - th, (size.x * 0.6f - gap) / 2.0f));
        const float col3 = pos.x + 2 * (box + gap);
        const float right_w = pos.x + size.x - col3;
        const float diff = std::max(40.0f, std::min(right_w, size.y * 0.3f));
        ShiftTabLayout l;
        l.narrow = true;
        l.cell_box = ImVec2(box, box + th);
        l.diff_box = ImVec2(right_w, diff + th);
        l.at_original = pos;
        l.at_shifted = ImVec2(pos.x + box + gap, pos.y);
        l.at_before = ImVec2(pos.x, pos.y + box + th + gap);
        l.at_after = ImVec2(pos.x + box + gap, l.at_before.y);
        l.at_diff = ImVec2(col3, pos.y);
        l.at_text = ImVec2(col3, pos.y + diff + th + gap);
        l.right = pos.x + size.x;
        l.bottom = pos.y + size.y;
        return l;
    }
    const bool narrow = size.x < 900.0f * ratio;
    const float box = narrow ? std::max(40.0f, std::min((size.x - gap) / 2.0f, (size.y - 2 * gap) / 3.0f - th))
                             : std::max(40.0f, std::min((size.x - 2 * gap) / 3.0f, (size.y - gap) / 2.0f - th));
    const float col2 = pos.x + box + gap, col3 = pos.x + 2 * (box + gap), row2 = pos.y + box + th + gap;
    ShiftTabLayout l;
    l.narrow = narrow;
    l.cell_box = ImVec2(box, box + th);
    l.diff_box = l.cell_box;
    l.at_original = pos;
    l.at_shifted = ImVec2(col2, pos.y);
    l.at_before = ImVec2(pos.x, row2);
    l.at_after = ImVec2(col2, row2);
    l.at_diff = narrow ? ImVec2(pos.x, row2 + box + th + gap) : ImVec2(col3, row2);
    l.at_text = narrow ? ImVec2(col2, l.at_diff.y + th) : ImVec2(col3, pos.y + th);
    l.right = pos.x + size.x;
    l.bottom = pos.y + size.y;
    return l;
}

// The feature and its shifted copy on one colour scale, with the lines where
// pooling windows start while they are far enough apart to read.
void draw_input_maps(ImDrawList* dl, ShiftScene& s, ShiftView& v, const Fonts& f, float ratio, const ShiftTabLayout& l) {
    float lo, hi;
    range_of(s.feature, s.shifted, &lo, &hi);
    const MapStyle in_style{lo, hi, pl::Colormap::Viridis, 64.0f * ratio, true};
    char title[96];
    v.original_layout = draw_map(dl, v.maps, f, ratio, s.feature, l.at_original, l.cell_box, "Original", in_style);
    std::snprintf(title, sizeof title, "Shifted by (%+d, %+d)", s.dx, s.dy);
    if (!map_title_fits(f, title, l.cell_box.x)) std::snprintf(title, sizeof title, "(%+d, %+d)", s.dx, s.dy);
    v.shifted_layout = draw_map(dl, v.maps, f, ratio, s.shifted, l.at_shifted, l.cell_box, title, in_style);
    const pl::PoolParams& pp = s.params.pool;
    const bool windowed = s.focus != Downsample::GlobalMax && s.focus != Downsample::GlobalAvg;
    if (windowed && pp.padding == pl::Padding::Valid && v.original_layout.cell * static_cast<float>(pp.stride_cols) >= 12.0f * ratio) {
        draw_window_lines(dl, v.original_layout, pp.stride_rows, pp.stride_cols, 0, 0, ratio);
        draw_window_lines(dl, v.shifted_layout, pp.stride_rows, pp.stride_cols, 0, 0, ratio);
    }
}

// The verdict and the numbers behind it, the explanation, and (when wide) how to read the maps.
void draw_verdict(ImDrawList* dl, const ShiftScene& s, const Fonts& f, float ratio, const ShiftTabLayout& l, int k, bool controls) {
    const ImVec2 at_text = l.at_text;
    const float right = l.right;
    float y = at_text.y;
    const pl::ShiftMetrics& mt = s.metrics[k];
    text_at(dl, f.large, ImVec2(at_text.x, y), verdict_colour(mt), verdict_text(mt), right);
    y += f.large->FontSize * 1.6f;
    // The words first, then the numbers as far as they fit: in a small figure the reason matters most.
    const bool still = !controls && s.dx == 0 && s.dy == 0;  // a view-only figure cannot be moved: no invitation to
    y += draw_wrapped_text(dl, f.body, ImVec2(at_text.x, y), theme::kInk,
                           still ? std::string("No shift: the shifted map is the original.") : pl::explain_shift(s.focus, s.params, s.dx, s.dy, mt),
                           right - at_text.x);
    y += f.body->FontSize * 0.6f;
    const int cells = static_cast<int>(s.before[k].values.size());
    const std::string rows[4][2] = {
        {"Unchanged cells", percent(mt.unchanged_fraction) + " (" + std::to_string(static_cast<int>(std::lround(mt.unchanged_fraction * static_cast<float>(cells)))) + " of " + std::to_string(cells) + ")"},
        {"Largest change", number(mt.max_abs_change)},
        {"L2 distance", number(mt.l2)},
        {"Consistency", number(mt.consistency)}};
    float label_w = 0;
    for (const auto& r : rows) label_w = std::max(label_w, f.body->CalcTextSizeA(f.body->FontSize, FLT_MAX, 0, r[0].c_str()).x);
    for (size_t ri = 0; ri < 4; ++ri) {
        const auto& r = rows[ri];
        if (y + f.body->FontSize > l.bottom) break;
        text_at(dl, f.body, ImVec2(at_text.x, y), theme::kMuted, r[0]);
        if (ri >= 2) {  // the two measures a student has to look up
            const float w = f.body->CalcTextSizeA(f.body->FontSize, FLT_MAX, 0, r[0].c_str()).x;
            term::zone(ImVec2(at_text.x, y), ImVec2(at_text.x + w, y + f.body->FontSize), ri == 2 ? "l2-distance" : "consistency");
        }
        text_at(dl, f.body, ImVec2(at_text.x + label_w + 12 * ratio, y), theme::kInk, r[1], right);
        y += f.body->FontSize * 1.45f;
    }
    y += f.body->FontSize * 0.5f;
    if (!l.narrow) {
        text_at(dl, f.small, ImVec2(at_text.x, y), theme::kMuted,
                std::string("Orange lines: where pooling windows start. Consistency is 1 when the output is the same map (perhaps moved) "
                            "and falls as it differs.") + (controls ? " Drag the shifted map or use the arrow keys." : ""), right);
    }
}

// The chosen operation's output before and after the shift on one scale, and
// their difference with the cells that changed outlined.
void draw_output_maps(ImDrawList* dl, ShiftScene& s, ShiftView& v, const Fonts& f, float ratio, const ShiftTabLayout& l, int k) {
    char title[96];
    float plo, phi;
    range_of(s.before[k], s.after[k], &plo, &phi);
    const MapStyle out_style{plo, phi, pl::Colormap::Viridis, 96.0f * ratio, true};
    // Titles that fit: "Max pool of the original", else "Original, pooled".
    std::snprintf(title, sizeof title, "%s of the original", pl::downsample_title(s.focus));
    if (!map_title_fits(f, title, l.cell_box.x)) std::snprintf(title, sizeof title, "Original, pooled");
    draw_map(dl, v.maps, f, ratio, s.before[k], l.at_before, l.cell_box, title, out_style);
    std::snprintf(title, sizeof title, "%s of the shifted", pl::downsample_title(s.focus));
    if (!map_title_fits(f, title, l.cell_box.x)) std::snprintf(title, sizeof title, "Shifted, pooled");
    draw_map(dl, v.maps, f, ratio, s.after[k], l.at_after, l.cell_box, title, out_style);
    const Grid diff = difference(s.before[k], s.after[k]);
    float dlo, dhi;
    pl::value_range(diff, &dlo, &dhi);
    const float m = std::max({std::fabs(dlo), std::fabs(dhi), 1e-6f});
    const MapStyle diff_style{-m, m, pl::Colormap::Diverging, 96.0f * ratio, true};
    const char* diff_title = map_title_fits(f, "Difference (red up, blue down)", l.diff_box.x) ? "Difference (red up, blue down)" : "Change: red +, blue \u2212";
    // Room at the right for its scale (the real range of the change), where the box is wide enough to spare it.
    const float scale_w = 18 * ratio + f.small->CalcTextSizeA(f.small->FontSize, FLT_MAX, 0, pl::format_value(-m).c_str()).x;
    const bool scaled = l.diff_box.x - scale_w >= 80 * ratio;
    GridLayout dlay = draw_map(dl, v.maps, f, ratio, diff, l.at_diff, ImVec2(l.diff_box.x - (scaled ? scale_w : 0), l.diff_box.y), diff_title, diff_style);
    if (scaled) draw_map_scale(dl, f, ratio, dlay, l.at_diff, l.diff_box, diff_style);
    for (int r = 0; r < diff.rows; ++r) {
        for (int c = 0; c < diff.cols; ++c) {
            if (std::fabs(diff.at(r, c)) > 1e-5f * std::max(1.0f, phi)) {
                draw_outline(dl, dlay, static_cast<float>(r), static_cast<float>(c), 1, 1, IM_COL32(33, 33, 33, 200), std::max(1.0f, ratio));
            }
        }
    }
}

}  // namespace

namespace shift_parts {

std::string number(double x) { return pl::metric_text(x); }

float text_at(ImDrawList* dl, ImFont* font, ImVec2 at, ImU32 colour, const std::string& text, float right) {
    return draw_wrapped_text(dl, font, at, colour, text, right > at.x ? right - at.x : 0.0f);
}

ImU32 op_colour(int i) {
    static const ImU32 colours[pl::kDownsampleCount] = {
        IM_COL32(94, 53, 177, 255),  IM_COL32(0, 137, 123, 255), IM_COL32(121, 85, 72, 255), IM_COL32(158, 158, 158, 255),
        IM_COL32(255, 111, 0, 255),  IM_COL32(198, 40, 40, 255), IM_COL32(21, 101, 192, 255)};
    return colours[i % pl::kDownsampleCount];
}

void draw_shift_tab(ShiftScene& s, ShiftView& v, const Fonts& f, float ratio, ImVec2 pos, ImVec2 size) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const int k = pl::op_index(s.focus);
    const ShiftTabLayout l = shift_tab_layout(f, ratio, pos, size);
    draw_input_maps(dl, s, v, f, ratio, l);
    if (!s.errors[k].empty()) {
        text_at(dl, f.body, l.at_text, theme::kError, std::string(pl::downsample_title(s.focus)) + " cannot run: " + s.errors[k], l.right);
        handle_mouse(s, v);
        return;
    }
    draw_verdict(dl, s, f, ratio, l, k, v.controls);
    draw_output_maps(dl, s, v, f, ratio, l, k);
    handle_mouse(s, v);
}

// One operation's column of the compare tab: its name, both maps, the
// consistency bar and the verdict. Returns the column's height.
float draw_compare_column(ShiftScene& s, ShiftView& v, const Fonts& f, float ratio, int i, ImVec2 at, float col_w, float title_h, float box) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float x = at.x;
    text_at(dl, f.body, at, op_colour(i), pl::downsample_title(pl::kAllDownsamples[i]), x + col_w);
    float y = at.y + title_h;
    if (!s.errors[i].empty()) return y - at.y + text_at(dl, f.small, ImVec2(x, y), theme::kError, s.errors[i], x + col_w);
    // One scale for every operation, the input's: pooled values lie within it, so colours compare
    // across the columns (a 1 x 1 global output on its own scale would always be the top colour).
    float lo, hi;
    range_of(s.feature, s.shifted, &lo, &hi);
    MapStyle style{lo, hi, pl::Colormap::Viridis, 48.0f * ratio, true};
    draw_map(dl, v.maps, f, ratio, s.before[i], ImVec2(x, y), ImVec2(col_w, box + map_title_height(f)), "original", style);
    y += box + map_title_height(f) + 4 * ratio;
    draw_map(dl, v.maps, f, ratio, s.after[i], ImVec2(x, y), ImVec2(col_w, box + map_title_height(f)), "shifted", style);
    y += box + map_title_height(f) + 6 * ratio;
    const pl::ShiftMetrics& m = s.metrics[i];
    // A bar for the consistency.
    dl->AddRectFilled(ImVec2(x, y), ImVec2(x + col_w, y + 8 * ratio), theme::kEmptyCell, 3 * ratio);
    dl->AddRectFilled(ImVec2(x, y), ImVec2(x + col_w * m.consistency, y + 8 * ratio), op_colour(i), 3 * ratio);
    y += 12 * ratio;
    y += text_at(dl, f.body, ImVec2(x, y), theme::kInk, "consistency " + number(m.consistency), x + col_w) + 2 * ratio;
    y += text_at(dl, f.small, ImVec2(x, y), verdict_colour(m), verdict_text(m), x + col_w) + 4 * ratio;
    y += text_at(dl, f.small, ImVec2(x, y), theme::kMuted, "unchanged " + percent(m.unchanged_fraction) + ", L2 " + number(m.l2), x + col_w);
    return y - at.y;
}

void draw_compare_tab(ShiftScene& s, ShiftView& v, const Fonts& f, float ratio, ImVec2 pos, ImVec2 size) {
    const float gap = 10.0f * ratio;
    // Columns no narrower than a name and "consistency 1" need; in a small
    // frame the operations wrap onto a second (or third) row.
    constexpr int n = pl::kDownsampleCount;
    const float min_w = f.body->CalcTextSizeA(f.body->FontSize, FLT_MAX, 0, "consistency 0.00").x + 4 * ratio;
    const int fit = std::clamp(static_cast<int>((size.x + gap) / (min_w + gap)), 1, n);
    const int rows = (n + fit - 1) / fit;
    const int per_row = (n + rows - 1) / rows;  // 4 + 3 rather than 5 + 2
    const float col_w = (size.x - gap * static_cast<float>(per_row - 1)) / static_cast<float>(per_row);
    float title_h = 0;  // the tallest name, wrapped to the column
    for (int i = 0; i < n; ++i) {
        const std::string t = pl::downsample_title(pl::kAllDownsamples[i]);
        const float w = f.body->CalcTextSizeA(f.body->FontSize, FLT_MAX, 0, t.c_str()).x;
        title_h = std::max(title_h, f.body->FontSize * 1.25f * (w > col_w ? 2.0f : 1.0f));
    }
    const float text_h = f.body->FontSize * 1.4f + f.small->FontSize * 4.2f + 26 * ratio;
    const float row_h = size.y / static_cast<float>(rows);
    // Maps big enough to read even when the rows then need the scroll bar.
    const float box = std::max(std::min(col_w * 0.8f, 72.0f * ratio), std::min(col_w, (row_h - text_h - title_h - gap) * 0.5f - map_title_height(f)));
    float y = pos.y;
    for (int r = 0; r < rows; ++r) {
        float tallest = 0;
        for (int c = 0; c < per_row && r * per_row + c < n; ++c) {
            const int i = r * per_row + c;
            const ImVec2 at(pos.x + static_cast<float>(c) * (col_w + gap), y);
            tallest = std::max(tallest, draw_compare_column(s, v, f, ratio, i, at, col_w, title_h, box));
        }
        y += tallest + gap;
    }
}

void draw_stacking_tab(ShiftScene& s, ShiftView& v, const Fonts& f, float ratio, ImVec2 pos, ImVec2 size) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const int layers = std::clamp(s.layers, 1, pl::kShiftMaxLayers);
    const float gap = kGap * ratio;
    const char* op = s.focus == Downsample::AvgPool ? "average" : s.focus == Downsample::MinPool ? "min" : "max";
    const int st = s.params.pool.stride_cols;
    float lo, hi;
    range_of(s.feature, s.shifted, &lo, &hi);
    const char* times = layers == 1 ? "once" : layers == 2 ? "once and twice" : "1, 2 and 3 times";
    char shift_text[48];
    std::snprintf(shift_text, sizeof shift_text, "(%+d, %+d)", s.dx, s.dy);
    const bool moved = s.dx != 0 || s.dy != 0;
    // The heading wraps in a narrow frame; the rows share what is left below it.
    const float heading = text_at(dl, f.body, pos, theme::kInk,
                                  std::string("The same ") + op + " pooling applied " + times + ", on the original and on the map shifted by " +
                                      shift_text + (moved ? "." : ": not shifted yet, so both sides are the same."),
                                  pos.x + size.x);
    const float head_h = std::max(f.body->FontSize * 2.0f, heading + f.body->FontSize * 0.6f);
    const float row_h = (size.y - head_h) / static_cast<float>(layers);
    const float box = std::max(30.0f, std::min(row_h - map_title_height(f) - gap * 0.5f, (size.x * 0.6f - 2 * gap) / 2.0f));
    float y = pos.y + head_h;
    for (int l = 0; l < layers; ++l) {
        char title[64];
        if (!s.stack_errors[l].empty()) {
            y += text_at(dl, f.body, ImVec2(pos.x, y), theme::kError, pl::count_text(l + 1, "layer") + ": " + s.stack_errors[l], pos.x + size.x) + gap;
            continue;
        }
        MapStyle style{lo, hi, pl::Colormap::Viridis, 96.0f * ratio, true};
        std::snprintf(title, sizeof title, "%s: original", pl::count_text(l + 1, "layer").c_str());
        draw_map(dl, v.maps, f, ratio, s.stack_before[l], ImVec2(pos.x, y), ImVec2(box, box + map_title_height(f)), title, style);
        std::snprintf(title, sizeof title, "%s: shifted", pl::count_text(l + 1, "layer").c_str());
        draw_map(dl, v.maps, f, ratio, s.stack_after[l], ImVec2(pos.x + box + gap, y), ImVec2(box, box + map_title_height(f)), title, style);
        const bool same = s.stack_before[l] == s.stack_after[l];
        const pl::InvarianceSpan& sp = s.spans[l];
        const float tx = pos.x + 2 * (box + gap);
        float ty = y + map_title_height(f);
        // With no shift the two sides are the same map: "unchanged" would claim an invariance nothing tested.
        text_at(dl, f.large, ImVec2(tx, ty), !moved ? theme::kMuted : same ? IM_COL32(46, 125, 50, 255) : theme::kError,
                !moved ? "Not shifted yet" : same ? "Final output unchanged" : "Final output changed");
        ty += f.large->FontSize * 1.5f;
        ty += text_at(dl, f.body, ImVec2(tx, ty), theme::kInk, pl::explain_invariance_span(sp, st, l + 1), pos.x + size.x);
        ty += f.body->FontSize * 0.4f;
        ty += text_at(dl, f.body, ImVec2(tx, ty), theme::kMuted,
                      pl::explain_stacking_loss(s.stack_before[l].rows, s.stack_before[l].cols, s.params.pool.stride_rows, st, l + 1),
                      pos.x + size.x);
        // The next row starts below both the maps and the words, so neither runs into it.
        y = std::max(y + box + map_title_height(f), ty) + gap;
    }
}

}  // namespace shift_parts

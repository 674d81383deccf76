// The steps scene's stage: input and output grids, the moving window and its
// winner, the link to the output cell being written, the legend, and the
// hover links between cells.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "app/scenes/steps/steps_parts.h"
#include "core/csv.h"

using pl::Grid;
using pl::PoolOp;
using pl::StepsScene;

namespace {

float smoothstep(float t) {
    t = std::clamp(t, 0.0f, 1.0f);
    return t * t * (3.0f - 2.0f * t);
}


// Where the window is drawn at a playhead: it rests on step i, then in the
// last part of the interval slides to step i+1, arriving as that step begins.
struct WindowPose {
    float row, col, rows, cols;
    bool resting;
};

// With less motion it always rests: it jumps as the next step begins.
WindowPose window_pose(const StepsScene& s, bool reduce_motion) {
    const int i = pl::steps_current(s);
    const pl::Window& a = s.steps[static_cast<size_t>(i)].window;
    const float frac = static_cast<float>(s.playhead - i);
    constexpr float kDwell = 0.55f;  // share of a step the window rests
    if (reduce_motion || i + 1 >= pl::steps_count(s) || frac <= kDwell) {
        return {static_cast<float>(a.row), static_cast<float>(a.col), static_cast<float>(a.rows), static_cast<float>(a.cols), true};
    }
    const pl::Window& b = s.steps[static_cast<size_t>(i) + 1].window;
    float t = smoothstep((frac - kDwell) / (1.0f - kDwell));
    auto lerp = [t](int x, int y) { return static_cast<float>(x) + (static_cast<float>(y) - static_cast<float>(x)) * t; };
    return {lerp(a.row, b.row), lerp(a.col, b.col), static_cast<float>(a.rows), static_cast<float>(a.cols), false};
}

bool use_regions(const StepsScene& s, Colouring c) {
    if (c == Colouring::Regions) return true;
    if (c == Colouring::Values) return false;
    const pl::PoolParams& p = s.params;
    bool disjoint = p.stride_rows >= p.size_rows && p.stride_cols >= p.size_cols;
    return disjoint && s.result.output.values.size() <= 16;
}

// The output cell an input cell belongs to when windows do not overlap; -1 if none or several.
int region_of(const StepsScene& s, int r, int c) {
    std::vector<int> fed = pl::outputs_fed_by(s.result, r, c);
    return fed.size() == 1 ? fed[0] : -1;
}

const char* label_for(float v, char* buf, size_t n) {
    std::snprintf(buf, n, "%s", pl::format_value(v).c_str());
    return buf;
}

ImFont* font_for_cells(const Fonts& f, float cell, const Grid& g, float ratio) {
    // The big font when every value fits in it, else a smaller one; no labels
    // in cells too small to read (the colour scale and the tooltip tell).
    if (cell < 26.0f * ratio) return nullptr;
    char buf[32];
    for (ImFont* font : {f.cell, f.body, f.small}) {
        bool all = true;
        for (float v : g.values) {
            if (!label_fits(font, cell, label_for(v, buf, sizeof buf))) {
                all = false;
                break;
            }
        }
        if (all) return font;
    }
    return nullptr;
}

struct StageGeometry {
    GridLayout in, out;
    int pad_t, pad_b, pad_l, pad_r;
    ImVec2 arrow_from, arrow_to;
    ImVec2 bar_pos, bar_size;
};

StageGeometry layout_stage(const StepsScene& s, ImVec2 pos, ImVec2 size, float ratio) {
    StageGeometry g{};
    const bool ok = s.error.empty();
    g.pad_t = ok ? s.result.rows_axis.pad_before : 0;
    g.pad_b = ok ? s.result.rows_axis.pad_after : 0;
    g.pad_l = ok ? s.result.cols_axis.pad_before : 0;
    g.pad_r = ok ? s.result.cols_axis.pad_after : 0;
    const int in_r = s.input.rows + g.pad_t + g.pad_b, in_c = s.input.cols + g.pad_l + g.pad_r;
    const int out_r = ok ? s.result.output.rows : 0, out_c = ok ? s.result.output.cols : 0;
    const float gap = 120.0f * ratio, bar = 48.0f * ratio, label = 30.0f * ratio;
    float cell_w = (size.x - gap - bar) / static_cast<float>(in_c + std::max(out_c, 2));
    float cell_h = (size.y - label) / static_cast<float>(std::max(in_r, out_r));
    float cell = std::floor(std::min({cell_w, cell_h, 84.0f * ratio}));
    cell = std::max(cell, 3.0f);
    const float total_w = static_cast<float>(in_c + out_c) * cell + gap;
    const float x0 = pos.x + std::max(0.0f, (size.x - bar - total_w) * 0.5f);
    const float content_h = static_cast<float>(std::max(in_r, out_r)) * cell;
    const float y0 = pos.y + label + std::max(0.0f, (size.y - label - content_h) * 0.5f);
    g.in = {ImVec2(x0 + static_cast<float>(g.pad_l) * cell, y0 + static_cast<float>(g.pad_t) * cell), cell, s.input.rows, s.input.cols};
    const float out_x = x0 + static_cast<float>(in_c) * cell + gap;
    const float out_y = y0 + (static_cast<float>(in_r - out_r) * cell) * 0.5f;
    g.out = {ImVec2(out_x, out_y), cell, out_r, out_c};
    const float mid_y = y0 + static_cast<float>(in_r) * cell * 0.5f;
    g.arrow_from = ImVec2(x0 + static_cast<float>(in_c) * cell + 14 * ratio, mid_y);
    g.arrow_to = ImVec2(out_x - 14 * ratio, mid_y);
    g.bar_pos = ImVec2(out_x + static_cast<float>(out_c) * cell + 18 * ratio, y0);
    g.bar_size = ImVec2(12 * ratio, std::min(content_h, 220 * ratio));
    return g;
}

// Everything the parts of the stage share for one frame.
struct Stage {
    StepsScene& s;
    StepsView& v;
    const Fonts& f;
    float ratio;
    ImDrawList* dl;
    StageGeometry g;
    float lo, hi;       // value range of the input, for the colour scale
    float thick;        // outline width
    ImU32 window_colour, winner_colour;
};

// Which cell is under the mouse (when no popup covers the stage).
void update_hover(Stage& st, bool pooled) {
    StepsView& v = st.v;
    v.hover_in_row = v.hover_in_col = -1;
    v.hover_out = -1;
    if (!ImGui::IsWindowHovered() || ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId)) return;
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    int r, c;
    if (st.g.in.cell_at(mouse, &r, &c)) {
        v.hover_in_row = r;
        v.hover_in_col = c;
    } else if (pooled && st.g.out.cell_at(mouse, &r, &c)) {
        v.hover_out = r * st.g.out.cols + c;
    }
}

void draw_titles(const Stage& st, bool pooled) {
    char text[64];
    const StageGeometry& g = st.g;
    std::snprintf(text, sizeof text, "Input %d\u00d7%d", st.s.input.rows, st.s.input.cols);
    ImVec2 at(g.in.origin.x - static_cast<float>(g.pad_l) * g.in.cell,
              g.in.origin.y - static_cast<float>(g.pad_t) * g.in.cell - 26 * st.ratio);
    st.dl->AddText(st.f.body, st.f.body->FontSize, at, theme::kInk, text);
    if (pooled) {
        std::snprintf(text, sizeof text, "Output %d\u00d7%d", g.out.rows, g.out.cols);
        st.dl->AddText(st.f.body, st.f.body->FontSize, ImVec2(g.out.origin.x, g.out.origin.y - 26 * st.ratio), theme::kInk, text);
    }
}

// One cell's fill and text colour: its window's region colour, or its value
// on the colour scale (transparent when the heat-map shader paints it).
struct Paint {
    ImU32 fill, ink;
};

Paint paint(const Stage& st, float value, int region) {
    if (st.v.regions) return {region >= 0 ? theme::region_colour(region / st.g.out.cols, region % st.g.out.cols) : theme::kEmptyCell, theme::kInk};
    pl::Rgb rgb = pl::viridis(pl::normalise(value, st.lo, st.hi));
    return {st.v.gpu ? IM_COL32(0, 0, 0, 0) : theme::rgb(rgb), theme::text_on(rgb)};
}

// A grid's cells: a heat-map quad (when on the GPU) with labels and region
// fills drawn over it. Cells at or after `filled` (row-major) are empty.
void draw_cells(const Stage& st, const GridLayout& layout, const Grid& values, Heatmap& map, int filled,
                bool is_input) {
    const float border = layout.cell >= 12.0f ? 2.0f : 0.0f;
    if (st.v.gpu) {
        ImVec2 end(layout.origin.x + layout.size().x, layout.origin.y + layout.size().y);
        map.draw(st.dl, values, layout.origin, end, st.lo, st.hi, filled, border);
    }
    ImFont* font = font_for_cells(st.f, layout.cell, values, st.ratio);
    char buf[32];
    for (int r = 0; r < values.rows; ++r) {
        for (int c = 0; c < values.cols; ++c) {
            const int k = r * values.cols + c;
            if (k >= filled) {
                if (!st.v.gpu) draw_cell(st.dl, layout, r, c, theme::kEmptyCell, nullptr, 0, nullptr);
                continue;
            }
            const float value = values.at(r, c);
            const int region = is_input ? (st.v.regions ? region_of(st.s, r, c) : -1) : k;
            Paint p = paint(st, value, region);
            draw_cell(st.dl, layout, r, c, p.fill, font ? label_for(value, buf, sizeof buf) : nullptr, p.ink, font);
        }
    }
}

// Why nothing can be pooled, written where the output would be.
void draw_error(const Stage& st, ImVec2 pos, ImVec2 size) {
    std::string msg = "Cannot pool: " + st.s.error;
    ImGui::SetCursorScreenPos(ImVec2(st.g.arrow_from.x, st.g.in.origin.y));
    ImGui::PushTextWrapPos(pos.x + size.x - ImGui::GetWindowPos().x);  // window coordinates
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(theme::kError));
    ImGui::TextUnformatted(msg.c_str());
    ImGui::PopStyleColor();
    ImGui::PopTextWrapPos();
}

// The arrow from input to output, labelled with the operation.
void draw_arrow(const Stage& st) {
    const StageGeometry& g = st.g;
    const pl::PoolParams& p = st.s.params;
    const float r = st.ratio;
    st.dl->AddLine(g.arrow_from, g.arrow_to, theme::kMuted, 2 * r);
    st.dl->AddTriangleFilled(g.arrow_to, ImVec2(g.arrow_to.x - 10 * r, g.arrow_to.y - 6 * r),
                             ImVec2(g.arrow_to.x - 10 * r, g.arrow_to.y + 6 * r), theme::kMuted);
    char op[32], shape[64];
    std::snprintf(op, sizeof op, "%s pool", pl::op_name(p.op));
    if (p.stride_rows == p.stride_cols) {
        std::snprintf(shape, sizeof shape, "%d\u00d7%d, stride %d", p.size_rows, p.size_cols, p.stride_rows);
    } else {
        std::snprintf(shape, sizeof shape, "%d\u00d7%d, stride %d\u00d7%d", p.size_rows, p.size_cols, p.stride_rows, p.stride_cols);
    }
    ImFont* font = st.f.small;
    const float mid = (g.arrow_from.x + g.arrow_to.x) * 0.5f;
    ImVec2 s1 = font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, op), s2 = font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, shape);
    st.dl->AddText(font, font->FontSize, ImVec2(mid - s1.x * 0.5f, g.arrow_from.y - s1.y - 6 * r), theme::kMuted, op);
    st.dl->AddText(font, font->FontSize, ImVec2(mid - s2.x * 0.5f, g.arrow_from.y + 6 * r), theme::kMuted, shape);
}

// The moving window, its winning cell, the output cell it writes and a link between them.
void draw_window(Stage& st) {
    const StageGeometry& g = st.g;
    const pl::PoolStep& step = st.s.steps[static_cast<size_t>(pl::steps_current(st.s))];
    const WindowPose pose = window_pose(st.s, st.v.reduce_motion);
    st.v.window_row = pose.row;
    st.v.window_col = pose.col;
    const ImVec2 a = g.in.at(pose.row, pose.col), b = g.in.at(pose.row + pose.rows, pose.col + pose.cols);
    st.dl->AddRectFilled(a, b, theme::kWindowFill, g.in.cell * 0.08f);
    draw_outline(st.dl, g.in, pose.row, pose.col, pose.rows, pose.cols, st.window_colour, st.thick);
    if (pose.resting && step.winner_row >= 0) {
        ImVec2 c = g.in.at(static_cast<float>(step.winner_row) + 0.5f, static_cast<float>(step.winner_col) + 0.5f);
        st.dl->AddCircle(c, g.in.cell * 0.40f, st.winner_colour, 32, std::max(1.5f, 2.5f * st.ratio));
    }
    draw_outline(st.dl, g.out, static_cast<float>(step.out_row), static_cast<float>(step.out_col), 1, 1, st.window_colour, st.thick);
    ImVec2 from(b.x, (a.y + b.y) * 0.5f);
    ImVec2 to = g.out.at(static_cast<float>(step.out_row) + 0.5f, static_cast<float>(step.out_col));
    ImVec2 c1(from.x + (to.x - from.x) * 0.45f, from.y), c2(from.x + (to.x - from.x) * 0.55f, to.y);
    st.dl->AddBezierCubic(from, c1, c2, to, IM_COL32(94, 53, 177, 110), std::max(1.0f, 1.5f * st.ratio));
}

// What the marks mean, under the grids (when there is room).
void draw_legend(const Stage& st, float bottom) {
    const StageGeometry& g = st.g;
    ImFont* font = st.f.small;
    const float r = st.ratio, box = font->FontSize;
    float y = std::max(g.in.origin.y + g.in.size().y + static_cast<float>(g.pad_b) * g.in.cell, g.out.origin.y + g.out.size().y) + 14 * r;
    float x = g.in.origin.x - static_cast<float>(g.pad_l) * g.in.cell;
    if (y + box >= bottom) return;
    auto item = [&](ImU32 colour, char mark, const char* what) {
        if (mark == 'o') {
            st.dl->AddCircle(ImVec2(x + box * 0.5f, y + box * 0.5f), box * 0.45f, colour == theme::kWinnerOnValues ? theme::kMuted : colour, 16, 2 * r);
        } else if (mark == '#') {
            st.dl->AddRectFilled(ImVec2(x, y), ImVec2(x + box, y + box), colour, 2 * r);
        } else {
            st.dl->AddRect(ImVec2(x, y), ImVec2(x + box, y + box), colour, 2 * r, 0, 2 * r);
        }
        st.dl->AddText(font, font->FontSize, ImVec2(x + box + 6 * r, y), theme::kMuted, what);
        x += box + 6 * r + font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, what).x + 18 * r;
    };
    const PoolOp op = st.s.params.op;
    item(st.window_colour, '[', "window being pooled");
    if (op != PoolOp::Average) {
        const bool tie = !st.s.steps.empty() && st.s.steps[static_cast<size_t>(pl::steps_current(st.s))].ties > 1;
        const char* wins = op == PoolOp::Max ? (tie ? "largest value (a tie: the first in row order wins)" : "largest value (wins)")
                                             : (tie ? "smallest value (a tie: the first in row order wins)" : "smallest value (wins)");
        item(st.winner_colour, 'o', wins);
    }
    item(theme::kHover, '[', "under the mouse and what it links to");
    if (g.pad_t + g.pad_b + g.pad_l + g.pad_r > 0) item(theme::kPadding, '#', "padding (takes no part)");
}

// Hovered output cell -> its window (click: jump to its step); hovered input
// cell -> the output cells it feeds.
void draw_hover_links(const Stage& st) {
    const StageGeometry& g = st.g;
    StepsScene& s = st.s;
    const StepsView& v = st.v;
    auto outline_out = [&](int k) {
        draw_outline(st.dl, g.out, static_cast<float>(k / g.out.cols), static_cast<float>(k % g.out.cols), 1, 1, theme::kHover, st.thick);
    };
    if (v.hover_out >= 0) {
        const pl::Window& w = s.result.cells[static_cast<size_t>(v.hover_out)].window;
        draw_dashed_outline(st.dl, g.in, static_cast<float>(w.row), static_cast<float>(w.col), static_cast<float>(w.rows),
                            static_cast<float>(w.cols), theme::kHover, st.thick);
        outline_out(v.hover_out);
        const pl::PoolStep& hs = s.steps[static_cast<size_t>(v.hover_out)];
        ImGui::SetTooltip("Output row %d, column %d\n%s\nClick to jump to this step.", hs.out_row + 1, hs.out_col + 1, hs.arithmetic.c_str());
        if (ImGui::IsMouseClicked(ImGuiMouseButton_Left)) {
            s.playing = false;
            pl::steps_seek(s, v.hover_out);
        }
    }
    if (v.hover_in_row >= 0) {
        draw_outline(st.dl, g.in, static_cast<float>(v.hover_in_row), static_cast<float>(v.hover_in_col), 1, 1, theme::kHover, st.thick);
        std::string where;
        std::vector<int> fed = pl::outputs_fed_by(s.result, v.hover_in_row, v.hover_in_col);
        for (int k : fed) {
            outline_out(k);
            if (where.size() < 120) {  // in the one notation of the app: "row r, column c", counted from 1
                where += (where.empty() ? "" : "; ") + std::string("row ") + std::to_string(k / g.out.cols + 1) + ", column " + std::to_string(k % g.out.cols + 1);
            }
        }
        std::string value = pl::format_value(s.input.at(v.hover_in_row, v.hover_in_col));
        ImGui::SetTooltip("Input row %d, column %d = %s\n%s\nClick to edit.", v.hover_in_row + 1, v.hover_in_col + 1, value.c_str(),
                          fed.empty() ? "No window reads this cell (the stride skips it)." : ((fed.size() == 1 ? "Feeds the output at " : "Feeds the outputs at ") + where).c_str());
    }
}

}  // namespace

namespace steps_parts {

void draw_stage(StepsScene& s, StepsView& v, const Fonts& f, float ratio, ImVec2 pos, ImVec2 size) {
    const bool pooled = s.error.empty() && !s.steps.empty();
    v.regions = pooled && use_regions(s, v.colouring);
    v.gpu = !v.regions && heatmap_ready();
    Stage st{s, v, f, ratio, ImGui::GetWindowDrawList(), layout_stage(s, pos, size, ratio), 0, 0,
             std::max(2.0f, 3.0f * ratio), v.regions ? theme::kWindow : theme::kWindowOnValues,
             v.regions ? theme::kWinner : theme::kWinnerOnValues};
    pl::value_range(s.input, &st.lo, &st.hi);
    v.input_layout = st.g.in;
    v.output_layout = st.g.out;

    update_hover(st, pooled);
    draw_titles(st, pooled);
    if (pooled) draw_padding(st.dl, st.g.in, st.g.pad_t, st.g.pad_b, st.g.pad_l, st.g.pad_r);
    draw_cells(st, st.g.in, s.input, v.input_map, static_cast<int>(s.input.values.size()), true);
    if (!pooled) {
        draw_error(st, pos, size);
        return;
    }
    draw_cells(st, st.g.out, s.result.output, v.output_map, pl::steps_current(s) + 1, false);
    if (!v.regions) draw_colour_bar(st.dl, st.g.bar_pos, st.g.bar_size, st.lo, st.hi, f.small);
    draw_arrow(st);
    draw_window(st);
    draw_legend(st, pos.y + size.y);
    draw_hover_links(st);
}

}  // namespace steps_parts

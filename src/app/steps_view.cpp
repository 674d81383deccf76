#include "app/steps_view.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <initializer_list>

#include "core/csv.h"
#include "core/json.h"

extern const unsigned char asset_mnist7_conv26[];
extern const std::size_t asset_mnist7_conv26_size;

namespace {

constexpr int kMaxSliderParam = 8;     // window and stride sliders go 1..8
constexpr int kMaxSliderInput = 32;    // input size sliders go 1..32

using pl::Grid;
using pl::PoolOp;
using pl::StepsScene;

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

WindowPose window_pose(const StepsScene& s) {
    const int i = pl::steps_current(s);
    const pl::Window& a = s.steps[static_cast<size_t>(i)].window;
    const float frac = static_cast<float>(s.playhead - i);
    constexpr float kDwell = 0.55f;  // share of a step the window rests
    if (i + 1 >= pl::steps_count(s) || frac <= kDwell) {
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

void load_mnist(StepsScene& s, StepsView& v) {
    pl::steps_load(s, embedded_mnist7(), pl::PoolParams{}, "mnist7");
    v.notice = "MNIST \"7\": a 26 x 26 feature map from the course, pooled 2 x 2 with stride 2 to 13 x 13.";
}

void load_course(StepsScene& s, StepsView& v) {
    s = pl::steps_scene_course();
    v.notice = "The course example: 4 x 4 input, 2 x 2 window, stride 2.";
}

void cycle_op(StepsScene& s) {
    pl::PoolParams p = s.params;
    p.op = p.op == PoolOp::Max ? PoolOp::Average : p.op == PoolOp::Average ? PoolOp::Min : PoolOp::Max;
    pl::steps_set_params(s, p);
}

void randomise(StepsScene& s, StepsView& v) {
    pl::steps_randomise(s, v.next_seed++);
    v.notice = "Random digits 0-9. Click any cell to change it.";
}

// ---------------------------------------------------------------- controls --

// A row of radio buttons that wraps onto the next line when the panel is narrow.
bool radio_row(int* value, std::initializer_list<const char*> labels) {
    bool changed = false;
    int i = 0;
    const ImGuiStyle& style = ImGui::GetStyle();
    for (const char* label : labels) {
        if (i > 0) {
            float w = ImGui::GetFrameHeight() + style.ItemInnerSpacing.x + ImGui::CalcTextSize(label).x;
            float right = ImGui::GetItemRectMax().x + style.ItemSpacing.x + w;
            if (right < ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x) ImGui::SameLine();
        }
        changed |= ImGui::RadioButton(label, value, i++);
    }
    return changed;
}

void section(const char* title) {
    ImGui::Spacing();
    ImGui::TextDisabled("%s", title);
    ImGui::Separator();
}

void draw_controls(StepsScene& s, StepsView& v, float ratio) {
    section("PRESETS");
    float w = ImGui::GetContentRegionAvail().x;
    if (ImGui::Button("Course example 4\u00d74", ImVec2(w, 0))) load_course(s, v);
    if (ImGui::Button("MNIST \"7\" 26\u00d726", ImVec2(w, 0))) load_mnist(s, v);
    if (ImGui::Button("Randomise", ImVec2(w * 0.5f - 4 * ratio, 0))) randomise(s, v);
    ImGui::SameLine();
    if (ImGui::Button("Clear", ImVec2(-1, 0))) {
        std::fill(s.input.values.begin(), s.input.values.end(), 0.0f);
        s.preset = "custom";
        pl::steps_refresh(s);
    }

    section("OPERATION");
    pl::PoolParams p = s.params;
    int op = static_cast<int>(p.op);
    radio_row(&op, {"Max", "Average", "Min"});
    p.op = static_cast<PoolOp>(op);

    section("WINDOW AND STRIDE");
    ImGui::PushItemWidth(-ImGui::CalcTextSize("Stride cols").x - 8 * ratio);
    if (v.separate_axes) {
        ImGui::SliderInt("Window rows", &p.size_rows, 1, kMaxSliderParam);
        ImGui::SliderInt("Window cols", &p.size_cols, 1, kMaxSliderParam);
        ImGui::SliderInt("Stride rows", &p.stride_rows, 1, kMaxSliderParam);
        ImGui::SliderInt("Stride cols", &p.stride_cols, 1, kMaxSliderParam);
    } else {
        int size = p.size_rows, stride = p.stride_rows;
        if (ImGui::SliderInt("Window", &size, 1, kMaxSliderParam)) p.size_rows = p.size_cols = size;
        if (ImGui::SliderInt("Stride", &stride, 1, kMaxSliderParam)) p.stride_rows = p.stride_cols = stride;
    }
    ImGui::PopItemWidth();
    if (ImGui::Checkbox("Rows and columns apart", &v.separate_axes) && !v.separate_axes) {
        p.size_cols = p.size_rows;
        p.stride_cols = p.stride_rows;
    }

    section("PADDING");
    int pad = static_cast<int>(p.padding);
    radio_row(&pad, {"valid", "same"});
    p.padding = static_cast<pl::Padding>(pad);
    ImGui::PushTextWrapPos(0);
    ImGui::TextDisabled(p.padding == pl::Padding::Valid
                            ? "Windows stay inside the input; cells left over at the edge are dropped."
                            : "Output = ceil(input / stride). Padded cells (hatched) take no part; "
                              "the extra one goes after, as in TensorFlow.");
    ImGui::PopTextWrapPos();
    if (!(p == s.params)) pl::steps_set_params(s, p);

    section("INPUT SIZE");
    int rows = s.input.rows, cols = s.input.cols;
    ImGui::PushItemWidth(-ImGui::CalcTextSize("Stride cols").x - 8 * ratio);
    bool resized = ImGui::SliderInt("Rows", &rows, pl::kStepsMinSide, kMaxSliderInput);
    resized |= ImGui::SliderInt("Columns", &cols, pl::kStepsMinSide, kMaxSliderInput);
    ImGui::PopItemWidth();
    if (resized) pl::steps_resize_input(s, rows, cols);

    section("OUTPUT SIZE");
    std::string fr = pl::output_size_formula(s.input.rows, s.params.size_rows, s.params.stride_rows, s.params.padding);
    std::string fc = pl::output_size_formula(s.input.cols, s.params.size_cols, s.params.stride_cols, s.params.padding, "columns");
    ImGui::PushTextWrapPos(0);
    ImGui::Text("rows:  %s", fr.c_str());
    ImGui::Text("cols:  %s", fc.c_str());
    if (s.error.empty()) {
        ImGui::Text("Output %d \u00d7 %d", s.result.output.rows, s.result.output.cols);
        if (s.params.padding == pl::Padding::Same) {
            ImGui::TextDisabled("padding: %d above, %d below, %d left, %d right", s.result.rows_axis.pad_before,
                                s.result.rows_axis.pad_after, s.result.cols_axis.pad_before, s.result.cols_axis.pad_after);
        }
    }
    ImGui::PopTextWrapPos();

    section("COLOURS");
    int c = static_cast<int>(v.colouring);
    radio_row(&c, {"Auto", "Regions", "Values"});
    v.colouring = static_cast<Colouring>(c);

    section("KEYS");
    ImGui::PushTextWrapPos(0);
    ImGui::TextDisabled("Space play/pause \u00b7 \u2190 \u2192 step \u00b7 Home restart \u00b7 End last step \u00b7 "
                        "O operation \u00b7 P padding \u00b7 W/w window \u00b7 S/s stride \u00b7 +/\u2212 input size \u00b7 "
                        "R randomise \u00b7 1 course example \u00b7 7 MNIST. "
                        "Click an input cell to edit it, an output cell to jump to its step.");
    ImGui::PopTextWrapPos();
}

// ------------------------------------------------------------------- stage --

void cell_editor(StepsScene& s, StepsView& v) {
    if (v.editing) {
        ImGui::OpenPopup("Edit cell");
        v.editing = false;
        v.edit_focus = true;
    }
    v.edit_open = ImGui::BeginPopup("Edit cell");
    v.edit_active = false;
    if (!v.edit_open) return;
    ImGui::Text("Row %d, column %d", v.edit_row + 1, v.edit_col + 1);
    if (v.edit_focus) {
        ImGui::SetKeyboardFocusHere();
        v.edit_focus = false;
    }
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
    bool enter = ImGui::InputText("##value", v.edit_text, sizeof v.edit_text,
                                  ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_AutoSelectAll);
    v.edit_active = ImGui::IsItemActive();
    ImGui::SameLine();
    if (ImGui::Button("Set") || enter) {
        v.edit_error = pl::steps_edit_cell(s, v.edit_row, v.edit_col, v.edit_text);
        if (v.edit_error.empty()) {
            ImGui::CloseCurrentPopup();
            v.edit_open = v.edit_active = false;
        } else {
            v.edit_focus = true;  // keep typing
        }
    }
    if (!v.edit_error.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(theme::kError));
        ImGui::TextUnformatted(v.edit_error.c_str());
        ImGui::PopStyleColor();
    }
    ImGui::TextDisabled("Enter to set, Esc to cancel");
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) {
        v.edit_error.clear();
        ImGui::CloseCurrentPopup();
        v.edit_open = v.edit_active = false;
    }
    ImGui::EndPopup();
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

void draw_stage(StepsScene& s, StepsView& v, const Fonts& f, float ratio, ImVec2 pos, ImVec2 size) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    StageGeometry g = layout_stage(s, pos, size, ratio);
    v.input_layout = g.in;
    v.output_layout = g.out;
    const bool ok = s.error.empty() && !s.steps.empty();
    v.regions = ok && use_regions(s, v.colouring);
    const int current = pl::steps_current(s);
    float lo, hi;
    pl::value_range(s.input, &lo, &hi);

    // Hover: which cell is under the mouse (only when no popup covers it).
    ImVec2 mouse = ImGui::GetIO().MousePos;
    const bool hover_ok = ImGui::IsWindowHovered() && !ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId);
    v.hover_in_row = v.hover_in_col = -1;
    v.hover_out = -1;
    int hr, hc;
    if (hover_ok && g.in.cell_at(mouse, &hr, &hc)) {
        v.hover_in_row = hr;
        v.hover_in_col = hc;
    } else if (hover_ok && ok && g.out.cell_at(mouse, &hr, &hc)) {
        v.hover_out = hr * g.out.cols + hc;
    }

    // Labels above the grids.
    char text[160];
    std::snprintf(text, sizeof text, "Input %d \u00d7 %d", s.input.rows, s.input.cols);
    dl->AddText(f.body, f.body->FontSize, ImVec2(g.in.origin.x - static_cast<float>(g.pad_l) * g.in.cell, g.in.origin.y - static_cast<float>(g.pad_t) * g.in.cell - 26 * ratio), theme::kInk, text);
    if (ok) {
        std::snprintf(text, sizeof text, "Output %d \u00d7 %d", g.out.rows, g.out.cols);
        dl->AddText(f.body, f.body->FontSize, ImVec2(g.out.origin.x, g.out.origin.y - 26 * ratio), theme::kInk, text);
    }

    // Input cells. Coloured by value, they are one textured quad through the
    // heat-map shader, with the labels drawn over it.
    if (ok) draw_padding(dl, g.in, g.pad_t, g.pad_b, g.pad_l, g.pad_r);
    ImFont* in_font = font_for_cells(f, g.in.cell, s.input, ratio);
    char buf[32];
    v.gpu = !v.regions && heatmap_ready();
    const float border = g.in.cell >= 12.0f ? 2.0f : 0.0f;
    constexpr ImU32 kNoFill = IM_COL32(0, 0, 0, 0);
    if (v.gpu) {
        ImVec2 end(g.in.origin.x + g.in.size().x, g.in.origin.y + g.in.size().y);
        v.input_map.draw(dl, s.input, g.in.origin, end, lo, hi, static_cast<int>(s.input.values.size()), border);
    }
    for (int r = 0; r < s.input.rows; ++r) {
        for (int c = 0; c < s.input.cols; ++c) {
            float val = s.input.at(r, c);
            ImU32 fill, ink;
            if (v.regions) {
                int region = region_of(s, r, c);
                fill = region >= 0 ? theme::region_colour(region / g.out.cols, region % g.out.cols) : theme::kEmptyCell;
                ink = theme::kInk;
            } else {
                pl::Rgb rgb = pl::viridis(pl::normalise(val, lo, hi));
                fill = v.gpu ? kNoFill : theme::rgb(rgb);
                ink = theme::text_on(rgb);
            }
            draw_cell(dl, g.in, r, c, fill, in_font ? label_for(val, buf, sizeof buf) : nullptr, ink, in_font);
        }
    }

    if (!ok) {
        // Say why nothing can be pooled, where the output would be.
        ImVec2 at(g.arrow_from.x, g.in.origin.y);
        std::string msg = "Cannot pool: " + s.error;
        ImGui::SetCursorScreenPos(at);
        ImGui::PushTextWrapPos(pos.x + size.x - ImGui::GetWindowPos().x);  // window coordinates
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(theme::kError));
        ImGui::TextUnformatted(msg.c_str());
        ImGui::PopStyleColor();
        ImGui::PopTextWrapPos();
        return;
    }

    // Output cells: filled up to the current step.
    ImFont* out_font = font_for_cells(f, g.out.cell, s.result.output, ratio);
    if (v.gpu) {
        ImVec2 end(g.out.origin.x + g.out.size().x, g.out.origin.y + g.out.size().y);
        v.output_map.draw(dl, s.result.output, g.out.origin, end, lo, hi, current + 1, border);
    }
    for (int r = 0; r < g.out.rows; ++r) {
        for (int c = 0; c < g.out.cols; ++c) {
            int k = r * g.out.cols + c;
            float val = s.result.output.at(r, c);
            if (k > current) {
                if (!v.gpu) draw_cell(dl, g.out, r, c, theme::kEmptyCell, nullptr, 0, nullptr);
                continue;
            }
            ImU32 fill, ink = theme::kInk;
            if (v.regions) {
                fill = theme::region_colour(r, c);
            } else {
                pl::Rgb rgb = pl::viridis(pl::normalise(val, lo, hi));
                fill = v.gpu ? kNoFill : theme::rgb(rgb);
                ink = theme::text_on(rgb);
            }
            draw_cell(dl, g.out, r, c, fill, out_font ? label_for(val, buf, sizeof buf) : nullptr, ink, out_font);
        }
    }
    if (!v.regions) draw_colour_bar(dl, g.bar_pos, g.bar_size, lo, hi, f.small);

    // The arrow between input and output, with the operation.
    const pl::PoolParams& p = s.params;
    dl->AddLine(g.arrow_from, g.arrow_to, theme::kMuted, 2 * ratio);
    dl->AddTriangleFilled(ImVec2(g.arrow_to.x, g.arrow_to.y), ImVec2(g.arrow_to.x - 10 * ratio, g.arrow_to.y - 6 * ratio),
                          ImVec2(g.arrow_to.x - 10 * ratio, g.arrow_to.y + 6 * ratio), theme::kMuted);
    std::snprintf(text, sizeof text, "%s pool", pl::op_name(p.op));
    ImVec2 ts = f.small->CalcTextSizeA(f.small->FontSize, FLT_MAX, 0, text);
    float ax = (g.arrow_from.x + g.arrow_to.x) * 0.5f;
    dl->AddText(f.small, f.small->FontSize, ImVec2(ax - ts.x * 0.5f, g.arrow_from.y - ts.y - 6 * ratio), theme::kMuted, text);
    std::snprintf(text, sizeof text, "%d\u00d7%d, stride %d", p.size_rows, p.size_cols, p.stride_rows);
    if (p.stride_rows != p.stride_cols) std::snprintf(text, sizeof text, "%d\u00d7%d, stride %d\u00d7%d", p.size_rows, p.size_cols, p.stride_rows, p.stride_cols);
    ts = f.small->CalcTextSizeA(f.small->FontSize, FLT_MAX, 0, text);
    dl->AddText(f.small, f.small->FontSize, ImVec2(ax - ts.x * 0.5f, g.arrow_from.y + 6 * ratio), theme::kMuted, text);

    // The moving window, its winner and the output cell it writes.
    const pl::PoolStep& step = s.steps[static_cast<size_t>(current)];
    WindowPose pose = window_pose(s);
    v.window_row = pose.row;
    v.window_col = pose.col;
    const float thick = std::max(2.0f, 3.0f * ratio);
    const ImU32 window_colour = v.regions ? theme::kWindow : theme::kWindowOnValues;
    const ImU32 winner_colour = v.regions ? theme::kWinner : theme::kWinnerOnValues;
    ImVec2 wa = g.in.at(pose.row, pose.col), wb = g.in.at(pose.row + pose.rows, pose.col + pose.cols);
    dl->AddRectFilled(wa, wb, theme::kWindowFill, g.in.cell * 0.08f);
    draw_outline(dl, g.in, pose.row, pose.col, pose.rows, pose.cols, window_colour, thick);
    if (pose.resting && step.winner_row >= 0) {
        ImVec2 c = g.in.at(static_cast<float>(step.winner_row) + 0.5f, static_cast<float>(step.winner_col) + 0.5f);
        dl->AddCircle(c, g.in.cell * 0.40f, winner_colour, 32, std::max(1.5f, 2.5f * ratio));
    }
    draw_outline(dl, g.out, static_cast<float>(step.out_row), static_cast<float>(step.out_col), 1, 1, window_colour, thick);
    {
        // A link from the window to the cell it writes.
        ImVec2 from(wb.x, (wa.y + wb.y) * 0.5f);
        ImVec2 to = g.out.at(static_cast<float>(step.out_row) + 0.5f, static_cast<float>(step.out_col));
        ImVec2 c1(from.x + (to.x - from.x) * 0.45f, from.y), c2(from.x + (to.x - from.x) * 0.55f, to.y);
        dl->AddBezierCubic(from, c1, c2, to, IM_COL32(94, 53, 177, 110), std::max(1.0f, 1.5f * ratio));
    }

    // Legend under the grids: what the marks mean.
    {
        float y = std::max(g.in.origin.y + g.in.size().y + static_cast<float>(g.pad_b) * g.in.cell, g.out.origin.y + g.out.size().y) + 14 * ratio;
        float x = g.in.origin.x - static_cast<float>(g.pad_l) * g.in.cell;
        if (y + f.small->FontSize < pos.y + size.y) {
            const float box = f.small->FontSize;
            auto item = [&](ImU32 colour, bool ring, const char* what) {
                if (ring) {
                    dl->AddCircle(ImVec2(x + box * 0.5f, y + box * 0.5f), box * 0.45f, colour == theme::kWinnerOnValues ? theme::kMuted : colour, 16, 2 * ratio);
                } else {
                    dl->AddRect(ImVec2(x, y), ImVec2(x + box, y + box), colour, 2 * ratio, 0, 2 * ratio);
                }
                dl->AddText(f.small, f.small->FontSize, ImVec2(x + box + 6 * ratio, y), theme::kMuted, what);
                x += box + 6 * ratio + f.small->CalcTextSizeA(f.small->FontSize, FLT_MAX, 0, what).x + 18 * ratio;
            };
            item(window_colour, false, "window being pooled");
            if (p.op != PoolOp::Average) item(winner_colour, true, p.op == PoolOp::Max ? "largest value (wins)" : "smallest value (wins)");
            item(theme::kHover, false, "under the mouse and what it links to");
            if (g.pad_t + g.pad_b + g.pad_l + g.pad_r > 0) {
                dl->AddRectFilled(ImVec2(x, y), ImVec2(x + box, y + box), theme::kPadding, 2 * ratio);
                dl->AddText(f.small, f.small->FontSize, ImVec2(x + box + 6 * ratio, y), theme::kMuted, "padding (takes no part)");
            }
        }
    }

    // Hover links: output cell -> its window; input cell -> the outputs it feeds.
    if (v.hover_out >= 0) {
        const pl::PoolCell& cell = s.result.cells[static_cast<size_t>(v.hover_out)];
        draw_dashed_outline(dl, g.in, static_cast<float>(cell.window.row), static_cast<float>(cell.window.col),
                            static_cast<float>(cell.window.rows), static_cast<float>(cell.window.cols), theme::kHover, thick);
        draw_outline(dl, g.out, static_cast<float>(v.hover_out / g.out.cols), static_cast<float>(v.hover_out % g.out.cols), 1, 1, theme::kHover, thick);
        const pl::PoolStep& hs = s.steps[static_cast<size_t>(v.hover_out)];
        ImGui::SetTooltip("Output row %d, column %d\n%s\nClick to jump to this step.", hs.out_row + 1, hs.out_col + 1, hs.arithmetic.c_str());
        if (ImGui::IsMouseClicked(ImGuiMouseButton_Left)) {
            s.playing = false;
            pl::steps_seek(s, v.hover_out);
        }
    }
    if (v.hover_in_row >= 0) {
        std::vector<int> fed = pl::outputs_fed_by(s.result, v.hover_in_row, v.hover_in_col);
        draw_outline(dl, g.in, static_cast<float>(v.hover_in_row), static_cast<float>(v.hover_in_col), 1, 1, theme::kHover, thick);
        std::string where;
        for (int k : fed) {
            draw_outline(dl, g.out, static_cast<float>(k / g.out.cols), static_cast<float>(k % g.out.cols), 1, 1, theme::kHover, thick);
            if (where.size() < 80) where += (where.empty() ? "" : ", ") + std::string("(") + std::to_string(k / g.out.cols + 1) + ", " + std::to_string(k % g.out.cols + 1) + ")";
        }
        std::string value = pl::format_value(s.input.at(v.hover_in_row, v.hover_in_col));
        ImGui::SetTooltip("Input row %d, column %d = %s\n%s\nClick to edit.", v.hover_in_row + 1, v.hover_in_col + 1, value.c_str(),
                          fed.empty() ? "No window reads this cell (the stride skips it)." : ("Feeds output " + where).c_str());
    }
}

void start_edit(StepsScene& s, StepsView& v, int r, int c) {
    v.editing = true;
    v.edit_row = r;
    v.edit_col = c;
    v.edit_error.clear();
    std::snprintf(v.edit_text, sizeof v.edit_text, "%s", pl::format_value(s.input.at(r, c)).c_str());
}

void draw_transport(StepsScene& s, const Fonts& f, float ratio) {
    const int n = pl::steps_count(s);
    const int current = pl::steps_current(s);
    ImGui::PushFont(f.large);
    if (!s.error.empty()) {
        ImGui::TextDisabled("Fix the configuration to see the steps.");
    } else if (n > 0) {
        const pl::PoolStep& st = s.steps[static_cast<size_t>(current)];
        ImGui::Text("Step %d of %d:", current + 1, n);
        ImGui::SameLine();
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(theme::kWindow));
        ImGui::TextUnformatted(st.arithmetic.c_str());
        ImGui::PopStyleColor();
        ImGui::SameLine();
        ImGui::TextDisabled("\u2192 output row %d, column %d", st.out_row + 1, st.out_col + 1);
    }
    ImGui::PopFont();

    ImGui::BeginDisabled(n == 0);
    if (ImGui::Button("Restart")) pl::steps_home(s);
    ImGui::SameLine();
    if (ImGui::Button("\u25c0 Back")) pl::steps_back(s);
    ImGui::SameLine();
    if (ImGui::Button(s.playing ? "Pause" : "\u25b6 Play", ImVec2(80 * ratio, 0))) pl::steps_play_pause(s);
    ImGui::SameLine();
    if (ImGui::Button("Forward \u25b6")) pl::steps_forward(s);
    ImGui::SameLine();
    int step = current + 1;
    float speed_w = 200 * ratio;
    ImGui::SetNextItemWidth(std::max(80 * ratio, ImGui::GetContentRegionAvail().x - speed_w - 8 * ratio));
    if (ImGui::SliderInt("##step", &step, 1, std::max(1, n), "step %d")) {
        s.playing = false;
        pl::steps_seek(s, step - 1);
    }
    ImGui::SameLine();
    float speed = s.speed;
    ImGui::SetNextItemWidth(-1);
    if (ImGui::SliderFloat("##speed", &speed, pl::kStepsMinSpeed, pl::kStepsMaxSpeed, "speed %.2g steps/s", ImGuiSliderFlags_Logarithmic)) {
        pl::steps_set_speed(s, speed);
    }
    ImGui::EndDisabled();
}

}  // namespace

pl::Grid embedded_mnist7() {
    std::string_view text(reinterpret_cast<const char*>(asset_mnist7_conv26), asset_mnist7_conv26_size);
    return pl::parse_csv(text).value;
}

void steps_view_shortcuts(StepsScene& s, StepsView& v, const std::vector<ShortcutKey>& keys) {
    ImGuiIO& io = ImGui::GetIO();
    if (io.WantTextInput || ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId)) return;
    for (ShortcutKey k : keys) {
        switch (k) {
            case ShortcutKey::Space: pl::steps_play_pause(s); break;
            case ShortcutKey::Right: pl::steps_forward(s); break;
            case ShortcutKey::Left: pl::steps_back(s); break;
            case ShortcutKey::Home: pl::steps_home(s); break;
            case ShortcutKey::End: pl::steps_end(s); break;
        }
    }
    for (ImWchar ch : io.InputQueueCharacters) {
        switch (ch) {
            case 'o': case 'O': cycle_op(s); break;
            case 'p': case 'P': {
                pl::PoolParams p = s.params;
                p.padding = p.padding == pl::Padding::Valid ? pl::Padding::Same : pl::Padding::Valid;
                pl::steps_set_params(s, p);
                break;
            }
            case 'r': case 'R': randomise(s, v); break;
            case 'w': case 'W': case 's': case 'S': {
                pl::PoolParams p = s.params;
                const int d = (ch == 'w' || ch == 's') ? 1 : -1;
                int& rows = (ch == 'w' || ch == 'W') ? p.size_rows : p.stride_rows;
                int& cols = (ch == 'w' || ch == 'W') ? p.size_cols : p.stride_cols;
                rows = std::clamp(rows + d, 1, kMaxSliderParam);
                cols = std::clamp(cols + d, 1, kMaxSliderParam);
                pl::steps_set_params(s, p);
                break;
            }
            case '+': case '=': pl::steps_resize_input(s, s.input.rows + 1, s.input.cols + 1); break;
            case '-': pl::steps_resize_input(s, s.input.rows - 1, s.input.cols - 1); break;
            case '1': load_course(s, v); break;
            case '7': load_mnist(s, v); break;
            default: break;
        }
    }
}

void steps_view_draw(StepsScene& s, StepsView& v, const Fonts& f, float ratio) {
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float panel_w = std::clamp(avail.x * 0.3f, 230.0f * ratio, 330.0f * ratio);

    ImGui::BeginChild("controls", ImVec2(panel_w, avail.y), true);
    draw_controls(s, v, ratio);
    ImGui::EndChild();
    ImGui::SameLine();

    ImGui::BeginChild("stage", ImVec2(0, avail.y), false, ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
    const float transport_h = f.large->FontSize + ImGui::GetFrameHeight() + ImGui::GetStyle().ItemSpacing.y * 3;
    ImVec2 pos = ImGui::GetCursorScreenPos();
    ImVec2 size = ImGui::GetContentRegionAvail();
    if (!v.notice.empty()) {
        ImGui::TextDisabled("%s", v.notice.c_str());
        pos.y += ImGui::GetTextLineHeightWithSpacing();
        size.y -= ImGui::GetTextLineHeightWithSpacing();
    }
    ImVec2 stage_size(size.x, std::max(40.0f, size.y - transport_h));
    draw_stage(s, v, f, ratio, pos, stage_size);

    // Clicking an input cell opens its editor.
    if (v.hover_in_row >= 0 && ImGui::IsMouseClicked(ImGuiMouseButton_Left)) start_edit(s, v, v.hover_in_row, v.hover_in_col);
    cell_editor(s, v);

    ImGui::SetCursorScreenPos(ImVec2(pos.x, pos.y + stage_size.y));
    draw_transport(s, f, ratio);
    ImGui::EndChild();
}

std::string steps_view_json(const StepsView& v, float ratio) {
    auto layout = [&](pl::JsonWriter& j, const GridLayout& g) {
        j.begin_object();
        j.key("x").value(g.origin.x / ratio).key("y").value(g.origin.y / ratio);
        j.key("cell").value(g.cell / ratio).key("rows").value(g.rows).key("cols").value(g.cols);
        j.end_object();
    };
    pl::JsonWriter j;
    j.begin_object();
    j.key("input_layout");
    layout(j, v.input_layout);
    j.key("output_layout");
    layout(j, v.output_layout);
    j.key("colouring").value(v.regions ? "regions" : "values");
    j.key("renderer").value(v.gpu ? "shader" : "drawlist");
    j.key("shader_error").value(heatmap_error());
    j.key("editing");
    if (v.edit_open) {
        j.begin_array().value(v.edit_row).value(v.edit_col).end_array();
    } else {
        j.null();
    }
    j.key("edit_active").value(v.edit_active);
    j.key("edit_error").value(v.edit_error);
    j.key("hover_input").begin_array().value(v.hover_in_row).value(v.hover_in_col).end_array();
    j.key("hover_output").value(v.hover_out);
    j.key("window_at").begin_array().value(v.window_row).value(v.window_col).end_array();
    j.key("notice").value(v.notice);
    j.end_object();
    return j.str();
}

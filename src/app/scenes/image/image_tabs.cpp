// The picture scene's tabs: the picture pooled again and again, the feature
// maps of the conv -> ReLU -> pool chain, and the digit pad. Maps are textures
// through the heat-map shader, all of a tab sharing one pan and zoom.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "app/scenes/image/image_parts.h"
#include "app/widgets/map_view.h"
#include "app/widgets/term.h"
#include "app/widgets/wrap.h"
#include "core/csv.h"

using pl::Grid;
using pl::ImageScene;

namespace image_parts {

void clamp_zoom(MapZoom& z) {
    z.zoom = std::clamp(z.zoom, 1.0f, 64.0f);
    const float half = 0.5f / z.zoom;
    z.cx = std::clamp(z.cx, half, 1.0f - half);
    z.cy = std::clamp(z.cy, half, 1.0f - half);
}

void note_widget(ImageView& v, const char* label) {
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    v.widgets.emplace_back(label, ImVec2((a.x + b.x) * 0.5f, (a.y + b.y) * 0.5f));
}

void zoom_by(MapZoom& z, float factor) {
    z.zoom *= factor;
    clamp_zoom(z);
}

namespace {

struct MapLook {
    pl::Colormap colours = pl::Colormap::Gray;
    float lo = 0, hi = 1;
};

// Pictures keep the default gray 0..1. Other maps: diverging, centred on zero,
// for signed values; viridis from 0 for the rest. The core works out whether a
// stage's maps are signed and their colour scale once per change, not per frame.
MapLook look_of(bool is_signed, float scale) {
    const float m = std::max(scale, 1e-6f);
    return is_signed ? MapLook{pl::Colormap::Diverging, -m, m} : MapLook{pl::Colormap::Viridis, 0.0f, m};
}

// The digit's small maps (after ReLU): viridis up to their largest value.
MapLook look_of_digit(const Grid& g) {
    float lo = 0, hi = 0;
    pl::value_range(g, &lo, &hi);
    return look_of(false, hi);
}

enum class Mouse { Pan, Draw, None };

// Draws a map to fit its box under a title, magnified and moved by the shared
// zoom, clipped to the box. Handles the wheel (zoom about the cursor), dragging
// (pan) and hovering, and records its layout under `name`.
GridLayout zoomed_map(ImageView& v, const Fonts& f, float ratio, const Grid& g, ImVec2 pos, ImVec2 size,
                      const std::string& title, const MapLook& look, const char* name, Mouse mouse, ImVec4* visible = nullptr) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float th = map_title_height(f);
    draw_map_title(dl, f, title.c_str(), pos, size.x);
    GridLayout layout;
    const ImVec2 box0(pos.x, pos.y + th), box(size.x, size.y - th);
    if (g.empty() || box.x < 4 || box.y < 4) return layout;
    const MapZoom z = mouse == Mouse::Draw ? MapZoom{} : v.zoom;
    const float fit = std::min(box.x / static_cast<float>(g.cols), box.y / static_cast<float>(g.rows));
    layout.cell = fit * z.zoom;
    layout.rows = g.rows;
    layout.cols = g.cols;
    const ImVec2 full = layout.size();
    // The map at zoom 1, centred at the top of the box; zoomed about its centre.
    const ImVec2 fit_size(fit * static_cast<float>(g.cols), fit * static_cast<float>(g.rows));
    const ImVec2 centre(box0.x + box.x * 0.5f, box0.y + fit_size.y * 0.5f);
    layout.origin = ImVec2(centre.x - z.cx * full.x, centre.y - z.cy * full.y);
    const ImVec2 vis0(std::floor(centre.x - fit_size.x * 0.5f), box0.y), vis1(std::ceil(centre.x + fit_size.x * 0.5f), box0.y + fit_size.y);
    if (visible) *visible = ImVec4(vis0.x, vis0.y, vis1.x, vis1.y);

    dl->PushClipRect(vis0, vis1, true);
    const float border = layout.cell >= 12.0f * ratio ? 1.5f * ratio : 0.0f;
    if (heatmap_ready()) {
        v.maps.next().draw(dl, g, layout.origin, ImVec2(layout.origin.x + full.x, layout.origin.y + full.y), look.lo, look.hi,
                           static_cast<int>(g.values.size()), border, look.colours);
    }
    // Values written in once the cells are large enough (only the visible ones).
    if (layout.cell >= 34.0f * ratio) {
        int r0 = 0, c0 = 0, r1 = 0, c1 = 0;
        layout.cell_at(vis0, &r0, &c0);
        layout.cell_at(ImVec2(vis1.x - 1, vis1.y - 1), &r1, &c1);
        for (int r = std::max(0, r0); r <= std::min(g.rows - 1, r1); ++r) {
            for (int c = std::max(0, c0); c <= std::min(g.cols - 1, c1); ++c) {
                const float val = g.at(r, c);
                const pl::Rgb rgb = pl::colormap(look.colours, pl::normalise(val, look.lo, look.hi));
                char text[24];
                std::snprintf(text, sizeof text, "%.2f", static_cast<double>(val));
                draw_cell(dl, layout, r, c, IM_COL32(0, 0, 0, 0), text, theme::text_on(rgb), f.small);
            }
        }
    }
    dl->PopClipRect();
    if (!heatmap_ready() && !heatmap_error().empty()) {
        dl->AddText(f.small, f.small->FontSize, vis0, theme::kError, ("Maps need the shader: " + heatmap_error()).c_str());
    }
    dl->AddRect(ImVec2(vis0.x - 1, vis0.y - 1), ImVec2(vis1.x + 1, vis1.y + 1), IM_COL32(0, 0, 0, 60));
    v.layouts.emplace_back(name, layout);

    // The mouse: hover shows the value; the wheel zooms about the cursor; a drag pans (or draws).
    ImGui::SetCursorScreenPos(vis0);
    ImGui::InvisibleButton(name, ImVec2(std::max(1.0f, vis1.x - vis0.x), std::max(1.0f, vis1.y - vis0.y)),
                           ImGuiButtonFlags_MouseButtonLeft | ImGuiButtonFlags_MouseButtonRight);
    const ImGuiIO& io = ImGui::GetIO();
    if (ImGui::IsItemHovered()) {
        int r = -1, c = -1;
        if (layout.cell_at(io.MousePos, &r, &c)) {
            v.hover = MapHover{name, r, c, g.at(r, c), g.rows, g.cols};
        }
        if (mouse == Mouse::Pan && io.MouseWheel != 0.0f) {
            // Keep the map point under the cursor where it is.
            const float u = (io.MousePos.x - layout.origin.x) / full.x, w = (io.MousePos.y - layout.origin.y) / full.y;
            const float old_zoom = v.zoom.zoom;
            v.zoom.zoom = std::clamp(v.zoom.zoom * std::pow(1.25f, io.MouseWheel), 1.0f, 64.0f);
            const float k = old_zoom / v.zoom.zoom;
            v.zoom.cx = u + (v.zoom.cx - u) * k;
            v.zoom.cy = w + (v.zoom.cy - w) * k;
            clamp_zoom(v.zoom);
        }
    }
    if (mouse == Mouse::Pan && ImGui::IsItemActive() && ImGui::IsMouseDragging(ImGuiMouseButton_Left, 1.0f)) {
        v.zoom.cx -= io.MouseDelta.x / full.x;
        v.zoom.cy -= io.MouseDelta.y / full.y;
        clamp_zoom(v.zoom);
    }
    return layout;
}

const GridLayout* layout_of(const ImageView& v, const std::string& name) {
    for (const auto& [n, l] : v.layouts)
        if (n == name) return &l;
    return nullptr;
}

void outline(const ImageView& v, const std::string& map, const pl::CellRect& r, ImU32 colour, float thickness) {
    const GridLayout* l = layout_of(v, map);
    if (!l || r.empty()) return;
    draw_outline(ImGui::GetWindowDrawList(), *l, static_cast<float>(r.r0), static_cast<float>(r.c0), static_cast<float>(r.r1 - r.r0),
                 static_cast<float>(r.c1 - r.c0), colour, thickness);
}

std::string shape(const Grid& g) { return std::to_string(g.cols) + "\u00d7" + std::to_string(g.rows); }

// The line under a tab: what the mouse is over, or how to use the maps.
void status_line(const ImageView& v, const Fonts& f, ImVec2 at, const char* help) {
    char text[256];
    if (!v.hover.map.empty()) {
        std::snprintf(text, sizeof text, "%s (%d\u00d7%d): row %d, column %d = %.4g", v.hover.map.c_str(), v.hover.cols, v.hover.rows,
                      v.hover.row + 1, v.hover.col + 1, static_cast<double>(v.hover.value));
    } else {
        std::snprintf(text, sizeof text, "%s", help);
    }
    // Wrapped to the stage, so a long hint in a small frame takes two lines instead of running off.
    const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
    draw_wrapped_text(ImGui::GetWindowDrawList(), f.body, at, theme::kMuted, text, std::max(right - at.x, 40.0f));
}

// Where a stage's pooled map lies over the picture: the picture pixel under
// pooled cell (0, 0)'s corner and the pixels one cell spans, from the trace.
void overlay_geometry(const ImageScene& s, int stage, float* row0, float* col0, float* spacing) {
    const Grid& pooled = s.stages[static_cast<size_t>(stage)].pooled;
    *spacing = static_cast<float>(2 << stage);
    const int k = pooled.rows > 1 && pooled.cols > 1 ? 1 : 0;
    const pl::ImageTrace t = pl::image_trace(s, stage, k, k);
    const float cr = 0.5f * static_cast<float>(t.picture_patch.r0 + t.picture_patch.r1);
    const float cc = 0.5f * static_cast<float>(t.picture_patch.c0 + t.picture_patch.c1);
    *row0 = cr - (static_cast<float>(k) + 0.5f) * *spacing;
    *col0 = cc - (static_cast<float>(k) + 0.5f) * *spacing;
}

// Where the features tab's maps go: each stage has four slots (its input, the
// feature map, the pooled map, the pooled map over the picture), `per_row` a row.
struct FeatureSlots {
    ImVec2 pos;
    int per_row;
    float cell_w, cell_h;
    ImVec2 at(int stage, int i) const {
        const int slot = stage * 4 + i;
        return ImVec2(pos.x + static_cast<float>(slot % per_row) * cell_w, pos.y + static_cast<float>(slot / per_row) * cell_h);
    }
};

// The pooled map drawn over the picture map `pic`, each cell over the pixels it comes from, clipped to what is visible.
void draw_pooled_overlay(ImDrawList* dl, const ImageScene& s, ImageView& v, int k, const GridLayout& pic, const ImVec4& vis) {
    const pl::ImageStage& st = s.stages[static_cast<size_t>(k)];
    if (!heatmap_ready() || st.pooled.empty() || pic.cell <= 0) return;
    float r0 = 0, c0 = 0, spacing = 2;
    overlay_geometry(s, k, &r0, &c0, &spacing);
    const ImVec2 p0 = pic.at(r0, c0);
    const ImVec2 p1(p0.x + static_cast<float>(st.pooled.cols) * spacing * pic.cell, p0.y + static_cast<float>(st.pooled.rows) * spacing * pic.cell);
    dl->PushClipRect(ImVec2(vis.x, vis.y), ImVec2(vis.z, vis.w), true);
    const MapLook l = look_of(st.pooled_signed, st.pooled_scale);
    v.maps.next().draw(dl, st.pooled, p0, p1, l.lo, l.hi, static_cast<int>(st.pooled.values.size()), 0.0f, l.colours, 0.9f);
    dl->PopClipRect();
}

// One stage's row of maps: its input, the feature map, the pooled map, and the
// pooled map over the picture; or, when the stage cannot run, why.
void draw_stage_maps(ImageScene& s, ImageView& v, const Fonts& f, float ratio, const FeatureSlots& slots, int k) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const char* relu = s.use_relu ? "ReLU, " : "";
    const char* op = s.pool_op == pl::PoolOp::Max ? "max" : "average";
    const pl::ImageStage& st = s.stages[static_cast<size_t>(k)];
    const std::string n = std::to_string(k + 1);
    const ImVec2 box(slots.cell_w - 8 * ratio, slots.cell_h - 6 * ratio);
    const std::string in_name = k == 0 ? "picture" : "stage 2 input";
    zoomed_map(v, f, ratio, st.input, slots.at(k, 0), box, (k == 0 ? "Picture " : "Pooled map 1 ") + shape(st.input),
               k == 0 ? MapLook{} : look_of(s.stages[0].pooled_signed, s.stages[0].pooled_scale), in_name.c_str(), Mouse::Pan);
    if (!st.error.empty()) {
        const ImVec2 p = slots.at(k, 1);
        dl->AddText(f.body, f.body->FontSize, ImVec2(p.x, p.y + slots.cell_h * 0.4f), theme::kError, st.error.c_str());
        return;
    }
    zoomed_map(v, f, ratio, st.feature, slots.at(k, 1), box,
               std::string("Feature map ") + n + " " + shape(st.feature) + ": " + pl::image_kernel_title(st.kernel_name),
               look_of(st.feature_signed, st.feature_scale), ("feature " + n).c_str(), Mouse::Pan);
    zoomed_map(v, f, ratio, st.pooled, slots.at(k, 2), box, std::string(relu) + op + " pool " + shape(st.pooled),
               look_of(st.pooled_signed, st.pooled_scale), ("pooled " + n).c_str(), Mouse::Pan);
    ImVec4 vis;
    const GridLayout pic = zoomed_map(v, f, ratio, s.picture, slots.at(k, 3), box, "Pooled " + n + " over the picture",
                                      MapLook{}, ("overlay " + n).c_str(), Mouse::Pan, &vis);
    draw_pooled_overlay(dl, s, v, k, pic, vis);
}

// The pooled cell to trace: the one hovered, else the pinned one. A click or
// tap that did not drag (a drag pans), or a right-click, pins the hovered
// cell. Returns false when there is none.
bool traced_cell(ImageView& v, int stages, bool controls, float ratio, int* stage, int* row, int* col) {
    *stage = -1;
    *row = -1;
    *col = -1;
    for (int k = 0; k < stages; ++k) {
        if (v.hover.map == "pooled " + std::to_string(k + 1)) {
            *stage = k;
            *row = v.hover.row;
            *col = v.hover.col;
        }
    }
    const ImGuiIO& io = ImGui::GetIO();
    const float slop = 4.0f * ratio;
    const bool tapped = ImGui::IsMouseReleased(ImGuiMouseButton_Left) && io.MouseDragMaxDistanceSqr[ImGuiMouseButton_Left] < slop * slop;
    if (*stage >= 0 && controls && (tapped || ImGui::IsMouseClicked(ImGuiMouseButton_Right))) {
        v.pin_stage = *stage;
        v.pin_row = *row;
        v.pin_col = *col;
    }
    if (*stage < 0 && v.pin_stage >= 0 && v.pin_stage < stages) {
        *stage = v.pin_stage;
        *row = v.pin_row;
        *col = v.pin_col;
    }
    return *stage >= 0;
}

// A pooled cell's trace: its window in the feature map, the patch of the stage's
// input it sees, and that patch on the picture and on the overlay.
void outline_trace(const ImageScene& s, const ImageView& v, float ratio, int stage, int row, int col) {
    const pl::ImageTrace t = pl::image_trace(s, stage, row, col);
    if (!t.ok) return;
    const std::string n = std::to_string(stage + 1);
    outline(v, "pooled " + n, pl::CellRect{row, col, row + 1, col + 1}, theme::kWindowOnValues, 2.5f * ratio);
    outline(v, "feature " + n, t.window, theme::kWindowOnValues, 2.5f * ratio);
    if (stage > 0) outline(v, "stage 2 input", t.input_patch, theme::kHover, 2.0f * ratio);
    outline(v, "picture", t.picture_patch, theme::kWindowOnValues, 2.5f * ratio);
    outline(v, "overlay " + n, t.picture_patch, theme::kWindowOnValues, 2.5f * ratio);
}

}  // namespace

void draw_pyramid_tab(ImageScene& s, ImageView& v, const Fonts& f, float ratio, ImVec2 pos, ImVec2 size, bool) {
    v.hover = MapHover{};
    const float label_w = 96.0f * ratio, status_h = f.body->FontSize * 1.8f;
    // Why the rows differ, where there is room for it (the maps come first in a small frame).
    static const char* why =
        "Max pooling keeps the brightest value of each window: bright spots and lines survive, even thicken, while dark lines "
        "thinner than the window vanish (dark text on a light page breaks up). Average pooling blurs both. Subsampling keeps one "
        "pixel of each window and ignores the rest, so a fine pattern such as a grating can come out as a coarser one that is not "
        "in the picture (aliasing).";
    const float why_h = f.small->CalcTextSizeA(f.small->FontSize, FLT_MAX, size.x, why).y + f.small->FontSize * 0.6f;
    const bool explain = why_h < size.y * 0.2f;
    const float maps_h = size.y - status_h - (explain ? why_h : 0.0f);
    const float cell_w = (size.x - label_w) / (pl::kImageLevels + 1), cell_h = maps_h / pl::kPictureReduceCount;
    static const char* rows[pl::kPictureReduceCount] = {"Max pool", "Average pool", "Subsample"};
    static const char* names[pl::kPictureReduceCount][pl::kImageLevels + 1] = {
        {"picture", "max 1", "max 2", "max 3"}, {"picture (average row)", "average 1", "average 2", "average 3"},
        {"picture (subsample row)", "subsample 1", "subsample 2", "subsample 3"}};
    ImDrawList* dl = ImGui::GetWindowDrawList();
    for (int op = 0; op < pl::kPictureReduceCount; ++op) {
        const float y = pos.y + static_cast<float>(op) * cell_h;
        dl->AddText(f.body, f.body->FontSize, ImVec2(pos.x, y + cell_h * 0.45f), theme::kInk, rows[op]);
        for (int k = 0; k <= pl::kImageLevels; ++k) {
            const Grid& g = s.pyramid[static_cast<size_t>(op)][static_cast<size_t>(k)];
            const std::string title = (k == 0 ? std::string("Picture ") : "\u00f7" + std::to_string(1 << k) + "  ") + shape(g);
            zoomed_map(v, f, ratio, g, ImVec2(pos.x + label_w + static_cast<float>(k) * cell_w, y), ImVec2(cell_w - 8 * ratio, cell_h - 6 * ratio),
                       title, MapLook{}, names[op][k], Mouse::Pan);
        }
    }
    if (explain) {
        const ImVec2 at(pos.x, pos.y + maps_h);
        draw_wrapped_text(dl, f.small, at, theme::kInk, why, size.x);
        // The two words the paragraph leans on explain themselves (the first line holds "Max pooling").
        const float w = f.small->CalcTextSizeA(f.small->FontSize, FLT_MAX, 0, "Max pooling").x;
        term::zone(at, ImVec2(at.x + w, at.y + f.small->FontSize), "max-pooling");
    }
    status_line(v, f, ImVec2(pos.x, pos.y + size.y - status_h + 4 * ratio),
                "Each step keeps one value per 2\u00d72 window, shown at the same size: scroll to zoom, drag to pan, 0 to fit.");
}

void draw_features_tab(ImageScene& s, ImageView& v, const Fonts& f, float ratio, ImVec2 pos, ImVec2 size, bool controls) {
    v.hover = MapHover{};
    const float status_h = f.body->FontSize * 1.8f;
    const int rows = s.stage_count;
    // One stage: the four maps two by two, as large as they go. Two stages: a row of four each.
    const int per_row = rows == 1 ? 2 : 4;
    const FeatureSlots slots{pos, per_row, size.x / static_cast<float>(per_row), (size.y - status_h) / 2.0f};  // two rows either way
    for (int k = 0; k < rows; ++k) draw_stage_maps(s, v, f, ratio, slots, k);
    int stage, row, col;
    if (traced_cell(v, rows, controls, ratio, &stage, &row, &col)) outline_trace(s, v, ratio, stage, row, col);
    status_line(v, f, ImVec2(pos.x, pos.y + size.y - status_h + 4 * ratio),
                "Hover a pooled cell to trace its window and patch; a click or tap pins it. Scroll to zoom, drag to pan.");
}

void draw_digit_tab(ImageScene& s, ImageView& v, const Fonts& f, float ratio, ImVec2 pos, ImVec2 size, bool controls) {
    v.hover = MapHover{};
    const float status_h = f.body->FontSize * 1.8f;
    const float tools_h = ImGui::GetFrameHeightWithSpacing();
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + size.x);
    ImGui::TextWrapped("The course's MNIST pipeline on your own digit: a 28\u00d728 pad, a 3\u00d73 %s filter (valid) gives a 26\u00d726 "
                       "feature map, ReLU, then 2\u00d72 max pooling gives 13\u00d713. Draw with the left button or a finger; erase with the "
                       "right button, or pick \"erase\" under the pad.",
                       pl::image_kernel_title(s.digit_kernel));
    ImGui::PopTextWrapPos();
    // The maps start below the words, however many lines they took, and are as
    // large as the rest allows (the stage scrolls in a very small frame).
    const float y = ImGui::GetCursorScreenPos().y + 4 * ratio;
    const float cell_w = size.x / 3.0f;
    const float h = std::max(std::min(pos.y + size.y - y - status_h - tools_h, cell_w * 1.1f), std::min(cell_w, 96.0f * ratio));
    const ImVec2 box(cell_w - 12 * ratio, h);
    const GridLayout pad = zoomed_map(v, f, ratio, s.digit, ImVec2(pos.x, y), box, "Your digit 28\u00d728", MapLook{}, "digit", Mouse::Draw);
    // Drawing: the pad's invisible button is the last item.
    if (controls && ImGui::IsItemActive() && pad.cell > 0) {
        const ImVec2 m = ImGui::GetIO().MousePos;
        const float r = (m.y - pad.origin.y) / pad.cell, c = (m.x - pad.origin.x) / pad.cell;
        const bool erase = v.erase != ImGui::IsMouseDown(ImGuiMouseButton_Right);
        if (!v.drawing) {
            v.last_r = r;
            v.last_c = c;
        }
        if (!v.drawing || r != v.last_r || c != v.last_c) pl::image_digit_stroke(s, v.last_r, v.last_c, r, c, erase);
        v.drawing = true;
        v.last_r = r;
        v.last_c = c;
    } else {
        v.drawing = false;
    }
    // What the left button (or a finger) does, under the pad: a touch screen has no right button.
    if (controls) {
        ImGui::SetCursorScreenPos(ImVec2(pos.x, y + box.y + 4 * ratio));
        if (ImGui::RadioButton("draw", !v.erase)) v.erase = false;
        note_widget(v, "draw");
        ImGui::SameLine();
        if (ImGui::RadioButton("erase", v.erase)) v.erase = true;
        note_widget(v, "erase");
        ImGui::SameLine();
        if (ImGui::SmallButton("clear")) pl::image_digit_clear(s);
        note_widget(v, "clear");
    }
    const char* feature_title = map_title_fits(f, "Feature map 26\u00d726 (after ReLU)", box.x) ? "Feature map 26\u00d726 (after ReLU)" : "After ReLU 26\u00d726";
    zoomed_map(v, f, ratio, s.digit_feature, ImVec2(pos.x + cell_w, y), box, feature_title,
               look_of_digit(s.digit_feature), "digit feature", Mouse::None);
    zoomed_map(v, f, ratio, s.digit_pooled, ImVec2(pos.x + 2 * cell_w, y), box, "Max pooled 13\u00d713", look_of_digit(s.digit_pooled),
               "digit pooled", Mouse::None);
    if (v.hover.map == "digit pooled") {
        const pl::ImageTrace t = pl::image_digit_trace(s, v.hover.row, v.hover.col);
        if (t.ok) {
            outline(v, "digit pooled", pl::CellRect{v.hover.row, v.hover.col, v.hover.row + 1, v.hover.col + 1}, theme::kWindowOnValues, 2.5f * ratio);
            outline(v, "digit feature", t.window, theme::kWindowOnValues, 2.5f * ratio);
            outline(v, "digit", t.picture_patch, theme::kWindowOnValues, 2.5f * ratio);
        }
    }
    status_line(v, f, ImVec2(pos.x, std::max(pos.y + size.y - status_h, y + box.y + tools_h) + 4 * ratio),
                "Hover a pooled cell: its 2\u00d72 window in the feature map and the 4\u00d74 patch of your drawing it sees.");
}

}  // namespace image_parts

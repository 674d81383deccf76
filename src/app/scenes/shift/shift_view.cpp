// The shift lab's settings panel, keyboard shortcuts and tab bar.
#include "app/scenes/shift/shift_view.h"
#include "app/widgets/term.h"

#include <algorithm>
#include <cstdio>
#include <string>

#include "app/scenes/scene_parts.h"
#include "app/scenes/shift/shift_parts.h"
#include "core/json.h"

using pl::Downsample;
using pl::ShiftScene;

namespace {

constexpr int kMaxSliderParam = 8;

// The scene's shortcut keys, for the help window and the panel.
constexpr const char* kKeys = "\u2190\u2191\u2192\u2193 shift \u00b7 Home no shift \u00b7 C zero/circular \u00b7 O operation \u00b7 "
                              "[ ] tabs \u00b7 1-7 features \u00b7 W/w window \u00b7 S/s stride";

const char* kPresetTitles[] = {"Pixel", "2\u00d72 blob", "Short edge", "Cross", "Diagonal", "MNIST \"7\"", "Noise"};
static_assert(sizeof(kPresetTitles) / sizeof(kPresetTitles[0]) == sizeof(pl::kShiftPresets) / sizeof(pl::kShiftPresets[0]),
              "a title per preset");

void load_preset(ShiftScene& s, ShiftView& v, int index) {
    pl::shift_load_preset(s, pl::kShiftPresets[index], pl::course_mnist7());
    v.notice = std::string("Feature: ") + kPresetTitles[index] + ". Move it with the arrow keys or drag the shifted map.";
}

void change_pool(ShiftScene& s, int dsize, int dstride) {
    pl::DownsampleParams p = s.params;
    p.pool.size_rows = p.pool.size_cols = std::clamp(p.pool.size_rows + dsize, 1, kMaxSliderParam);
    p.pool.stride_rows = p.pool.stride_cols = std::clamp(p.pool.stride_rows + dstride, 1, kMaxSliderParam);
    pl::shift_set_params(s, p);
}

// The feature presets two to a row, its size, and the brush for painting it.
void draw_feature(ShiftScene& s, ShiftView& v, float w, float ratio) {
    theme::section("FEATURE");
    const int n = static_cast<int>(sizeof(kPresetTitles) / sizeof(kPresetTitles[0]));
    for (int i = 0; i < n; ++i) {
        if (i % 2) ImGui::SameLine();
        if (ImGui::Button(kPresetTitles[i], ImVec2(w * 0.5f - 4 * ratio, 0))) load_preset(s, v, i);
    }
    int side = s.feature.rows;
    ImGui::SetNextItemWidth(w * 0.6f);
    if (ImGui::SliderInt("Size", &side, pl::kShiftMinSide, pl::kShiftMaxSide)) {
        pl::shift_resize(s, side);
    }
    ImGui::SetNextItemWidth(w * 0.6f);
    ImGui::SliderFloat("Brush", &v.brush, 0.0f, 2.0f, "%.2f");
    ImGui::PushTextWrapPos(0);
    ImGui::TextDisabled("Paint on the original: left button paints the brush value, right button erases.");
    ImGui::PopTextWrapPos();
}

// Arrow buttons laid out as a keypad around the shift, and what happens at the border.
void draw_shift(ShiftScene& s) {
    theme::section("SHIFT");
    const float b = ImGui::GetFrameHeight() * 1.6f;
    ImGui::Dummy(ImVec2(b, b));
    ImGui::SameLine();
    if (ImGui::Button("\u2191", ImVec2(b, b))) pl::shift_move(s, 0, -1);
    ImGui::SameLine();
    ImGui::BeginGroup();
    ImGui::Text("dx = %+d", s.dx);
    ImGui::Text("dy = %+d", s.dy);
    ImGui::EndGroup();
    if (ImGui::Button("\u2190", ImVec2(b, b))) pl::shift_move(s, -1, 0);
    ImGui::SameLine();
    if (ImGui::Button("0", ImVec2(b, b))) pl::shift_set(s, 0, 0);
    ImGui::SameLine();
    if (ImGui::Button("\u2192", ImVec2(b, b))) pl::shift_move(s, 1, 0);
    ImGui::Dummy(ImVec2(b, b));
    ImGui::SameLine();
    if (ImGui::Button("\u2193", ImVec2(b, b))) pl::shift_move(s, 0, 1);
    int fill = static_cast<int>(s.fill);
    if (ImGui::RadioButton("Zero fill", &fill, 0)) pl::shift_set_fill(s, pl::ShiftFill::Zero);
    term::tip("zero-fill");
    ImGui::SameLine();
    if (ImGui::RadioButton("Circular", &fill, 1)) pl::shift_set_fill(s, pl::ShiftFill::Circular);
    term::tip("circular-fill");
    ImGui::PushTextWrapPos(0);
    ImGui::TextDisabled(s.fill == pl::ShiftFill::Zero ? "Cells shifted in at the border are zero; what leaves the map is lost."
                                                      : "What leaves one side comes back on the other.");
    ImGui::PopTextWrapPos();
}

// The operation the tabs look at closely, and the window, stride, blur and
// padding every operation uses (set together, so the maps are worked out once a change).
void draw_downsampling(ShiftScene& s, float w) {
    theme::section("DOWNSAMPLING");
    int focus = pl::op_index(s.focus);
    ImGui::SetNextItemWidth(w);
    if (ImGui::BeginCombo("##focus", pl::downsample_title(s.focus))) {
        for (int i = 0; i < pl::kDownsampleCount; ++i) {
            if (ImGui::Selectable(pl::downsample_title(pl::kAllDownsamples[i]), i == focus)) pl::shift_set_focus(s, pl::kAllDownsamples[i]);
        }
        ImGui::EndCombo();
    }
    pl::DownsampleParams p = s.params;
    int size = p.pool.size_rows, stride = p.pool.stride_rows, pad = static_cast<int>(p.pool.padding);
    // A link can set rows and columns apart (size=2x3): each slider then shows both, "2×3", and moving
    // it sets both to one value, as the note under them says.
    const bool sizes_differ = p.pool.size_rows != p.pool.size_cols, strides_differ = p.pool.stride_rows != p.pool.stride_cols;
    const std::string size_format = sizes_differ ? "%d\u00d7" + std::to_string(p.pool.size_cols) : "%d";
    const std::string stride_format = strides_differ ? "%d\u00d7" + std::to_string(p.pool.stride_cols) : "%d";
    ImGui::PushItemWidth(w * 0.6f);
    const bool size_moved = ImGui::SliderInt("Window", &size, 1, kMaxSliderParam, size_format.c_str());
    term::tip("window");
    const bool stride_moved = ImGui::SliderInt("Stride", &stride, 1, kMaxSliderParam, stride_format.c_str());
    term::tip("stride");
    bool changed = size_moved || stride_moved;
    if (sizes_differ || strides_differ) {
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + w);
        ImGui::TextDisabled("Rows and columns differ (rows\u00d7columns); moving a slider gives both axes one value.");
        ImGui::PopTextWrapPos();
    }
    changed |= ImGui::SliderInt("Blur size", &p.blur_size, 2, 5);
    term::tip("blur-pool");
    ImGui::PopItemWidth();
    changed |= ImGui::RadioButton("valid", &pad, 0);
    term::tip("valid-padding");
    ImGui::SameLine();
    changed |= ImGui::RadioButton("same", &pad, 1);
    term::tip("same-padding");
    if (changed) {
        if (size_moved) p.pool.size_rows = p.pool.size_cols = size;
        if (stride_moved) p.pool.stride_rows = p.pool.stride_cols = stride;
        p.pool.padding = static_cast<pl::Padding>(pad);
        pl::shift_set_params(s, p);
    }
}

// How far the Sweep tab shifts, or how many times the Stacking tab pools.
void draw_sweep_and_stacking(ShiftScene& s, float w) {
    ImGui::SetNextItemWidth(w * 0.6f);
    if (s.tab == pl::ShiftTab::Sweep) {
        theme::section("SWEEP");
        int range = s.sweep_range;
        if (ImGui::SliderInt("Sweep \u00b1", &range, 1, 8)) pl::shift_set_sweep_range(s, range);
    } else {
        theme::section("STACKING");
        ImGui::SliderInt("Layers", &s.layers, 1, pl::kShiftMaxLayers);
    }
}

// Only the settings the tab on show uses: the sweep covers every shift, and
// the fabric maps are edited cell by cell on the stage.
void draw_panel(ShiftScene& s, ShiftView& v, float ratio) {
    const float w = ImGui::GetContentRegionAvail().x;
    if (s.tab == pl::ShiftTab::Fabric) {
        theme::section("FABRIC");
        ImGui::PushTextWrapPos(0);
        ImGui::TextDisabled("Four 7×7 maps: what a rip detector and a wrinkle detector might output on cloth. Click any cell of "
                            "a map to change it; its global max and global average follow.");
        ImGui::PopTextWrapPos();
        scene_parts::keys_section(kKeys);
        return;
    }
    draw_feature(s, v, w, ratio);
    if (s.tab != pl::ShiftTab::Sweep) draw_shift(s);
    draw_downsampling(s, w);
    if (s.tab == pl::ShiftTab::Sweep || s.tab == pl::ShiftTab::Stacking) draw_sweep_and_stacking(s, w);
    scene_parts::keys_section(kKeys);
}

}  // namespace

void shift_view_shortcuts(ShiftScene& s, ShiftView& v, const std::vector<ShortcutKey>& keys) {
    ImGuiIO& io = ImGui::GetIO();
    if (io.WantTextInput || ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId)) return;
    for (ShortcutKey k : keys) {
        switch (k) {
            case ShortcutKey::Left: pl::shift_move(s, -1, 0); break;
            case ShortcutKey::Right: pl::shift_move(s, 1, 0); break;
            case ShortcutKey::Up: pl::shift_move(s, 0, -1); break;
            case ShortcutKey::Down: pl::shift_move(s, 0, 1); break;
            case ShortcutKey::Home: pl::shift_set(s, 0, 0); break;
            default: break;
        }
    }
    const int presets = static_cast<int>(sizeof(kPresetTitles) / sizeof(kPresetTitles[0]));
    for (ImWchar ch : io.InputQueueCharacters) {
        if (ch >= '1' && ch < '1' + presets) load_preset(s, v, ch - '1');
        switch (ch) {
            case 'c': case 'C':
                pl::shift_set_fill(s, s.fill == pl::ShiftFill::Zero ? pl::ShiftFill::Circular : pl::ShiftFill::Zero);
                break;
            case 'o': case 'O': pl::shift_set_focus(s, pl::kAllDownsamples[(pl::op_index(s.focus) + 1) % pl::kDownsampleCount]); break;
            case '[': case ']':
                s.tab = static_cast<pl::ShiftTab>((static_cast<int>(s.tab) + (ch == ']' ? 1 : pl::kShiftTabCount - 1)) % pl::kShiftTabCount);
                v.tab_requested = true;
                break;
            case 'w': change_pool(s, 1, 0); break;
            case 'W': change_pool(s, -1, 0); break;
            case 's': change_pool(s, 0, 1); break;
            case 'S': change_pool(s, 0, -1); break;
            default: break;
        }
    }
}

void shift_view_draw(ShiftScene& s, ShiftView& v, const Fonts& f, float ratio, SceneLayout layout) {
    v.maps.begin_frame();
    v.controls = layout.controls;
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float panel_w = std::clamp(avail.x * 0.3f, 230.0f * ratio, 330.0f * ratio);
    if (!scene_parts::settings_panel("shift controls", panel_w, avail.y, layout, [&] { draw_panel(s, v, ratio); })) return;

    scene_parts::begin_stage("shift stage", avail.y);
    static const char* titles[pl::kShiftTabCount] = {"Shift", "Compare operations", "Sweep", "Stacking", "Global pooling: fabric"};
    static const char* short_titles[pl::kShiftTabCount] = {"Shift", "Compare", "Sweep", "Stacking", "Fabric"};
    scene_parts::tab_bar("shift tabs", titles, short_titles, pl::kShiftTabCount, layout.controls, &s.tab, &v.shown_tab, &v.tab_requested);
    // What the last preset was, and how to move it: not on the fabric tab, whose maps are others.
    if (!v.notice.empty() && s.tab != pl::ShiftTab::Fabric) ImGui::TextDisabled("%s", v.notice.c_str());
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const ImVec2 size = scene_parts::stage_avail();
    switch (s.tab) {
        case pl::ShiftTab::Shift: shift_parts::draw_shift_tab(s, v, f, ratio, pos, size); break;
        case pl::ShiftTab::Compare: shift_parts::draw_compare_tab(s, v, f, ratio, pos, size); break;
        case pl::ShiftTab::Sweep: shift_parts::draw_sweep_tab(s, v, f, ratio, pos, size); break;
        case pl::ShiftTab::Stacking: shift_parts::draw_stacking_tab(s, v, f, ratio, pos, size); break;
        case pl::ShiftTab::Fabric: shift_parts::draw_fabric_tab(s, v, f, ratio, pos, size); break;
    }
    scene_parts::end_stage();
}

std::string shift_view_json(const ShiftScene& s, const ShiftView& v, float ratio) {
    pl::JsonWriter j;
    j.begin_object();
    j.key("tab").value(pl::shift_tab_name(s.tab));
    j.key("original_layout");
    write_layout_json(j, v.original_layout, ratio);
    j.key("shifted_layout");
    write_layout_json(j, v.shifted_layout, ratio);
    j.key("dragging").value(v.dragging);
    j.key("fabric_layouts").begin_array();
    for (const GridLayout& layout : v.fabric_layouts) write_layout_json(j, layout, ratio);
    j.end_array();
    j.key("fabric_editing").value(v.fabric_edit_open);
    j.key("fabric_edit_active").value(v.fabric_edit_active);
    j.key("fabric_error").value(v.fabric_error);
    j.key("notice").value(v.notice);
    j.end_object();
    return j.str();
}

namespace {
ShiftView g_view;
}  // namespace

extern const SceneView shift_scene_view = {
    pl::Scene::Shift, "Shift invariance", "Shift", "Move a feature by a pixel and see where pooling keeps the output and where it breaks.",
    kKeys,
    true,
    [] { g_view.maps.release(); },
    [](std::any& m, const std::vector<ShortcutKey>& keys) { shift_view_shortcuts(pl::model_as<ShiftScene>(m), g_view, keys); },
    [](std::any& m, SceneFrame& f) { shift_view_draw(pl::model_as<ShiftScene>(m), g_view, f.fonts, f.ratio, f.layout); },
    [](const std::any& m, float ratio) { return shift_view_json(pl::model_as<ShiftScene>(m), g_view, ratio); },
    nullptr,
    nullptr,
};

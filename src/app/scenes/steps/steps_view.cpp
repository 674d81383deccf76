#include "app/scenes/steps/steps_view.h"

#include <algorithm>
#include <cstdio>

#include "app/scenes/scene_parts.h"
#include "app/scenes/steps/steps_parts.h"
#include "core/csv.h"
#include "core/json.h"

using pl::StepsScene;

namespace {

// Sets the typed value; "" or why not (the editor stays open with the reason).
void commit_edit(StepsScene& s, StepsView& v) { v.edit_error = pl::steps_edit_cell(s, v.edit_row, v.edit_col, v.edit_text); }

void cell_editor(StepsScene& s, StepsView& v) {
    if (v.editing) {
        ImGui::OpenPopup("Edit cell");
        // Beside the cell, not over the grid it edits.
        const ImVec2 cell = v.input_layout.at(static_cast<float>(v.edit_row), static_cast<float>(v.edit_col + 1));
        ImGui::SetNextWindowPos(ImVec2(cell.x + 8.0f, cell.y), ImGuiCond_Always);
        v.editing = false;
        v.edit_focus = true;
    }
    const bool was_open = v.edit_open;
    v.edit_open = ImGui::BeginPopup("Edit cell");
    v.edit_active = false;
    if (!v.edit_open) {
        // Closed by a click elsewhere: the typed value is kept, not thrown away; a bad one is named.
        if (was_open) {
            commit_edit(s, v);
            if (!v.edit_error.empty()) v.notice = "Row " + std::to_string(v.edit_row + 1) + ", column " + std::to_string(v.edit_col + 1) +
                                                  " was not changed: " + v.edit_error;
            v.edit_error.clear();
        }
        return;
    }
    ImGui::Text("Row %d, column %d", v.edit_row + 1, v.edit_col + 1);
    if (v.edit_focus) {
        ImGui::SetKeyboardFocusHere();
        v.edit_focus = false;
    }
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
    bool enter = ImGui::InputText("##value", v.edit_text, sizeof v.edit_text,
                                  ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_AutoSelectAll);
    v.edit_active = ImGui::IsItemActive();
    const bool left_field = ImGui::IsItemDeactivatedAfterEdit() && !enter;  // Tab or a click in the popup: keep the value too
    ImGui::SameLine();
    if (ImGui::Button("Set") || enter || left_field) {
        commit_edit(s, v);
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
    ImGui::TextDisabled("Enter (or a click elsewhere) sets it, Esc cancels");
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) {
        v.edit_error.clear();
        ImGui::CloseCurrentPopup();
        v.edit_open = v.edit_active = false;
    }
    ImGui::EndPopup();
}

void start_edit(StepsScene& s, StepsView& v, int r, int c) {
    if (v.edit_open) {  // another cell clicked while one is being edited: keep what was typed there first
        commit_edit(s, v);
        v.edit_error.clear();
    }
    v.editing = true;
    v.edit_row = r;
    v.edit_col = c;
    v.edit_error.clear();
    std::snprintf(v.edit_text, sizeof v.edit_text, "%s", pl::format_value(s.input.at(r, c)).c_str());
}

void draw_transport(StepsScene& s, const Fonts& f, float ratio, bool controls) {
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
    if (!controls) return;

    ImGui::BeginDisabled(n == 0);
    const bool compact = ImGui::GetContentRegionAvail().x < 640.0f * ratio;  // a small figure: short labels, no speed
    if (ImGui::Button(compact ? "Start" : "Restart")) pl::steps_home(s);
    ImGui::SameLine();
    if (ImGui::Button(compact ? "\u25c0" : "\u25c0 Back")) pl::steps_back(s);
    ImGui::SameLine();
    if (ImGui::Button(s.playing ? "Pause" : "\u25b6 Play", ImVec2(70 * ratio, 0))) pl::steps_play_pause(s);
    ImGui::SameLine();
    if (ImGui::Button(compact ? "\u25b6" : "Forward \u25b6")) pl::steps_forward(s);
    ImGui::SameLine();
    int step = current + 1;
    float speed_w = compact ? 0.0f : 200 * ratio;
    ImGui::SetNextItemWidth(std::max(80 * ratio, ImGui::GetContentRegionAvail().x - speed_w - 8 * ratio));
    if (ImGui::SliderInt("##step", &step, 1, std::max(1, n), "step %d")) {
        s.playing = false;
        pl::steps_seek(s, step - 1);
    }
    if (compact) {
        ImGui::EndDisabled();
        return;
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

void steps_view_draw(StepsScene& s, StepsView& v, const Fonts& f, float ratio, SceneLayout layout) {
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float panel_w = std::clamp(avail.x * 0.3f, 230.0f * ratio, 330.0f * ratio);

    if (!scene_parts::settings_panel("controls", panel_w, avail.y, layout, [&] { steps_parts::draw_controls(s, v, ratio); })) return;

    scene_parts::begin_stage("stage", avail.y);
    const float transport_h = f.large->FontSize + (layout.controls ? ImGui::GetFrameHeight() : 0.0f) + ImGui::GetStyle().ItemSpacing.y * 3;
    ImVec2 pos = ImGui::GetCursorScreenPos();
    ImVec2 size = scene_parts::stage_avail();
    // Without the heat-map shader (it failed to compile), say why the colours look plainer.
    const std::string notice = heatmap_error().empty() ? v.notice : "Value colours are drawn cell by cell: " + heatmap_error();
    if (!notice.empty()) {
        ImGui::TextDisabled("%s", notice.c_str());
        pos.y += ImGui::GetTextLineHeightWithSpacing();
        size.y -= ImGui::GetTextLineHeightWithSpacing();
    }
    ImVec2 stage_size(size.x, std::max(40.0f, size.y - transport_h));
    steps_parts::draw_stage(s, v, f, ratio, pos, stage_size);

    // Clicking an input cell opens its editor.
    if (v.hover_in_row >= 0 && ImGui::IsMouseClicked(ImGuiMouseButton_Left)) start_edit(s, v, v.hover_in_row, v.hover_in_col);
    cell_editor(s, v);

    ImGui::SetCursorScreenPos(ImVec2(pos.x, pos.y + stage_size.y));
    draw_transport(s, f, ratio, layout.controls);
    scene_parts::end_stage();
    code_window(v.code, "The code for this pooling", ratio, [](pl::CodeLang l, const void* scene) {
        const StepsScene& st = *static_cast<const StepsScene*>(scene);
        return pl::pool_code(l, st.input, st.params);
    }, &s);
}

std::string steps_view_json(const StepsView& v, float ratio) {
    pl::JsonWriter j;
    j.begin_object();
    j.key("input_layout");
    write_layout_json(j, v.input_layout, ratio);
    j.key("output_layout");
    write_layout_json(j, v.output_layout, ratio);
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
    j.key("reduce_motion").value(v.reduce_motion);
    j.key("notice").value(v.notice);
    j.key("code").raw(code_window_json(v.code, ratio));
    j.end_object();
    return j.str();
}

namespace {
StepsView g_view;
}  // namespace

extern const SceneView steps_scene_view = {
    pl::Scene::Steps, "Step through pooling", "Steps", "Watch a window slide over the input and write one output cell per step.",
    "Space play/pause \u00b7 \u2190 \u2192 step \u00b7 Home restart \u00b7 End last step \u00b7 O operation \u00b7 "
    "P padding \u00b7 W/w window \u00b7 S/s stride \u00b7 +/\u2212 input size \u00b7 R randomise \u00b7 "
    "1 course example \u00b7 7 MNIST \"7\" \u00b7 C the code in NumPy, PyTorch, Keras, TF.js",
    false,  // the first frame draws cell by cell; the shader is compiled after it
    [] {
        g_view.input_map.release();
        g_view.output_map.release();
    },
    [](std::any& m, const std::vector<ShortcutKey>& keys) { steps_view_shortcuts(pl::model_as<StepsScene>(m), g_view, keys); },
    [](std::any& m, SceneFrame& f) {
        g_view.reduce_motion = f.reduce_motion;
        steps_view_draw(pl::model_as<StepsScene>(m), g_view, f.fonts, f.ratio, f.layout);
    },
    [](const std::any&, float ratio) { return steps_view_json(g_view, ratio); },
    nullptr,
    nullptr,
};

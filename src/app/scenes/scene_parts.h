#pragma once
// Pieces every scene's view is built the same way from: the settings panel
// beside the stage, the stage, the tab bar of a scene with tabs, and the
// panel's list of keys. Header-only, as the build compiles the scene folders
// (src/app/scenes/*/*.cpp) and not this one. Not for use outside the scenes.
#include <imgui.h>

#include <algorithm>
#include <cstdio>

#include "app/scene_view.h"
#include "app/widgets/theme.h"
#include "app/widgets/wrap.h"

namespace scene_parts {

// The settings panel in a bordered child named `name`, as the layout asks:
// `width` wide with the stage beside it, or the whole width on its own (a
// narrow window with its settings open). `draw` draws the panel's sections.
// Returns false when the panel is all there is to draw this frame.
template <class DrawPanel>
bool settings_panel(const char* name, float width, float height, const SceneLayout& layout, DrawPanel draw) {
    if (!layout.panel_only && !layout.panel) return true;
    ImGui::BeginChild(name, ImVec2(layout.panel_only ? 0 : width, height), true);
    if (layout.card) layout.card();
    draw();
    ImGui::EndChild();
    if (layout.panel_only) return false;
    ImGui::SameLine();
    return true;
}

// Where the stage's content starts in draw-list vertices (see end_stage).
inline int g_stage_first_vertex = 0;

// Opens the stage beside the panel, as tall as the panel. The figures are laid
// out to fit it (stage_region); what still does not fit in a small frame is
// reached with the stage's scroll bar. The wheel stays with the figures (zoom,
// pan). Close it with end_stage().
inline void begin_stage(const char* name, float height) {
    ImGui::BeginChild(name, ImVec2(0, height), false, ImGuiWindowFlags_NoScrollWithMouse);
    g_stage_first_vertex = ImGui::GetWindowDrawList()->VtxBuffer.Size;
    reset_lowest_text();
}

// The room a figure lays itself out in (GetContentRegionAvail on a stage): from the cursor to the stage's
// bottom as if nothing were scrolled, so scrolling moves the figure and
// never makes it grow.
inline ImVec2 stage_avail() {
    ImVec2 size = ImGui::GetContentRegionAvail();
    size.y -= ImGui::GetScrollY();
    return size;
}

// Closes the stage: its content reaches as low as anything drawn on it (shapes,
// and wrapped text even where clipped), so the scroll bar appears exactly when
// something lies below the frame.
inline void end_stage() {
    const ImDrawList* dl = ImGui::GetWindowDrawList();
    float bottom = lowest_text();
    for (int i = g_stage_first_vertex; i < dl->VtxBuffer.Size; ++i) bottom = std::max(bottom, dl->VtxBuffer[i].pos.y);
    const ImVec2 top_left = ImGui::GetWindowPos();
    if (bottom > top_left.y) {
        ImGui::SetCursorScreenPos(ImVec2(top_left.x, bottom));
        ImGui::Dummy(ImVec2(1.0f, 1.0f));
    }
    ImGui::EndChild();
}

// The tab bar over a stage (none without controls). `tab` is the scene's tab,
// which a link or a key may change, and `shown` the one the bar showed last:
// a tab chosen that way is selected in the bar once (`requested`); otherwise
// the tab the student clicks becomes the scene's tab.
// `short_titles` are used when the full ones would not fit the stage's width.
template <class Tab>
void tab_bar(const char* id, const char* const* titles, const char* const* short_titles, int count, bool controls, Tab* tab, Tab* shown,
             bool* requested) {
    if (*tab != *shown) *requested = true;
    if (!controls) return;
    float need = 0;
    const ImGuiStyle& st = ImGui::GetStyle();
    for (int i = 0; i < count; ++i) need += ImGui::CalcTextSize(titles[i]).x + st.FramePadding.x * 2 + st.ItemInnerSpacing.x;
    if (need > ImGui::GetContentRegionAvail().x) titles = short_titles;
    if (!ImGui::BeginTabBar(id)) return;
    for (int i = 0; i < count; ++i) {
        const ImGuiTabItemFlags flags = *requested && static_cast<int>(*tab) == i ? ImGuiTabItemFlags_SetSelected : 0;
        char label[96];  // the same id whichever title shows, so the selection survives a resize
        std::snprintf(label, sizeof label, "%s###tab%d", titles[i], i);
        if (ImGui::BeginTabItem(label, nullptr, flags)) {
            if (!*requested) *tab = static_cast<Tab>(i);
            ImGui::EndTabItem();
        }
    }
    *requested = false;
    *shown = *tab;
    ImGui::EndTabBar();
}

// The scene's shortcut keys (the text its help entry shows, so the two cannot
// drift apart) and the shell's Tab, where a student looking for a control
// will see them.
inline void keys_section(const char* scene_keys) {
    theme::section("KEYS");
    ImGui::PushTextWrapPos(0);
    ImGui::TextDisabled("%s \u00b7 Tab next scene.", scene_keys);
    ImGui::PopTextWrapPos();
}

}  // namespace scene_parts

#pragma once
// Pieces every scene's view is built the same way from: the settings panel
// beside the stage, the stage, the tab bar of a scene with tabs, and the
// panel's list of keys. Header-only, as the build compiles the scene folders
// (src/app/scenes/*/*.cpp) and not this one. Not for use outside the scenes.
#include <imgui.h>

#include "app/scene_view.h"
#include "app/widgets/theme.h"

namespace scene_parts {

// The settings panel in a bordered child named `name`, as the layout asks:
// `width` wide with the stage beside it, or the whole width on its own (a
// narrow window with its settings open). `draw` draws the panel's sections.
// Returns false when the panel is all there is to draw this frame.
template <class DrawPanel>
bool settings_panel(const char* name, float width, float height, const SceneLayout& layout, DrawPanel draw) {
    if (!layout.panel_only && !layout.panel) return true;
    ImGui::BeginChild(name, ImVec2(layout.panel_only ? 0 : width, height), true);
    draw();
    ImGui::EndChild();
    if (layout.panel_only) return false;
    ImGui::SameLine();
    return true;
}

// Opens the stage beside the panel, as tall as the panel: a child that never
// scrolls, as the figures are laid out to fit it and some take the wheel and
// drags themselves (zoom, pan, painting). Close it with ImGui::EndChild().
inline void begin_stage(const char* name, float height) {
    ImGui::BeginChild(name, ImVec2(0, height), false, ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
}

// The tab bar over a stage (none without controls). `tab` is the scene's tab,
// which a link or a key may change, and `shown` the one the bar showed last:
// a tab chosen that way is selected in the bar once (`requested`); otherwise
// the tab the student clicks becomes the scene's tab.
template <class Tab>
void tab_bar(const char* id, const char* const* titles, int count, bool controls, Tab* tab, Tab* shown, bool* requested) {
    if (*tab != *shown) *requested = true;
    if (!controls || !ImGui::BeginTabBar(id)) return;
    for (int i = 0; i < count; ++i) {
        const ImGuiTabItemFlags flags = *requested && static_cast<int>(*tab) == i ? ImGuiTabItemFlags_SetSelected : 0;
        if (ImGui::BeginTabItem(titles[i], nullptr, flags)) {
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

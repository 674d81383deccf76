// Around every scene: the bar that picks the scene and holds Undo, Redo, Copy link,
// Reset, PNG, CSV and Help; the banner for a link's bad fields; and the
// keyboard help. Scenes appear here only through the registry.
#include "app/shell/chrome.h"

#include "app/shell/app.h"

#include <imgui.h>

#include <algorithm>
#include <initializer_list>
#include <string>

#include "core/glossary.h"
#include "core/link.h"
#include "platform/platform.h"

using pl::Scene;

namespace {

std::any& shown_model(App& app) { return app.scenes.models[static_cast<size_t>(app.scenes.shown)]; }

// The scene's grids (or layer table) as a CSV download.
void download_csv(App& app) {
    const pl::SceneModel& m = pl::scene_model(app.scenes.shown);
    std::string name;
    const std::string text = m.csv(shown_model(app), &name);
    platform::download(name, "text/csv", text);
}

void copy_link(const App& app) { platform::copy_text(platform::link_address(pl::link_fragment(app.scenes))); }

// Back to the course example of the scene on show.
void reset_scene(App& app) {
    shown_model(app) = pl::scene_model(app.scenes.shown).create();
    app.link_notices.clear();
}

ImVec2 item_centre() { return ImVec2((ImGui::GetItemRectMin().x + ImGui::GetItemRectMax().x) * 0.5f, (ImGui::GetItemRectMin().y + ImGui::GetItemRectMax().y) * 0.5f); }

// The scene buttons, the scene on show highlighted.
void scene_buttons(App& app) {
    for (int i = 0; i < pl::kSceneCount; ++i) {
        const SceneView& v = scene_view(static_cast<Scene>(i));
        ImGui::SameLine();
        const bool selected = app.scenes.shown == v.id;
        ImGui::PushStyleColor(ImGuiCol_Button, selected ? ImVec4(0.37f, 0.21f, 0.69f, 1.0f) : ImGui::GetStyle().Colors[ImGuiCol_Button]);
        ImGui::PushStyleColor(ImGuiCol_Text, selected ? ImVec4(1, 1, 1, 1) : ImGui::GetStyle().Colors[ImGuiCol_Text]);
        if (ImGui::Button(app.narrow ? v.short_title : v.title)) app.scenes.shown = v.id;
        ImGui::PopStyleColor(2);
    }
}

// The menu behind "More": what the bar has no room for.
void more_popup(App& app, bool with_undo) {
    if (!ImGui::BeginPopup("more")) return;
    if (with_undo) {
        if (ImGui::MenuItem("Undo", "Ctrl+Z", false, app_can_undo(app))) app_undo(app);
        if (ImGui::MenuItem("Redo", "Ctrl+Y", false, app_can_redo(app))) app_redo(app);
    }
    if (ImGui::MenuItem("Copy link")) copy_link(app);
    if (ImGui::MenuItem("Reset this scene")) reset_scene(app);
    if (ImGui::MenuItem("Save a PNG")) app.png_requested = true;
    if (ImGui::MenuItem("Save the grids as CSV")) download_csv(app);
    if (ImGui::MenuItem("Help: keys and words")) app.help = true;
    ImGui::EndPopup();
}

// A narrow window: the rest of the bar in a menu.
void more_menu(App& app) {
    ImGui::SameLine();
    if (ImGui::Button("More")) ImGui::OpenPopup("more");
    more_popup(app, true);
}

float buttons_width(std::initializer_list<const char*> labels) {
    const ImGuiStyle& style = ImGui::GetStyle();
    float w = style.ItemSpacing.x * static_cast<float>(labels.size() - 1);
    for (const char* b : labels) w += ImGui::CalcTextSize(b).x + style.FramePadding.x * 2;
    return w;
}

void undo_buttons(App& app) {
    const bool kept = pl::scene_model(app.scenes.shown).undo_depth > 0;
    ImGui::BeginDisabled(!app_can_undo(app));
    if (ImGui::Button("Undo")) app_undo(app);
    ImGui::EndDisabled();
    app.undo_button = item_centre();
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) ImGui::SetTooltip(kept ? "Undo the last edit (Ctrl+Z)" : "This scene keeps no undo yet");
    ImGui::SameLine();
    ImGui::BeginDisabled(!app_can_redo(app));
    if (ImGui::Button("Redo")) app_redo(app);
    ImGui::EndDisabled();
    app.redo_button = item_centre();
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) ImGui::SetTooltip(kept ? "Redo what was undone (Ctrl+Shift+Z or Ctrl+Y)" : "This scene keeps no undo yet");
}

// Undo, Redo, PNG, CSV, Help, Reset and Copy link at the right end of the bar,
// after the scene's one-line description where it fits; where even the
// buttons do not fit, Undo and Redo stay and the rest goes behind "More".
void bar_buttons(App& app) {
    const ImGuiStyle& style = ImGui::GetStyle();
    const float full = buttons_width({"Undo", "Redo", "PNG", "CSV", "Help", "Reset", "Copy link"});
    const char* blurb = scene_view(app.scenes.shown).blurb;
    ImGui::SameLine();
    const float right = ImGui::GetWindowContentRegionMax().x;
    const bool compact = ImGui::GetCursorPosX() + full > right;
    const float w = compact ? buttons_width({"Undo", "Redo", "More"}) : full;
    if (ImGui::GetCursorPosX() + ImGui::CalcTextSize(blurb).x + style.ItemSpacing.x < right - w) {
        ImGui::AlignTextToFramePadding();
        ImGui::TextDisabled("%s", blurb);
        ImGui::SameLine();
    }
    ImGui::SameLine(std::max(ImGui::GetCursorPosX(), right - w));
    undo_buttons(app);
    ImGui::SameLine();
    if (compact) {
        if (ImGui::Button("More")) ImGui::OpenPopup("more");
        more_popup(app, false);
        return;
    }
    if (ImGui::Button("PNG")) app.png_requested = true;
    app.png_button = item_centre();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Save the view as a PNG picture");
    ImGui::SameLine();
    if (ImGui::Button("CSV")) download_csv(app);
    app.csv_button = item_centre();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Save this scene's grids (or its layer table) as CSV");
    ImGui::SameLine();
    if (ImGui::Button("Help")) app.help = !app.help;
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Keyboard shortcuts, and the words PoolLab uses (? or F1)");
    ImGui::SameLine();
    if (ImGui::Button("Reset")) reset_scene(app);
    app.reset_button = item_centre();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Back to the course example of this scene");
    ImGui::SameLine();
    if (ImGui::Button("Copy link")) copy_link(app);
    app.copy_button = item_centre();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("A link that opens PoolLab exactly as it is now");
}

}  // namespace

// The bar that picks the scene, with the scene's one-line description.
void scene_bar(App& app) {
    if (app.narrow) {
        if (ImGui::Button(app.panel_open ? "Close" : "Settings")) app.panel_open = !app.panel_open;
    } else {
        ImGui::PushFont(app.fonts.large);
        ImGui::TextUnformatted("PoolLab");
        ImGui::PopFont();
    }
    scene_buttons(app);
    if (app.narrow) {
        more_menu(app);
    } else {
        bar_buttons(app);
    }
}

// What a link could not restore, until dismissed.
void link_notices_banner(App& app) {
    if (app.link_notices.empty()) return;
    ImGui::PushStyleColor(ImGuiCol_ChildBg, ImVec4(1.0f, 0.95f, 0.85f, 1.0f));
    const float h = ImGui::GetTextLineHeightWithSpacing() * static_cast<float>(std::min<size_t>(app.link_notices.size(), 4) + 1) +
                    ImGui::GetStyle().WindowPadding.y * 2;
    ImGui::BeginChild("link notices", ImVec2(0, h), true);
    ImGui::TextUnformatted("This link had settings PoolLab could not use; the defaults stand in for them:");
    ImGui::SameLine(std::max(ImGui::GetCursorPosX(), ImGui::GetWindowContentRegionMax().x - ImGui::CalcTextSize("Dismiss").x - 16));
    const bool dismiss = ImGui::SmallButton("Dismiss");
    for (const std::string& n : app.link_notices) ImGui::BulletText("%s", n.c_str());
    ImGui::EndChild();
    ImGui::PopStyleColor();
    if (dismiss) app.link_notices.clear();
}

namespace {

// Every scene's shortcuts, and the motion setting.
void help_keys(App& app) {
    ImGui::PushTextWrapPos(0);
    theme::section("Everywhere");
    ImGui::TextUnformatted("Tab next scene \u00b7 Ctrl+Z undo \u00b7 Ctrl+Shift+Z or Ctrl+Y redo \u00b7 ? or F1 this help \u00b7 Esc close it");
    for (int i = 0; i < pl::kSceneCount; ++i) {
        const SceneView& v = scene_view(static_cast<Scene>(i));
        theme::section(v.title);
        ImGui::TextUnformatted(v.keys);
    }
    ImGui::Spacing();
    ImGui::TextDisabled("The mouse does the rest: click cells to edit them, drag the shifted map, click units to see their fields.");
    theme::section("Motion");
    // The system's setting decides until the student chooses here (then the link carries it: motion=reduce or full).
    bool less = app_reduce_motion(app);
    if (ImGui::Checkbox("Less motion: the pooling window jumps from step to step instead of sliding", &less)) {
        app.scenes.motion = less ? pl::SceneSet::Motion::Reduce : pl::SceneSet::Motion::Full;
    }
    if (app.scenes.motion == pl::SceneSet::Motion::System) {
        ImGui::TextDisabled(less ? "On because the system asks for reduced motion." : "Follows the system's reduced-motion setting (off).");
    }
    ImGui::PopTextWrapPos();
}

// The glossary: every term the scenes explain on hover, in the order a course meets them.
void help_words(App& app) {
    ImGui::PushTextWrapPos(0);
    ImGui::TextDisabled("Words with a dotted underline, and many controls, explain themselves when the mouse rests on them.");
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::BeginChild("words", ImVec2(0, std::max(120.0f * app.ratio, vp->WorkSize.y * 0.6f)), false);
    ImGui::PushTextWrapPos(0);
    app.help_words.clear();
    for (const pl::Term& t : pl::glossary()) {
        app.help_words.emplace_back(t.id);
        ImGui::PushFont(app.fonts.large);
        ImGui::TextUnformatted(t.name);
        ImGui::PopFont();
        ImGui::TextUnformatted(t.definition);
        ImGui::Spacing();
    }
    ImGui::PopTextWrapPos();
    ImGui::EndChild();
    ImGui::PopTextWrapPos();
}

}  // namespace

// The keyboard shortcuts of every scene and the words they use, in a window over the app ('?' or F1).
void help_window(App& app) {
    if (!app.help) return;
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + vp->WorkSize.x * 0.5f, vp->WorkPos.y + vp->WorkSize.y * 0.5f), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(std::min(vp->WorkSize.x * 0.9f, 640.0f * app.ratio), 0));
    if (ImGui::Begin("Help", &app.help, ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_AlwaysAutoResize)) {
        if (ImGui::BeginTabBar("help tabs")) {
            const int select = app.help_select;
            app.help_select = -1;
            if (ImGui::BeginTabItem("Keys", nullptr, select == 0 ? ImGuiTabItemFlags_SetSelected : 0)) {
                app.help_tab = 0;
                help_keys(app);
                ImGui::EndTabItem();
            }
            if (ImGui::BeginTabItem("Words", nullptr, select == 1 ? ImGuiTabItemFlags_SetSelected : 0)) {
                app.help_tab = 1;
                help_words(app);
                ImGui::EndTabItem();
            }
            ImGui::EndTabBar();
        }
        if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) app.help = false;
    }
    ImGui::End();
}

// Around every scene: the bar that picks the scene and holds Copy link,
// Reset, PNG, CSV and Keys; the banner for a link's bad fields; the keyboard
// help; and the sentence screen readers are told.
#include "app/shell/app_chrome.h"

#include <imgui.h>

#include <algorithm>
#include <string>

#include "core/link.h"
#include "platform/platform.h"

// A sentence about what the scene shows now, for screen readers.
std::string narration(const App& app) {
    switch (app.scene) {
        case Scene::Steps: {
            const pl::StepsScene& s = app.steps;
            if (!s.error.empty()) return "Cannot pool: " + s.error;
            if (s.steps.empty()) return {};
            const int i = pl::steps_current(s);
            return pl::step_sentence(s.steps[static_cast<size_t>(i)], i, pl::steps_count(s), s.params.op);
        }
        case Scene::Shift: {
            const pl::ShiftScene& s = app.shift;
            const int k = pl::op_index(s.focus);
            return "Shift " + std::to_string(s.dx) + ", " + std::to_string(s.dy) + ". " + pl::downsample_title(s.focus) + ": " +
                   pl::explain_shift(s.focus, s.params, s.dx, s.dy, s.metrics[static_cast<size_t>(k)]);
        }
        case Scene::Fields: return pl::field_explanation(app.fields);
        case Scene::Image: {
            const pl::ImageScene& s = app.image;
            std::string said = "Picture " + std::to_string(s.picture.cols) + " by " + std::to_string(s.picture.rows) + " pixels";
            for (int k = 0; k < s.stage_count; ++k) {
                const pl::ImageStage& st = s.stages[static_cast<size_t>(k)];
                if (!st.error.empty()) return said + ". Stage " + std::to_string(k + 1) + " cannot run: " + st.error;
                said += std::string(k ? ", then " : ": ") + pl::image_kernel_title(st.kernel_name) + " gives a " + std::to_string(st.feature.cols) +
                        " by " + std::to_string(st.feature.rows) + " feature map, pooled to " + std::to_string(st.pooled.cols) + " by " +
                        std::to_string(st.pooled.rows);
            }
            return said + ".";
        }
    }
    return {};
}

// What a link could not restore, until dismissed.
void link_notices_banner(App& app) {
    if (!app.link_notices.empty()) {
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
}

// The keyboard shortcuts of every scene, in a window over the app ('?' or F1).
void help_window(App& app) {
    if (!app.help) return;
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + vp->WorkSize.x * 0.5f, vp->WorkPos.y + vp->WorkSize.y * 0.5f), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(std::min(vp->WorkSize.x * 0.9f, 640.0f * app.ratio), 0));
    if (ImGui::Begin("Keyboard shortcuts", &app.help, ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_AlwaysAutoResize)) {
        struct Group {
            const char* title;
            const char* keys;
        };
        static const Group groups[] = {
            {"Everywhere", "Tab next scene \u00b7 ? or F1 this help \u00b7 Esc close it"},
            {"Step through pooling", "Space play/pause \u00b7 \u2190 \u2192 step \u00b7 Home restart \u00b7 End last step \u00b7 O operation \u00b7 "
                                     "P padding \u00b7 W/w window \u00b7 S/s stride \u00b7 +/\u2212 input size \u00b7 R randomise \u00b7 "
                                     "1 course example \u00b7 7 MNIST \"7\""},
            {"Shift invariance", "\u2190\u2191\u2192\u2193 shift \u00b7 Home no shift \u00b7 C zero/circular \u00b7 O operation \u00b7 "
                                 "[ ] tabs \u00b7 1-7 features \u00b7 W/w window \u00b7 S/s stride"},
            {"Pictures", "1-8 pictures \u00b7 O open a file \u00b7 [ ] tabs \u00b7 K next filter \u00b7 R ReLU on/off \u00b7 "
                         "+/\u2212 zoom \u00b7 0 or Home fit \u00b7 \u2190\u2191\u2192\u2193 pan \u00b7 T step through a patch \u00b7 S shift a patch"},
            {"Receptive fields", "1-7 presets \u00b7 C conv \u00b7 M max pool \u00b7 A avg pool \u00b7 F flatten \u00b7 D dense \u00b7 "
                                 "X remove the last layer \u00b7 U remove/restore pooling \u00b7 \u2190\u2191\u2192\u2193 move the picked "
                                 "unit \u00b7 [ ] pick a layer below / above"},
        };
        ImGui::PushTextWrapPos(0);
        for (const Group& g : groups) {
            theme::section(g.title);
            ImGui::TextUnformatted(g.keys);
        }
        ImGui::Spacing();
        ImGui::TextDisabled("The mouse does the rest: click cells to edit them, drag the shifted map, click units to see their fields.");
        ImGui::PopTextWrapPos();
        if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) app.help = false;
    }
    ImGui::End();
}


// The bar that picks the scene, with the scene's one-line description.
void scene_bar(App& app) {
    static const char* full_titles[kSceneCount] = {"Step through pooling", "Shift invariance", "Receptive fields", "Pictures"};
    static const char* short_titles[kSceneCount] = {"Steps", "Shift", "Fields", "Pictures"};
    const char* const* titles = app.narrow ? short_titles : full_titles;
    static const char* blurbs[kSceneCount] = {
        "Watch a window slide over the input and write one output cell per step.",
        "Move a feature by a pixel and see where pooling keeps the output and where it breaks.",
        "Build a layer stack and see how far into the input each unit sees.",
        "Pool a real picture, and the feature maps a network would pool."};
    if (app.narrow) {
        if (ImGui::Button(app.panel_open ? "Close" : "Settings")) app.panel_open = !app.panel_open;
    } else {
        ImGui::PushFont(app.fonts.large);
        ImGui::TextUnformatted("PoolLab");
        ImGui::PopFont();
    }
    for (int i = 0; i < kSceneCount; ++i) {
        ImGui::SameLine();
        const bool selected = static_cast<int>(app.scene) == i;
        ImGui::PushStyleColor(ImGuiCol_Button, selected ? ImVec4(0.37f, 0.21f, 0.69f, 1.0f) : ImGui::GetStyle().Colors[ImGuiCol_Button]);
        ImGui::PushStyleColor(ImGuiCol_Text, selected ? ImVec4(1, 1, 1, 1) : ImGui::GetStyle().Colors[ImGuiCol_Text]);
        if (ImGui::Button(titles[i])) app.scene = static_cast<Scene>(i);
        ImGui::PopStyleColor(2);
    }
    if (app.narrow) {  // the rest of the bar in a menu
        ImGui::SameLine();
        if (ImGui::Button("More")) ImGui::OpenPopup("more");
        if (ImGui::BeginPopup("more")) {
            if (ImGui::MenuItem("Copy link")) platform::copy_text(platform::link_address(app_link(app)));
            if (ImGui::MenuItem("Save a PNG")) app.png_requested = true;
            if (ImGui::MenuItem("Save the grids as CSV")) {
                std::string name;
                const std::string text = app_export_csv(app, &name);
                platform::download(name, "text/csv", text);
            }
            if (ImGui::MenuItem("Keyboard shortcuts")) app.help = true;
            ImGui::EndPopup();
        }
        return;
    }
    // Reset and Copy link, at the right end of the bar.
    const ImGuiStyle& style = ImGui::GetStyle();
    const char* copy = "Copy link";
    const char* reset = "Reset";
    const char* keys = "Keys";
    const char* png = "PNG";
    const char* csv = "CSV";
    float w = style.ItemSpacing.x * 4;
    for (const char* b : {copy, reset, keys, png, csv}) w += ImGui::CalcTextSize(b).x + style.FramePadding.x * 2;
    // The scene's one-line description, where it fits between the scene buttons and the others.
    const char* blurb = blurbs[static_cast<int>(app.scene)];
    ImGui::SameLine();
    if (ImGui::GetCursorPosX() + ImGui::CalcTextSize(blurb).x + style.ItemSpacing.x < ImGui::GetWindowContentRegionMax().x - w) {
        ImGui::AlignTextToFramePadding();
        ImGui::TextDisabled("%s", blurb);
        ImGui::SameLine();
    }
    ImGui::SameLine(std::max(ImGui::GetCursorPosX(), ImGui::GetWindowContentRegionMax().x - w));
    auto centre = [] { return ImVec2((ImGui::GetItemRectMin().x + ImGui::GetItemRectMax().x) * 0.5f, (ImGui::GetItemRectMin().y + ImGui::GetItemRectMax().y) * 0.5f); };
    if (ImGui::Button(png)) app.png_requested = true;
    app.png_button = centre();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Save the view as a PNG picture");
    ImGui::SameLine();
    if (ImGui::Button(csv)) {
        std::string name;
        const std::string text = app_export_csv(app, &name);
        platform::download(name, "text/csv", text);
    }
    app.csv_button = centre();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Save this scene's grids (or its layer table) as CSV");
    ImGui::SameLine();
    if (ImGui::Button(keys)) app.help = !app.help;
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Keyboard shortcuts (? or F1)");
    ImGui::SameLine();
    if (ImGui::Button(reset)) {
        switch (app.scene) {  // back to the course example of this scene
            case Scene::Steps: app.steps = pl::steps_scene_course(); break;
            case Scene::Shift: app.shift = pl::shift_scene_default(); break;
            case Scene::Fields: app.fields = pl::field_scene_default(); break;
            case Scene::Image: app.image = pl::image_scene_default(); break;
        }
        app.link_notices.clear();
    }
    app.reset_button = centre();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Back to the course example of this scene");
    ImGui::SameLine();
    if (ImGui::Button(copy)) platform::copy_text(platform::link_address(app_link(app)));
    app.copy_button = centre();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("A link that opens PoolLab exactly as it is now");
}


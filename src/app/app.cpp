#include "app/app.h"

#include <imgui.h>

#include <algorithm>

#include "core/json.h"
#include "core/link.h"
#include "platform/platform.h"

void app_init(App& app) {
    if (!heatmap_init()) {
        app.steps_view.notice = "Value colours are drawn cell by cell: " + heatmap_error();
    }
    const std::string link = platform::initial_link();
    if (!link.empty() && link != "#") app_open_link(app, link);
}

namespace {

static_assert(static_cast<int>(Scene::Fields) == static_cast<int>(pl::LinkScene::Fields) &&
                  static_cast<int>(Scene::Shift) == static_cast<int>(pl::LinkScene::Shift),
              "scenes and link scenes in the same order");

pl::LinkState link_state(const App& app) {
    pl::LinkState s;
    s.scene = static_cast<pl::LinkScene>(app.scene);
    s.steps = app.steps;
    s.shift = app.shift;
    s.fields = app.fields;
    s.shift_tab = shift_tab_name(app.shift_view.tab);
    return s;
}

}  // namespace

void app_open_link(App& app, const std::string& fragment) {
    app.link_notices.clear();
    const pl::LinkState s = pl::read_link(fragment, link_state(app), embedded_mnist7(), &app.link_notices);
    app.scene = static_cast<Scene>(s.scene);
    app.steps = s.steps;
    app.shift = s.shift;
    app.fields = s.fields;
    for (int t = 0; t < kShiftTabCount; ++t) {
        if (s.shift_tab == shift_tab_name(static_cast<ShiftTab>(t))) {
            app.shift_view.tab = static_cast<ShiftTab>(t);
            app.shift_view.tab_requested = true;
        }
    }
}

std::string app_link(const App& app) { return pl::link_fragment(link_state(app), embedded_mnist7()); }

void app_shutdown(App& app) {
    app.steps_view.input_map.release();
    app.steps_view.output_map.release();
    app.shift_view.maps.release();
    heatmap_shutdown();
}

const char* scene_name(Scene scene) {
    switch (scene) {
        case Scene::Steps: return "steps";
        case Scene::Shift: return "shift";
        case Scene::Fields: return "fields";
    }
    return "?";
}

bool parse_scene(const std::string& name, Scene* scene) {
    for (int i = 0; i < kSceneCount; ++i) {
        if (name == scene_name(static_cast<Scene>(i))) {
            *scene = static_cast<Scene>(i);
            return true;
        }
    }
    return false;
}

namespace {

void scene_shortcuts(App& app) {
    for (ShortcutKey k : app.keys) {
        if (k == ShortcutKey::NextScene && !ImGui::GetIO().WantTextInput) {
            app.scene = static_cast<Scene>((static_cast<int>(app.scene) + 1) % kSceneCount);
        }
    }
    if (app.scene == Scene::Steps) steps_view_shortcuts(app.steps, app.steps_view, app.keys);
    if (app.scene == Scene::Shift) shift_view_shortcuts(app.shift, app.shift_view, app.keys);
    if (app.scene == Scene::Fields) field_view_shortcuts(app.fields, app.field_view, app.keys);
    app.keys.clear();
}

// The bar that picks the scene, with the scene's one-line description.
void scene_bar(App& app) {
    static const char* titles[kSceneCount] = {"Step through pooling", "Shift invariance", "Receptive fields"};
    static const char* blurbs[kSceneCount] = {
        "Watch a window slide over the input and write one output cell per step.",
        "Move a feature by a pixel and see where pooling keeps the output and where it breaks.",
        "Build a layer stack and see how far into the input each unit sees."};
    ImGui::PushFont(app.fonts.large);
    ImGui::TextUnformatted("PoolLab");
    ImGui::PopFont();
    for (int i = 0; i < kSceneCount; ++i) {
        ImGui::SameLine();
        const bool selected = static_cast<int>(app.scene) == i;
        ImGui::PushStyleColor(ImGuiCol_Button, selected ? ImVec4(0.37f, 0.21f, 0.69f, 1.0f) : ImGui::GetStyle().Colors[ImGuiCol_Button]);
        ImGui::PushStyleColor(ImGuiCol_Text, selected ? ImVec4(1, 1, 1, 1) : ImGui::GetStyle().Colors[ImGuiCol_Text]);
        if (ImGui::Button(titles[i])) app.scene = static_cast<Scene>(i);
        ImGui::PopStyleColor(2);
    }
    ImGui::SameLine();
    ImGui::AlignTextToFramePadding();
    ImGui::TextDisabled("%s", blurbs[static_cast<int>(app.scene)]);
    // Copy link, at the right end of the bar.
    const char* copy = "Copy link";
    const float w = ImGui::CalcTextSize(copy).x + ImGui::GetStyle().FramePadding.x * 2;
    ImGui::SameLine(std::max(ImGui::GetCursorPosX(), ImGui::GetWindowContentRegionMax().x - w));
    if (ImGui::Button(copy)) platform::copy_text(platform::link_address(app_link(app)));
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("A link that opens PoolLab exactly as it is now");
    // What a link could not restore, until dismissed.
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

}  // namespace

void app_frame(App& app, float dt) {
    pl::steps_advance(app.steps, dt);
    scene_shortcuts(app);
    // Keep the address bar's link in step with the state, a few times a second.
    const double now = ImGui::GetTime();
    if (now - app.link_checked_at >= 0.25) {
        app.link_checked_at = now;
        const std::string link = app_link(app);
        if (link != app.shown_link) {
            app.shown_link = link;
            platform::show_link(link);
        }
    }

    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->WorkPos);
    ImGui::SetNextWindowSize(vp->WorkSize);
    ImGui::Begin("PoolLab", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoScrollbar);
    scene_bar(app);
    if (app.scene == Scene::Steps) steps_view_draw(app.steps, app.steps_view, app.fonts, app.ratio);
    if (app.scene == Scene::Shift) shift_view_draw(app.shift, app.shift_view, app.fonts, app.ratio);
    if (app.scene == Scene::Fields) field_view_draw(app.fields, app.field_view, app.fonts, app.ratio);
    ImGui::End();
    ++app.frame;
}

std::string app_state_json(const App& app) {
    std::string notices = "[";
    for (const std::string& n : app.link_notices) notices += (notices.size() > 1 ? "," : "") + pl::json_quote(n);
    notices += "]";
    return "{\"frame\":" + std::to_string(app.frame) + ",\"ratio\":" + std::to_string(app.ratio) + ",\"scene\":\"" +
           scene_name(app.scene) + "\",\"steps\":" + pl::steps_scene_json(app.steps) +
           ",\"view\":" + steps_view_json(app.steps_view, app.ratio) + ",\"shift\":" + pl::shift_scene_json(app.shift) +
           ",\"shift_view\":" + shift_view_json(app.shift_view, app.ratio) + ",\"fields\":" + pl::field_scene_json(app.fields) +
           ",\"field_view\":" + field_view_json(app.field_view, app.ratio) + ",\"link\":" + pl::json_quote(app.shown_link) +
           ",\"link_notices\":" + notices + "}";
}

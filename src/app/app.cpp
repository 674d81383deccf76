#include "app/app.h"

#include <imgui.h>

void app_init(App& app) {
    if (!heatmap_init()) {
        app.steps_view.notice = "Value colours are drawn cell by cell: " + heatmap_error();
    }
}

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
}

}  // namespace

void app_frame(App& app, float dt) {
    pl::steps_advance(app.steps, dt);
    scene_shortcuts(app);

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
    return "{\"frame\":" + std::to_string(app.frame) + ",\"ratio\":" + std::to_string(app.ratio) + ",\"scene\":\"" +
           scene_name(app.scene) + "\",\"steps\":" + pl::steps_scene_json(app.steps) +
           ",\"view\":" + steps_view_json(app.steps_view, app.ratio) + ",\"shift\":" + pl::shift_scene_json(app.shift) +
           ",\"shift_view\":" + shift_view_json(app.shift_view, app.ratio) + ",\"fields\":" + pl::field_scene_json(app.fields) +
           ",\"field_view\":" + field_view_json(app.field_view, app.ratio) + "}";
}

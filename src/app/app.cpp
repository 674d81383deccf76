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
    heatmap_shutdown();
}

void app_frame(App& app, float dt) {
    pl::steps_advance(app.steps, dt);
    steps_view_shortcuts(app.steps, app.steps_view, app.keys);
    app.keys.clear();

    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->WorkPos);
    ImGui::SetNextWindowSize(vp->WorkSize);
    ImGui::Begin("PoolLab", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoScrollbar);
    ImGui::PushFont(app.fonts.large);
    ImGui::TextUnformatted("PoolLab");
    ImGui::PopFont();
    ImGui::SameLine();
    ImGui::AlignTextToFramePadding();
    ImGui::TextDisabled("Step through pooling: watch a window slide over the input and write one output cell per step.");
    steps_view_draw(app.steps, app.steps_view, app.fonts, app.ratio);
    ImGui::End();
    ++app.frame;
}

std::string app_state_json(const App& app) {
    return "{\"frame\":" + std::to_string(app.frame) + ",\"ratio\":" + std::to_string(app.ratio) +
           ",\"steps\":" + pl::steps_scene_json(app.steps) + ",\"view\":" + steps_view_json(app.steps_view, app.ratio) + "}";
}

#include "app/shell/try_card.h"

#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <string>

#include "app/shell/app.h"

namespace {

size_t shown(const App& app) { return static_cast<size_t>(app.scenes.shown); }

bool was_done(const App& app, const char* id) {
    const std::vector<std::string>& done = app.tasks_done[shown(app)];
    return std::find(done.begin(), done.end(), id) != done.end();
}

// A round mark: filled with a tick once done, an empty ring before.
void mark(bool done, float size) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const ImVec2 c(p.x + size * 0.5f, p.y + ImGui::GetTextLineHeight() * 0.5f);
    const float r = size * 0.42f;
    if (done) {
        dl->AddCircleFilled(c, r, IM_COL32(46, 125, 50, 255));
        const ImVec2 tick[3] = {ImVec2(c.x - r * 0.5f, c.y), ImVec2(c.x - r * 0.1f, c.y + r * 0.4f), ImVec2(c.x + r * 0.55f, c.y - r * 0.45f)};
        dl->AddPolyline(tick, 3, IM_COL32(255, 255, 255, 255), 0, std::max(1.5f, r * 0.28f));
    } else {
        dl->AddCircle(c, r, IM_COL32(150, 150, 145, 255), 0, std::max(1.0f, r * 0.15f));
    }
    ImGui::Dummy(ImVec2(size, ImGui::GetTextLineHeight()));
}

}  // namespace

void try_note_done(App& app) {
    const pl::SceneModel& m = pl::scene_model(app.scenes.shown);
    if (!m.tasks) return;
    for (const pl::SceneTask& t : m.tasks()) {
        if (!was_done(app, t.id) && t.done(app_model(app, app.scenes.shown))) app.tasks_done[shown(app)].emplace_back(t.id);
    }
}

void try_card(App& app) {
    const pl::SceneModel& m = pl::scene_model(app.scenes.shown);
    if (!m.tasks) return;
    const std::vector<pl::SceneTask>& tasks = m.tasks();
    int done = 0;
    for (const pl::SceneTask& t : tasks) done += was_done(app, t.id) ? 1 : 0;
    char header[64];
    std::snprintf(header, sizeof header, "Try this: %d of %d done###try this", done, static_cast<int>(tasks.size()));
    ImGui::SetNextItemOpen(!app.try_folded[shown(app)]);
    const bool open = ImGui::CollapsingHeader(header);
    app.try_folded[shown(app)] = !open;
    if (!open) return;
    const float size = ImGui::GetTextLineHeight();
    ImGui::PushTextWrapPos(0);
    for (const pl::SceneTask& t : tasks) {
        const bool d = was_done(app, t.id);
        mark(d, size);
        ImGui::SameLine();
        if (d) ImGui::TextDisabled("%s", t.text);
        else ImGui::TextUnformatted(t.text);
    }
    ImGui::PopTextWrapPos();
    ImGui::Spacing();
}

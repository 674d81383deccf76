#include "app/shell/app.h"

#include <imgui.h>

#include <algorithm>

#include "app/shell/chrome.h"
#include "app/shell/try_card.h"
#include "app/widgets/heatmap.h"
#include "app/widgets/layout_check.h"
#include "app/widgets/term.h"
#include "core/json.h"
#include "core/link.h"
#include "platform/platform.h"

using pl::Scene;

pl::Scene app_scene(const App& app) { return app.scenes.shown; }

std::any& app_model(App& app, Scene scene) { return app.scenes.models[static_cast<size_t>(scene)]; }

void app_init(App& app) {
    // A link wins; without one, the state of the last visit comes back.
    std::string link = platform::initial_link();
    if (link.empty() || link == "#") link = platform::load_saved_link();
    if (!link.empty() && link != "#") app_open_link(app, link);
    // A scene that draws its first frame without heat maps has the shader
    // compiled after that frame (app_gpu_start): on a slow GPU the compile
    // would hold the first frame up.
    if (scene_view(app_scene(app)).needs_shader_first) app_gpu_start(app);
}

void app_gpu_start(App&) {
    if (!heatmap_ready() && heatmap_error().empty()) heatmap_init();  // a failure is shown by the views (heatmap_error)
}

void app_gpu_lost(App&) { heatmap_context_lost(); }

void app_shutdown(App&) {
    for (int i = 0; i < pl::kSceneCount; ++i) {
        if (const SceneView& v = scene_view(static_cast<Scene>(i)); v.shutdown) v.shutdown();
    }
    heatmap_shutdown();
}

void app_open_link(App& app, const std::string& fragment) {
    app.link_notices.clear();
    app.scenes = pl::read_link(fragment, app.scenes, &app.link_notices);
}

std::string app_link(const App& app) { return pl::link_fragment(app.scenes); }

void app_open_file(App& app, std::string_view bytes, const std::string& name, const std::string& source) {
    for (int i = 0; i < pl::kSceneCount; ++i) {
        const SceneView& v = scene_view(static_cast<Scene>(i));
        if (!v.file_arrived) continue;
        if (source == "file") app.scenes.shown = v.id;  // the student's own file: show it
        v.file_arrived(app_model(app, v.id), bytes, name, source);
        return;
    }
}

void app_file_refused(App& app, const std::string& message) {
    for (int i = 0; i < pl::kSceneCount; ++i) {
        const SceneView& v = scene_view(static_cast<Scene>(i));
        if (!v.file_refused) continue;
        app.scenes.shown = v.id;  // the scene that would have shown the file says why not
        v.file_refused(app_model(app, v.id), message);
        return;
    }
}

namespace {

pl::History& shown_history(App& app) { return app.history[static_cast<size_t>(app.scenes.shown)]; }
std::string shown_edit_key(const App& app) { return pl::scene_edit_key(app.scenes.shown, app.scenes.models[static_cast<size_t>(app.scenes.shown)]); }
bool undo_kept(const App& app) { return pl::scene_model(app.scenes.shown).undo_depth > 0; }

// After a frame: the shown scene's edit, once the gesture is over (no button
// held, no text field taking keys), becomes a step back.
void note_history(App& app) {
    const pl::SceneModel& m = pl::scene_model(app.scenes.shown);
    if (m.undo_depth == 0) return;
    const bool settled = !ImGui::IsAnyMouseDown() && !ImGui::GetIO().WantTextInput;
    pl::history_note(shown_history(app), app_model(app, m.id), shown_edit_key(app), settled, m.undo_depth);
}

}  // namespace

bool app_reduce_motion(const App& app) {
    using M = pl::SceneSet::Motion;
    return app.scenes.motion == M::Reduce || (app.scenes.motion == M::System && platform::prefers_reduced_motion());
}

bool app_can_undo(const App& app) { return undo_kept(app) && pl::history_can_undo(app.history[static_cast<size_t>(app.scenes.shown)], shown_edit_key(app)); }
bool app_can_redo(const App& app) { return undo_kept(app) && pl::history_can_redo(app.history[static_cast<size_t>(app.scenes.shown)], shown_edit_key(app)); }

void app_undo(App& app) {
    if (undo_kept(app)) pl::history_undo(shown_history(app), app_model(app, app.scenes.shown), shown_edit_key(app));
}

void app_redo(App& app) {
    if (undo_kept(app)) pl::history_redo(shown_history(app), app_model(app, app.scenes.shown), shown_edit_key(app));
}

void app_command(App& app, const std::string& command) {
    if (command == "report-layout") {  // the tests' layout self-check, from now on in every state
        app.report_layout = true;
        return;
    }
    if (command == "try-fold" || command == "try-unfold") {  // the shown scene's Try-this card, as its header does
        app.try_folded[static_cast<size_t>(app.scenes.shown)] = command == "try-fold";
        return;
    }
    if (command == "help-words" || command == "help-keys") {  // the help, open on one of its tabs
        app.help = true;
        app.help_select = command == "help-words" ? 1 : 0;
        return;
    }
    const pl::SceneModel& m = pl::scene_model(app_scene(app));
    if (m.command) m.command(app_model(app, m.id), command);
}

namespace {

void scene_shortcuts(App& app) {
    if (!app.scenes.controls) {  // a view-only figure takes no keys
        app.keys.clear();
        return;
    }
    // A key that ends typing (Tab, Enter) belongs to the field, also in the
    // frame after the field let go of it.
    if (ImGui::GetIO().WantTextInput) app.typed_recently = 3;
    const bool typing = app.typed_recently > 0;
    for (ImWchar ch : ImGui::GetIO().InputQueueCharacters) {
        if (ch == '?' && !typing) app.help = !app.help;
    }
    for (ShortcutKey k : app.keys) {
        if (k == ShortcutKey::Help) app.help = !app.help;
    }
    if (app.help) {  // the help window has the keyboard
        app.keys.clear();
        return;
    }
    for (ShortcutKey k : app.keys) {
        // In a text field Ctrl+Z is the field's own (Dear ImGui undoes the typing).
        if (k == ShortcutKey::Undo && !typing) app_undo(app);
        if (k == ShortcutKey::Redo && !typing) app_redo(app);
        // Embedded, Tab belongs to the course page; a figure shows the scene its teacher chose.
        if (k == ShortcutKey::NextScene && !typing && !app.scenes.embed) app.scenes.shown = static_cast<Scene>((static_cast<int>(app.scenes.shown) + 1) % pl::kSceneCount);
    }
    scene_view(app_scene(app)).shortcuts(app_model(app, app_scene(app)), app.keys);
    app.keys.clear();
}

// Keeps the address bar's link in step with the state, a few times a second,
// and always in the last frame before the app sleeps.
void follow_link(App& app) {
    const double now = ImGui::GetTime();
    const bool last_frame = app.settle <= 1 && !app.animating;
    if (now - app.link_checked_at < 0.25 && !last_frame) return;
    app.link_checked_at = now;
    const std::string link = app_link(app);
    if (link != app.shown_link) {
        app.shown_link = link;
        platform::show_link(link);
        if (!app.scenes.embed) platform::save_link(link);  // an embedded figure never overwrites the student's own state
    }
}

// A grid one scene sent another (the picture scene's patches) goes to that scene, which is then shown.
void deliver(App& app, const SceneFrame& frame) {
    if (!frame.open_link.empty()) app_open_link(app, frame.open_link);
    if (!frame.send) return;
    const pl::SceneModel& to = pl::scene_model(frame.send_to);
    if (to.take_grid && to.take_grid(app_model(app, to.id), frame.send_grid)) app.scenes.shown = to.id;
}

}  // namespace

namespace {
// Frames drawn after an event: ImGui shows a hover or opens a popup a frame
// after the input, and sizes some windows a frame after that.
constexpr int kSettleFrames = 6;
// The longest step an animation takes in one frame: the first frame after a
// long sleep must not jump (a "play" from the page arrives between frames).
constexpr double kMaxAnimationStep = 0.1;

// Whether this frame brought input (events that came while the app was awake
// anyway, which no wake announced): the app then keeps drawing until it settles.
bool frame_has_input(const App& app) {
    const ImGuiIO& io = ImGui::GetIO();
    if (!app.keys.empty() || !io.InputQueueCharacters.empty() || io.MouseWheel != 0.0f || io.MouseWheelH != 0.0f) return true;
    if (io.MouseDelta.x != 0.0f || io.MouseDelta.y != 0.0f) return true;
    for (bool down : io.MouseDown) if (down) return true;
    for (bool down : io.KeysDown) if (down) return true;
    return false;
}

}  // namespace

void app_wake(App& app) { app.settle = std::max(app.settle, kSettleFrames); }


bool app_busy(const App& app) { return app.settle > 0 || app.animating || ImGui::GetIO().WantTextInput; }

void app_frame(App& app, float dt) {
    if (frame_has_input(app)) app_wake(app);
    theme::clear_sections_drawn();
    term::clear_offered();
    app.animating = false;
    for (int i = 0; i < pl::kSceneCount; ++i) {
        const pl::SceneModel& m = pl::scene_model(static_cast<Scene>(i));
        if (m.advance && m.advance(app_model(app, m.id), std::min(static_cast<double>(dt), kMaxAnimationStep))) app.animating = true;
    }
    scene_shortcuts(app);
    // Tell screen readers when what the scene shows changes.
    const pl::SceneModel& shown = pl::scene_model(app_scene(app));
    if (std::string said = shown.narration(app_model(app, shown.id)); said != app.narration) {
        app.narration = said;
        platform::announce(said);
    }
    follow_link(app);

    const ImGuiViewport* vp = ImGui::GetMainViewport();
    const bool was_narrow = app.narrow;
    app.narrow = vp->WorkSize.x < 760.0f * app.ratio;
    if (app.narrow != was_narrow) app.panel_open = false;
    ImGui::SetNextWindowPos(vp->WorkPos);
    ImGui::SetNextWindowSize(vp->WorkSize);
    ImGui::Begin("PoolLab", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoScrollbar);
    const bool embed = app.scenes.embed, controls = app.scenes.controls;
    if (!embed) scene_bar(app);
    link_notices_banner(app);
    help_window(app);
    // Embedded, the settings panel goes; a view-only figure also loses the transport and the tabs.
    SceneFrame frame{app.fonts, app.ratio, SceneLayout{!embed && !app.narrow, controls, app.narrow && app.panel_open && !embed && controls, {}},
                     false, pl::Scene{}, pl::Grid{}, {}, app_reduce_motion(app)};
    try_note_done(app);
    if (controls) frame.layout.card = [&app] { try_card(app); };
    scene_view(app_scene(app)).draw(app_model(app, app_scene(app)), frame);
    ImGui::End();
    deliver(app, frame);
    note_history(app);
    ++app.frame;
    if (app.settle > 0) --app.settle;
    if (app.typed_recently > 0) --app.typed_recently;
}

namespace {

// The layout self-check, sizes in CSS pixels.
void write_layout(pl::JsonWriter& j, const LayoutReport& r, float dpr) {
    j.key("layout").begin_object();
    j.key("glyphs").value(static_cast<long long>(r.glyphs));
    j.key("smallest_text").value(static_cast<double>(r.smallest_text / dpr));
    for (auto [name, list] : {std::pair{"clipped", &r.clipped}, {"scrolled", &r.scrolled}, {"overlaps", &r.overlaps}}) {
        j.key(name).begin_array();
        for (const std::string& s : *list) j.value(s);
        j.end_array();
    }
    j.end_object();
}

}  // namespace

std::string app_state_json(const App& app) {
    pl::JsonWriter j;
    j.begin_object();
    j.key("frame").value(static_cast<long long>(app.frame));
    j.key("ratio").raw(std::to_string(app.dpr));  // "1.000000": the desktop smoke test greps for "ratio":1.0
    j.key("growth").value(static_cast<double>(app.growth));
    j.key("scene").value(pl::scene_model(app_scene(app)).name);
    for (int i = 0; i < pl::kSceneCount; ++i) {
        const pl::SceneModel& m = pl::scene_model(static_cast<Scene>(i));
        const std::any& model = app.scenes.models[static_cast<size_t>(i)];
        j.key(m.name).raw(m.json(model));
        j.key(std::string(m.name) + "_view").raw(scene_view(m.id).json(model, app.dpr));
    }
    j.key("link").value(app.shown_link);
    j.key("link_notices").begin_array();
    for (const std::string& n : app.link_notices) j.value(n);
    j.end_array();
    j.key("panel").begin_array();  // the settings panel's sections in the last frame
    for (const std::string& s : theme::sections_drawn()) j.value(s);
    j.end_array();
    // The glossary's terms that explain themselves on screen in the last frame (CSS pixels), and the one explaining itself now.
    j.key("terms").begin_array();
    for (const term::Offered& t : term::offered()) {
        j.begin_object().key("id").value(t.id).key("x").value(t.centre.x / app.ratio).key("y").value(t.centre.y / app.ratio).end_object();
    }
    j.end_array();
    j.key("term_showing").value(term::showing());
    // Try this: the shown scene's tasks, whether each was done in this visit, and whether the card is folded.
    j.key("tasks").begin_array();
    if (const pl::SceneModel& m = pl::scene_model(app.scenes.shown); m.tasks) {
        for (const pl::SceneTask& t : m.tasks()) {
            const std::vector<std::string>& done = app.tasks_done[static_cast<size_t>(app.scenes.shown)];
            j.begin_object().key("id").value(t.id).key("done").value(std::find(done.begin(), done.end(), t.id) != done.end()).end_object();
        }
    }
    j.end_array();
    j.key("try_folded").value(app.try_folded[static_cast<size_t>(app.scenes.shown)]);
    {
        const pl::History& h = app.history[static_cast<size_t>(app.scenes.shown)];
        j.key("undo").begin_object();
        j.key("back").value(static_cast<long long>(h.back.size()));
        j.key("forward").value(static_cast<long long>(h.forward.size()));
        j.key("can_undo").value(app_can_undo(app));
        j.key("can_redo").value(app_can_redo(app));
        j.end_object();
    }
    j.key("reduce_motion").value(app_reduce_motion(app));
    j.key("help").value(app.help).key("help_tab").value(app.help_tab);
    j.key("help_words").begin_array();
    for (const std::string& w : app.help_words) j.value(w);
    j.end_array();
    j.key("embed").value(app.scenes.embed);
    j.key("controls").value(app.scenes.controls);
    j.key("narrow").value(app.narrow);
    j.key("buttons").begin_object();
    for (auto [name, at] : {std::pair{"copy_link", app.copy_button}, {"reset", app.reset_button}, {"png", app.png_button}, {"csv", app.csv_button}, {"undo", app.undo_button}, {"redo", app.redo_button}}) {
        j.key(name).begin_array().value(at.x / app.dpr).value(at.y / app.dpr).end_array();
    }
    j.end_object();
    if (app.report_layout) write_layout(j, check_layout(ImGui::GetDrawData()), app.dpr);
    j.end_object();
    return j.str();
}

#include "app/shell/app.h"

#include "app/shell/app_chrome.h"

#include <imgui.h>

#include <algorithm>

#include "core/csv.h"
#include "core/json.h"
#include "core/link.h"
#include "platform/platform.h"

void app_init(App& app) {
    // A link wins; without one, the state of the last visit comes back.
    std::string link = platform::initial_link();
    if (link.empty() || link == "#") link = platform::load_saved_link();
    if (!link.empty() && link != "#") app_open_link(app, link);
    // The step scene draws its first frame cell by cell, so the heat-map
    // shader is compiled after it (app_gpu_start), not before: on a slow GPU
    // the compile would hold up the first frame. The other scenes need it at once.
    if (app.scene != Scene::Steps) app_gpu_start(app);
}

void app_gpu_start(App& app) {
    if (heatmap_ready() || !heatmap_error().empty()) return;
    if (!heatmap_init()) {
        app.steps_view.notice = "Value colours are drawn cell by cell: " + heatmap_error();
    }
}

void app_gpu_lost(App&) { heatmap_context_lost(); }

namespace {

static_assert(static_cast<int>(Scene::Fields) == static_cast<int>(pl::LinkScene::Fields) &&
                  static_cast<int>(Scene::Shift) == static_cast<int>(pl::LinkScene::Shift) &&
                  static_cast<int>(Scene::Image) == static_cast<int>(pl::LinkScene::Image),
              "scenes and link scenes in the same order");

pl::LinkState link_state(const App& app) {
    pl::LinkState s;
    s.scene = static_cast<pl::LinkScene>(app.scene);
    s.steps = app.steps;
    s.shift = app.shift;
    s.fields = app.fields;
    s.image = app.image;
    s.shift_tab = shift_tab_name(app.shift_view.tab);
    s.image_tab = image_tab_name(app.image_view.tab);
    s.embed = app.embed;
    s.controls = app.controls;
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
    app.image = s.image;
    app.embed = s.embed;
    app.controls = s.controls;
    for (int t = 0; t < kShiftTabCount; ++t) {
        if (s.shift_tab == shift_tab_name(static_cast<ShiftTab>(t))) {
            app.shift_view.tab = static_cast<ShiftTab>(t);
            app.shift_view.tab_requested = true;
        }
    }
    for (int t = 0; t < kImageTabCount; ++t) {
        if (s.image_tab == image_tab_name(static_cast<ImageTab>(t))) {
            app.image_view.tab = static_cast<ImageTab>(t);
            app.image_view.tab_requested = true;
        }
    }
}

void app_open_picture(App& app, std::string_view bytes, const std::string& name, const std::string& source) {
    if (source == "file") app.scene = Scene::Image;
    image_view_picture_arrived(app.image, app.image_view, bytes, name, source);
}

std::string app_export_csv(const App& app, std::string* name) {
    std::string out;
    switch (app.scene) {
        case Scene::Steps:
            *name = "poollab-steps.csv";
            pl::append_long_csv(&out, "input", app.steps.input);
            if (app.steps.error.empty()) pl::append_long_csv(&out, "output", app.steps.result.output);
            break;
        case Scene::Shift: {
            *name = "poollab-shift.csv";
            const int k = pl::op_index(app.shift.focus);
            const std::string op = pl::downsample_name(app.shift.focus);
            pl::append_long_csv(&out, "original", app.shift.feature);
            pl::append_long_csv(&out, "shifted", app.shift.shifted);
            if (app.shift.errors[static_cast<size_t>(k)].empty()) {
                pl::append_long_csv(&out, op + " of original", app.shift.before[static_cast<size_t>(k)]);
                pl::append_long_csv(&out, op + " of shifted", app.shift.after[static_cast<size_t>(k)]);
            }
            break;
        }
        case Scene::Fields: {
            *name = "poollab-fields.csv";
            const pl::Summary& s = app.fields.shown_summary;
            out = "layer,type,output_shape,params,receptive_field_rows,receptive_field_cols,jump,start_row,start_col,activations,multiply_adds\n";
            for (size_t i = 0; i < s.layers.size(); ++i) {
                const pl::LayerInfo& l = s.layers[i];
                out += std::to_string(i + 1) + "," + pl::layer_kind_name(app.fields.shown.layers[i].kind) + "," + pl::shape_text(l.out) + "," +
                       std::to_string(l.params) + "," + (l.whole_input ? "all,all,,," : std::to_string(l.rf_h.size) + "," + std::to_string(l.rf_w.size) + "," +
                       std::to_string(l.rf_h.jump) + "," + std::to_string(l.rf_h.start) + "," + std::to_string(l.rf_w.start)) + "," +
                       std::to_string(l.activations) + "," + std::to_string(l.macs) + "\n";
            }
            break;
        }
        case Scene::Image: {
            *name = "poollab-picture.csv";
            pl::append_long_csv(&out, "picture", app.image.picture);
            for (int k = 0; k < app.image.stage_count; ++k) {
                const pl::ImageStage& st = app.image.stages[static_cast<size_t>(k)];
                const std::string n = std::to_string(k + 1);
                pl::append_long_csv(&out, "kernel " + n, st.kernel);
                pl::append_long_csv(&out, "feature map " + n, st.feature);
                pl::append_long_csv(&out, "pooled " + n, st.pooled);
            }
            break;
        }
    }
    return out;
}

std::string app_link(const App& app) { return pl::link_fragment(link_state(app), embedded_mnist7()); }

void app_shutdown(App& app) {
    app.steps_view.input_map.release();
    app.steps_view.output_map.release();
    app.shift_view.maps.release();
    app.image_view.maps.release();
    heatmap_shutdown();
}

const char* scene_name(Scene scene) {
    switch (scene) {
        case Scene::Steps: return "steps";
        case Scene::Shift: return "shift";
        case Scene::Fields: return "fields";
        case Scene::Image: return "image";
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
    if (!app.controls) {  // a view-only figure takes no keys
        app.keys.clear();
        return;
    }
    for (ImWchar ch : ImGui::GetIO().InputQueueCharacters) {
        if (ch == '?' && !ImGui::GetIO().WantTextInput) app.help = !app.help;
    }
    for (ShortcutKey k : app.keys) {
        if (k == ShortcutKey::Help) app.help = !app.help;
    }
    if (app.help) {  // the help window has the keyboard
        app.keys.clear();
        return;
    }
    for (ShortcutKey k : app.keys) {
        if (k == ShortcutKey::NextScene && !ImGui::GetIO().WantTextInput) {
            app.scene = static_cast<Scene>((static_cast<int>(app.scene) + 1) % kSceneCount);
        }
    }
    if (app.scene == Scene::Steps) steps_view_shortcuts(app.steps, app.steps_view, app.keys);
    if (app.scene == Scene::Shift) shift_view_shortcuts(app.shift, app.shift_view, app.keys);
    if (app.scene == Scene::Fields) field_view_shortcuts(app.fields, app.field_view, app.keys);
    if (app.scene == Scene::Image) image_view_shortcuts(app.image, app.image_view, app.keys);
    app.keys.clear();
}

}  // namespace

namespace {

// The picture scene's "Step through it" and "Shift it": a patch of the first
// feature map (after ReLU) or of the picture, around the pinned pooled cell or
// the middle of the view, becomes the other scene's input.
void send_patches(App& app) {
    ImageView& v = app.image_view;
    if (!v.send_to_steps && !v.send_to_shift) return;
    const pl::ImageScene& s = app.image;
    // The centre, as a fraction of the picture.
    float fr = v.zoom.cy, fc = v.zoom.cx;
    if (v.pin_stage >= 0) {
        const pl::ImageTrace t = pl::image_trace(s, v.pin_stage, v.pin_row, v.pin_col);
        if (t.ok && !s.picture.empty()) {
            fr = 0.5f * static_cast<float>(t.picture_patch.r0 + t.picture_patch.r1) / static_cast<float>(s.picture.rows);
            fc = 0.5f * static_cast<float>(t.picture_patch.c0 + t.picture_patch.c1) / static_cast<float>(s.picture.cols);
        }
    }
    auto at = [&](const pl::Grid& g, int* r, int* c) {
        *r = static_cast<int>(fr * static_cast<float>(g.rows));
        *c = static_cast<int>(fc * static_cast<float>(g.cols));
    };
    int r = 0, c = 0;
    if (v.send_to_steps && !s.stages[0].activated.empty()) {
        at(s.stages[0].activated, &r, &c);
        pl::steps_load(app.steps, pl::image_patch(s.stages[0].activated, r, c, 16, 0.01f), app.steps.params, "custom");
        app.scene = Scene::Steps;
    }
    if (v.send_to_shift && !s.picture.empty()) {
        at(s.picture, &r, &c);
        app.shift.feature = pl::image_patch(s.picture, r, c, 32, 0.01f);
        app.shift.preset = "custom";
        app.shift.dx = app.shift.dy = 0;
        pl::shift_refresh(app.shift);
        app.scene = Scene::Shift;
    }
    v.send_to_steps = v.send_to_shift = false;
}

}  // namespace

void app_frame(App& app, float dt) {
    pl::steps_advance(app.steps, dt);
    scene_shortcuts(app);
    // Tell screen readers when what the scene shows changes.
    if (std::string said = narration(app); said != app.narration) {
        app.narration = said;
        platform::announce(said);
    }
    // Keep the address bar's link in step with the state, a few times a second.
    const double now = ImGui::GetTime();
    if (now - app.link_checked_at >= 0.25) {
        app.link_checked_at = now;
        const std::string link = app_link(app);
        if (link != app.shown_link) {
            app.shown_link = link;
            platform::show_link(link);
            platform::save_link(link);
        }
    }

    const ImGuiViewport* vp = ImGui::GetMainViewport();
    const bool was_narrow = app.narrow;
    app.narrow = vp->WorkSize.x < 760.0f * app.ratio;
    if (app.narrow != was_narrow) app.panel_open = false;
    ImGui::SetNextWindowPos(vp->WorkPos);
    ImGui::SetNextWindowSize(vp->WorkSize);
    ImGui::Begin("PoolLab", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoScrollbar);
    if (!app.embed) scene_bar(app);
    link_notices_banner(app);
    help_window(app);
    // Embedded, the settings panel goes; a view-only figure also loses the transport and the tabs.
    SceneLayout layout{!app.embed && !app.narrow, app.controls, false};
    if (app.narrow && app.panel_open && !app.embed && app.controls) layout.panel_only = true;
    if (app.scene == Scene::Steps) steps_view_draw(app.steps, app.steps_view, app.fonts, app.ratio, layout);
    if (app.scene == Scene::Shift) shift_view_draw(app.shift, app.shift_view, app.fonts, app.ratio, layout);
    if (app.scene == Scene::Fields) field_view_draw(app.fields, app.field_view, app.fonts, app.ratio, layout);
    if (app.scene == Scene::Image) image_view_draw(app.image, app.image_view, app.fonts, app.ratio, layout);
    ImGui::End();
    send_patches(app);
    ++app.frame;
}

std::string app_state_json(const App& app) {
    std::string buttons;
    for (auto [name, at] : {std::pair{"copy_link", app.copy_button}, {"reset", app.reset_button}, {"png", app.png_button}, {"csv", app.csv_button}}) {
        buttons += (buttons.empty() ? "\"" : ",\"") + std::string(name) + "\":[" + std::to_string(at.x / app.ratio) + "," + std::to_string(at.y / app.ratio) + "]";
    }
    std::string notices = "[";
    for (const std::string& n : app.link_notices) notices += (notices.size() > 1 ? "," : "") + pl::json_quote(n);
    notices += "]";
    return "{\"frame\":" + std::to_string(app.frame) + ",\"ratio\":" + std::to_string(app.ratio) + ",\"scene\":\"" +
           scene_name(app.scene) + "\",\"steps\":" + pl::steps_scene_json(app.steps) +
           ",\"view\":" + steps_view_json(app.steps_view, app.ratio) + ",\"shift\":" + pl::shift_scene_json(app.shift) +
           ",\"shift_view\":" + shift_view_json(app.shift_view, app.ratio) + ",\"fields\":" + pl::field_scene_json(app.fields) +
           ",\"field_view\":" + field_view_json(app.field_view, app.ratio) + ",\"image\":" + pl::image_scene_json(app.image) +
           ",\"image_view\":" + image_view_json(app.image_view, app.ratio) + ",\"link\":" + pl::json_quote(app.shown_link) +
           ",\"link_notices\":" + notices + ",\"help\":" + (app.help ? "true" : "false") +
           ",\"embed\":" + (app.embed ? "true" : "false") + ",\"controls\":" + (app.controls ? "true" : "false") + ",\"narrow\":" + (app.narrow ? "true" : "false") + ",\"buttons\":{" + buttons + "}}";
}
